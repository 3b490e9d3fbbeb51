/**
 * `npm run bench:profile -- <tip|queue|claim>`: where the main thread's CPU goes for one kind of
 * request. The app runs in this process as main.ts builds it, on a scratch database (2,000
 * generated cases, BENCH_PROFILE_CASES; an officer); BENCH_PROFILE_REQUESTS requests (default 400) go through
 * `app.inject` at concurrency 8 while the V8 sampling profiler runs (node:inspector, the same
 * profiler as `--cpu-prof`). Prints main-thread CPU per request, then the top frames by self time
 * (grouped by function and file) and by package. The argon2id hash runs on the libuv threadpool,
 * so what is listed for tips is everything *outside* the hash. Writes the profile to
 * bench/results/<kind>.cpuprofile (open it in Chrome DevTools). Load average next to the figures.
 */
import '../src/common/size-threadpool';
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { systemContext } from '../src/common/request-context';
import { solveForTest } from '../src/intake/proof-of-work';
import { StaffService } from '../src/staff/staff.service';
import { totpCode } from '../src/staff/totp';
import { inProcessApp } from './in-process-app';

const KIND = (process.argv[2] ?? process.env.BENCH_PROFILE ?? 'queue') as 'tip' | 'queue' | 'claim';
const N = Number(process.env.BENCH_PROFILE_REQUESTS ?? 400);
const CONC = 8;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function summarize(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, perRequestDivisor: number): string {
  // Self time per node from the samples and their time deltas.
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (deltas[i] ?? 0));
  const byFrame = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  const root = process.cwd();
  for (const n of profile.nodes) {
    const us = self.get(n.id) ?? 0;
    if (!us) continue;
    const name = n.callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    const file = url ? relative(root, url) : '';
    byFrame.set(`${name} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`, (byFrame.get(`${name} ${file}${file ? `:${n.callFrame.lineNumber + 1}` : ''}`) ?? 0) + us);
    const pkg = !file ? `(${name.replace(/[()]/g, '')})` : /node_modules\/((@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? (file.startsWith('node:') || !file.includes('/') ? 'node internals' : file.split('/').slice(0, 2).join('/'));
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  }
  const ms = (us: number) => (us / 1000 / perRequestDivisor).toFixed(3);
  const lines = [`main thread busy ${ms(busy)} ms per request (idle ${ms(idle)} ms per request, i.e. waiting for the database or the hash)`, '', 'top frames by self time (ms per request, share of busy):'];
  for (const [k, v] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 25)) lines.push(`  ${ms(v).padStart(7)}  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
  lines.push('', 'by package / folder:');
  for (const [k, v] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 20)) lines.push(`  ${ms(v).padStart(7)}  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { client: c, world, app, close } = await inProcessApp(`profile_${KIND}`, {
    cases: Number(process.env.BENCH_PROFILE_CASES ?? 2000),
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'info', INTAKE_TIPS_PER_HOUR: '1000000', HASH_POOL_QUEUE: '1000' },
  });
  const unitCode: string = (await c.query('SELECT code FROM units WHERE id = $1', [world.target])).rows[0].code;
  const session = new Session();
  session.connect();
  try {
    let send: (i: number) => Promise<number>;
    if (KIND === 'tip') {
      const proofs: string[] = [];
      for (let i = 0; i < N + 16; i++) proofs.push(await solveForTest((await app.inject({ method: 'GET', url: '/api/v1/intake/challenge' })).json()));
      const communes: string[] = (await c.query(`SELECT code FROM localities WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 200`)).rows.map((r: { code: string }) => r.code);
      send = async (i) =>
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/tips',
            remoteAddress: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            payload: {
              category: 'use_hotspot',
              locality: communes[i % communes.length],
              observedAt: '2026-11-20T21:30',
              narrative: `Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối, lần ${i}.`,
              details: { people: 6, timesOfDay: ['night'] },
              place: 'gầm cầu cạnh chợ',
              proof: proofs[i],
            },
          })
        ).statusCode;
    } else {
      const officer = await app.get(StaffService).create(systemContext('bench'), { username: `prof-officer-${Date.now()}`, role: 'officer', unitCode, mustChangePassword: false });
      const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: officer.account.username, password: officer.password, totp: totpCode(officer.totpSecret) } });
      const auth = { authorization: `Bearer ${login.json().token}` };
      if (KIND === 'queue') {
        send = async () => (await app.inject({ method: 'GET', url: '/api/v1/cases?limit=50', headers: auth })).statusCode;
      } else {
        const cases = (await c.query(`SELECT id, version FROM cases WHERE unit_id = $1 AND status <> 'closed' AND claimed_by IS NULL ORDER BY id LIMIT 8`, [world.target])).rows.map(
          (r: { id: string; version: number }) => ({ ...r, claimed: false }),
        );
        send = async (i) => {
          const k = cases[i % cases.length];
          const res = await app.inject({ method: 'POST', url: `/api/v1/cases/${k.id}/${k.claimed ? 'release' : 'claim'}`, headers: auth, payload: { version: k.version } });
          if (res.statusCode === 200) {
            k.claimed = !k.claimed;
            k.version = (res.json() as { version: number }).version;
          }
          return res.statusCode;
        };
      }
    }
    const run = async (from: number, count: number, conc: number) => {
      const codes = new Map<number, number>();
      let next = from;
      const end = from + count;
      await Promise.all(
        Array.from({ length: conc }, async () => {
          while (next < end) {
            const code = await send(next++);
            codes.set(code, (codes.get(code) ?? 0) + 1);
          }
        }),
      );
      return codes;
    };
    // claim: one request per case at a time (a worker per case), else version conflicts.
    await run(N, 16, KIND === 'claim' ? 1 : CONC);
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const codes = await run(0, N, KIND === 'claim' ? 1 : CONC);
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(join(__dirname, 'results', `${KIND}.cpuprofile`), JSON.stringify(profile));
    process.stdout.write(
      `${KIND}: ${N} requests at concurrency ${KIND === 'claim' ? 1 : CONC} in process (app.inject), ${((N * 1000) / wall).toFixed(0)}/s, statuses ${JSON.stringify(Object.fromEntries(codes))}; ` +
        `process CPU ${((cpu.user + cpu.system) / 1000 / N).toFixed(2)} ms per request (all threads, argon2 included) (load ${loadavg().map((l) => l.toFixed(1)).join(' ')})\n`,
    );
    process.stdout.write(`${summarize(profile as unknown as { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, N)}\n`);
  } finally {
    session.disconnect();
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
