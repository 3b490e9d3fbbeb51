/**
 * `npm run bench:audit` (part 2): verifying a long audit trail, streaming.
 * Generates BENCH_AUDIT_EVENTS (default 1,000,000) linked events in this script (hashes computed
 * here by bench/audit-chain.ts, loaded with COPY; the database's seal trigger recomputes each one) with a signed checkpoint every 100,000, then runs the same verification
 * as `audit:verify` and prints the time and the resident memory as it goes (flat = streaming).
 *   [DATABASE_URL=postgres://postgres@127.0.0.1:5432/test] npx ts-node --transpile-only bench/audit-verify.ts
 */
import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { AuditSigningKey } from '../src/audit/audit-signing-key';
import { AuditVerifyService } from '../src/audit/audit-verify.service';
import { AuditWitnesses } from '../src/audit/audit-witnesses.service';
import { AuditRepository } from '../src/audit/audit.repository';
import { AUDIT_COPY_COLUMNS, auditCopyLine, EMPTY_AUDIT_HEAD } from './audit-chain';
import { scratchDatabase } from './scratch-database';

const EVENTS = Number(process.env.BENCH_AUDIT_EVENTS ?? 1_000_000);
const CHECKPOINT_EVERY = 100_000;
const out = (s: string) => process.stdout.write(`${s}\n`);
const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function main(): Promise<void> {
  const db = await scratchDatabase('audit', { prepare: 'schema' });
  try {
    const ds = await db.dataSource(4);
    const key = new AuditSigningKey(generateKeyPairSync('ed25519').privateKey, 'bench');
    const checkpoints: string[] = [];
    const t0 = Date.now();
    const head = { ...EMPTY_AUDIT_HEAD };
    const base = Date.UTC(2026, 0, 1);
    function* rows(): Generator<string> {
      let buf: string[] = [];
      for (let i = 1; i <= EVENTS; i++) {
        buf.push(
          auditCopyLine(head, {
            at: new Date(base + i * 997).toISOString().replace('Z', '000Z'),
            actorType: i % 4 === 0 ? 'tipster' : 'staff',
            actorId: i % 4 === 0 ? null : `5f1c3a2e-0000-4000-8000-${String(i % 500).padStart(12, '0')}`,
            action: i % 3 === 0 ? 'case.viewed' : 'case.acknowledged',
            targetType: 'case',
            targetId: `6a2b4c3d-0000-4000-8000-${String(i % 20000).padStart(12, '0')}`,
            unitId: null,
            requestId: `bench-${i}`,
            changeDigest: i % 2 ? null : 'c'.repeat(64),
          }),
        );
        if (i % CHECKPOINT_EVERY === 0 || i === EVENTS) {
          const c = { seq: String(i), headHash: head.hash, at: new Date(base + i * 997 + 1).toISOString(), keyId: key.keyId, prevHash: null };
          checkpoints.push(`INSERT INTO audit_checkpoints (seq, head_hash, at, key_id, public_key, signature) VALUES ('${c.seq}', '${c.headHash}', '${c.at}', '${c.keyId}', '${key.publicKeyBase64}', '${key.sign(c)}')`);
        }
        if (buf.length === 5000) {
          yield `${buf.join('\n')}\n`;
          buf = [];
        }
      }
      if (buf.length) yield `${buf.join('\n')}\n`;
    }
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      await pipeline(
        Readable.from(rows()),
        client.query(
          copyFrom(
            `COPY audit_events (${AUDIT_COPY_COLUMNS}) FROM STDIN`,
          ),
        ),
      );
      for (const sql of checkpoints) await client.query(sql);
      await client.query('ANALYZE audit_events');
    } finally {
      await client.end();
    }
    out(`generated and loaded ${EVENTS.toLocaleString('en')} events and ${checkpoints.length} checkpoints in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    if (global.gc) global.gc();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const verifier = new AuditVerifyService(new AuditRepository(ds), key, { AUDIT_TRUSTED_KEY_IDS: '', AUDIT_CHECKPOINT_INTERVAL_MINUTES: 1 }, new AuditWitnesses({ AUDIT_WITNESS_DIR: mkdtempSync(path.join(tmpdir(), 'bench-witness-')), EMBEDDED_PG_DIR: '.', AUDIT_WITNESS_EMAILS: '' }));
    let done = 0;
    let nextReport = EVENTS / 10;
    const rssAt: string[] = [];
    const start = process.hrtime.bigint();
    const result = await verifier.verify({
      onEvents: (n) => {
        done += n;
        if (done >= nextReport) {
          rssAt.push(`${Math.round((done / EVENTS) * 100)}%:${mb(process.memoryUsage().rss)}`);
          nextReport += EVENTS / 10;
        }
      },
    });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    out(`verify: ${JSON.stringify(result)}`);
    out(`verified ${done.toLocaleString('en')} events in ${seconds.toFixed(1)} s (${Math.round(done / seconds).toLocaleString('en')} events/s)`);
    out(`RSS before ${mb(rssBefore)}, peak ${mb(peak)}; during: ${rssAt.join(' ')}`);
  } finally {
    await db.drop();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
