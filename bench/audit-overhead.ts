/**
 * `npm run bench:audit` (part 1): what the audit write costs a business transaction.
 * The same small business transaction (one INSERT) with and without AuditService.record, in
 * interleaved rounds on the same database, sequentially and with concurrent writers (where the
 * chain lock serialises the appends). Prints figures; asserts nothing.
 *   [DATABASE_URL=postgres://postgres@127.0.0.1:5432/test] npx ts-node --transpile-only bench/audit-overhead.ts
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../src/audit/audit.repository';
import { AuditService } from '../src/audit/audit.service';
import { scratchDatabase } from './scratch-database';

const TXNS = Number(process.env.BENCH_TXNS ?? 2000);
const WRITERS = Number(process.env.BENCH_WRITERS ?? 8);
const out = (s: string) => process.stdout.write(`${s}\n`);

async function run(ds: DataSource, audit: AuditService | null, n: number, writers: number, tag: string): Promise<number> {
  let next = 0;
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (next < n) {
        const i = next++;
        await ds.transaction(async (m) => {
          await m.query('INSERT INTO bench_business (note) VALUES ($1)', [`${tag}-${i}`]);
          if (audit) {
            await audit.record(m, { requestId: `${tag}-${i}`, actor: { type: 'system', id: 'bench' } }, {
              action: 'case.acknowledged',
              targetType: 'case',
              targetId: `c-${i}`,
              change: { status: 'acknowledged', i },
            });
          }
        });
      }
    }),
  );
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error']);
  const db = await scratchDatabase('audit', { prepare: 'schema' });
  try {
    const ds = await db.dataSource(WRITERS + 2);
    await ds.query('CREATE TABLE bench_business (id bigserial primary key, note text not null)');
    const audit = new AuditService(new AuditRepository(ds), ds);
    await run(ds, audit, 200, 1, 'warm');
    await run(ds, null, 200, 1, 'warm');
    for (const writers of [1, WRITERS]) {
      const totals = { without: 0, with: 0 };
      const rounds = 4;
      for (let r = 0; r < rounds; r++) {
        totals.without += await run(ds, null, TXNS / rounds, writers, `n${writers}-${r}`);
        totals.with += await run(ds, audit, TXNS / rounds, writers, `a${writers}-${r}`);
      }
      const per = (ms: number) => (ms / TXNS).toFixed(3);
      const tps = (ms: number) => Math.round((TXNS / ms) * 1000);
      out(`${writers} writer(s), ${TXNS} transactions each way (interleaved in ${rounds} rounds):`);
      out(`  without audit: ${per(totals.without)} ms/txn, ${tps(totals.without)} txn/s`);
      out(`  with audit:    ${per(totals.with)} ms/txn, ${tps(totals.with)} txn/s`);
      out(`  overhead:      +${((totals.with - totals.without) / TXNS).toFixed(3)} ms/txn (${(((totals.with / totals.without) - 1) * 100).toFixed(0)}%)`);
    }
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM audit_events');
    out(`audit events written: ${n}`);
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
