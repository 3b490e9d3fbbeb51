/**
 * Where a measured stretch's CPU went, per operation: the app's process (every thread) and its
 * main thread, the PostgreSQL backends serving one database, and this load client. Read from Linux
 * /proc (10 ms ticks: over a stretch of a few seconds the error is under a percent); PostgreSQL's
 * own background processes (WAL writer, checkpointer) are not counted. On a machine of `cpus` CPUs
 * the sum bounds the rate: at most cpus × 1000 / total operations per second.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import type { Client } from 'pg';

/** CPU milliseconds (user + system, every thread) from a process.cpuUsage() difference. */
export const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** CPU milliseconds each given process (or, with `mainThread`, its main thread) has used so far. */
export function procCpuMs(pids: number[], mainThread = true): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids) {
    try {
      const stat = readFileSync(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      out.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the backend ended, or PostgreSQL runs on another machine
    }
  }
  return out;
}

export interface CpuSplit {
  app: number;
  appMain: number;
  /** The backends serving the app's (and this client's) connections. */
  postgres: number;
  /** Autovacuum and other background workers in the database, counted from the time they are seen. */
  postgresOther: number;
  client: number;
  total: number;
  /** cpus × 1000 / total: the rate at which every CPU of this machine would be busy. */
  bound: number;
}

/** Starts counting; `stop(operations)` gives the CPU milliseconds per operation since. */
export async function cpuMeter(appPid: number, admin: Client, database: string): Promise<{ stop(operations: number): Promise<CpuSplit> }> {
  const kinds = new Map<number, string>();
  const backends = async () =>
    (await admin.query<{ pid: number; kind: string }>('SELECT pid, backend_type AS kind FROM pg_stat_activity WHERE datname = $1', [database])).rows.map((r) => {
      kinds.set(r.pid, r.kind);
      return r.pid;
    });
  const pg0 = procCpuMs(await backends());
  const app0 = procCpuMs([appPid], false).get(appPid) ?? 0;
  const main0 = procCpuMs([appPid]).get(appPid) ?? 0;
  const client0 = process.cpuUsage();
  return {
    async stop(operations: number): Promise<CpuSplit> {
      const client = cpuMs(process.cpuUsage(client0)) / operations;
      const app = ((procCpuMs([appPid], false).get(appPid) ?? 0) - app0) / operations;
      const appMain = ((procCpuMs([appPid]).get(appPid) ?? 0) - main0) / operations;
      let postgres = 0;
      let postgresOther = 0;
      for (const [pid, ms] of procCpuMs(await backends())) {
        const used = (ms - (pg0.get(pid) ?? 0)) / operations;
        if (kinds.get(pid) === 'client backend') postgres += used;
        else postgresOther += used;
      }
      const total = app + postgres + postgresOther + client;
      return { app, appMain, postgres, postgresOther, client, total, bound: (cpus().length * 1000) / total };
    },
  };
}

export const describeCpu = (s: CpuSplit, per: string) =>
  `CPU per ${per}: app ${s.app.toFixed(2)} ms (main thread ${s.appMain.toFixed(2)}), PostgreSQL ${s.postgres.toFixed(2)} ms (and ${s.postgresOther.toFixed(2)} ms in autovacuum or other workers), load client ${s.client.toFixed(2)} ms; ` +
  `total ${s.total.toFixed(2)} ms, so ${cpus().length} CPUs bound it at ${s.bound.toFixed(0)}/s`;
