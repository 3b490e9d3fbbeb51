/**
 * `npm run bench:crypto`: what encryption at rest costs.
 *  1. Intake: one tip-sized record (narrative ~2 KB, details, place, coordinates) written in its
 *     own transaction, with encryption (new data key + 4 encrypted fields) and without (plain
 *     text columns), interleaved in the same run on the same database; plus CPU-only figures.
 *  2. Rotation: BENCH_ROTATION_KEYS (default 1,000,000) wrapped data keys loaded with COPY, then
 *     re-wrapped under a new master key by KeyRotationService (the code keys:rotate runs).
 * Uses DATABASE_URL's server (creates and drops a scratch database) or a temporary embedded
 * PostgreSQL. Prints figures; asserts nothing.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { AuditModule } from '../src/audit/audit.module';
import { systemContext } from '../src/common/request-context';
import { ConfigModule } from '../src/config/config.module';
import { AppConfig, loadConfig } from '../src/config/env';
import { CryptoModule } from '../src/crypto/crypto.module';
import { CryptoService } from '../src/crypto/crypto.service';
import { IV_BYTES, KEY_BYTES, openField, sealField, wrapDataKey } from '../src/crypto/envelope-format';
import { KeyRotationService } from '../src/crypto/key-rotation.service';
import { parseMasterKeys } from '../src/crypto/master-keys';
import { dataSourceOptions } from '../src/database/data-source';
import { scratchDatabase } from './scratch-database';

const TIPS = Number(process.env.BENCH_TIPS ?? 2000);
const ROTATION_KEYS = Number(process.env.BENCH_ROTATION_KEYS ?? 1_000_000);
const out = (s: string) => process.stdout.write(`${s}\n`);

const narrative = 'Có người bán ma túy đá ở quán nước đầu hẻm, thường vào buổi tối sau 21 giờ. '.repeat(26).slice(0, 2048);
const details = JSON.stringify({ vehicles: ['29A-123.45', 'xe máy Honda Wave màu đỏ'], people: 'hai thanh niên khoảng 25 tuổi', frequency: 'hằng ngày' });
const place = 'Quán nước đầu hẻm 12, gần chợ';
const coordinates = JSON.stringify({ lat: 21.028511, lon: 105.804817 });

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return `mean ${mean.toFixed(3)} ms, p50 ${q(0.5).toFixed(3)} ms, p95 ${q(0.95).toFixed(3)} ms`;
}
const mean = (ms: number[]) => ms.reduce((a, b) => a + b, 0) / ms.length;
const now = () => Number(process.hrtime.bigint()) / 1e6;

async function appContext(url: string, masterKeys: string) {
  const config: AppConfig = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', MASTER_KEYS: masterKeys }), DATABASE_URL: url };
  @Module({
    imports: [ConfigModule.forRoot(config), TypeOrmModule.forRoot({ ...dataSourceOptions(url, 4), retryAttempts: 0 }), AuditModule, CryptoModule],
  })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
}

async function benchIntake(ds: DataSource, crypto: CryptoService): Promise<void> {
  await ds.query(`CREATE TABLE bench_tips_plain (id uuid PRIMARY KEY, narrative text, details text, place_description text, coordinates text)`);
  await ds.query(`CREATE TABLE bench_tips_enc (id uuid PRIMARY KEY, data_key_id uuid NOT NULL REFERENCES data_keys(id),
    narrative bytea, details bytea, place_description bytea, coordinates bytea)`);
  const plain = async () => {
    await ds.transaction(async (m) => {
      await m.query('INSERT INTO bench_tips_plain VALUES ($1, $2, $3, $4, $5)', [randomUUID(), narrative, details, place, coordinates]);
    });
  };
  const encrypted = async () => {
    await ds.transaction(async (m) => {
      const id = randomUUID();
      const keyId = await crypto.createDataKey(m);
      const at = (column: string) => ({ table: 'tips', column, rowId: id });
      await m.query('INSERT INTO bench_tips_enc VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        keyId,
        await crypto.encrypt(m, keyId, at('narrative'), narrative),
        await crypto.encrypt(m, keyId, at('details'), details),
        await crypto.encrypt(m, keyId, at('place_description'), place),
        await crypto.encrypt(m, keyId, at('coordinates'), coordinates),
      ]);
    });
  };
  for (let i = 0; i < 200; i++) {
    await plain();
    await encrypted();
  }
  const tPlain: number[] = [];
  const tEnc: number[] = [];
  for (let i = 0; i < TIPS; i++) {
    // Alternate the order so neither side always runs second.
    for (const [fn, into] of i % 2 === 0 ? ([[plain, tPlain], [encrypted, tEnc]] as const) : ([[encrypted, tEnc], [plain, tPlain]] as const)) {
      const t0 = now();
      await fn();
      into.push(now() - t0);
    }
  }
  out(`intake, one tip per transaction (${TIPS} each, interleaved, same run):`);
  out(`  without encryption: ${stats(tPlain)}`);
  out(`  with encryption:    ${stats(tEnc)}`);
  out(`  overhead: +${(mean(tEnc) - mean(tPlain)).toFixed(3)} ms per tip (+${((mean(tEnc) / mean(tPlain) - 1) * 100).toFixed(1)}%)`);
  const [sizes] = await ds.query(`SELECT
      (SELECT avg(octet_length(narrative) + octet_length(details) + octet_length(place_description) + octet_length(coordinates)) FROM bench_tips_plain)::int AS plain,
      (SELECT avg(octet_length(narrative) + octet_length(details) + octet_length(place_description) + octet_length(coordinates)) FROM bench_tips_enc)::int AS enc`);
  out(`  stored bytes per tip (4 fields): ${sizes.plain} plain, ${sizes.enc} encrypted (+${sizes.enc - sizes.plain}; plus one ~70-byte wrapped key per case)`);

  // Reading back: a cold data key cache means one SELECT + unwrap per case.
  const rows: { id: string; data_key_id: string; narrative: Buffer }[] = await ds.query('SELECT id, data_key_id, narrative FROM bench_tips_enc LIMIT 1000');
  const tRead: number[] = [];
  for (const r of rows) {
    const t0 = now();
    await crypto.decrypt(ds.manager, r.data_key_id, { table: 'tips', column: 'narrative', rowId: r.id }, r.narrative);
    tRead.push(now() - t0);
  }
  out(`  decrypt narrative (data key cached where still in the LRU): ${stats(tRead)}`);

  // CPU only: seal/open the four fields with an unwrapped key (no database).
  const key = randomBytes(KEY_BYTES);
  const keyId = randomUUID();
  const fields = [narrative, details, place, coordinates].map((s) => Buffer.from(s));
  const n = 20000;
  let t0 = now();
  const sealed: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const rowId = randomUUID();
    for (const [j, f] of fields.entries()) {
      const ct = sealField(key, keyId, { table: 'tips', column: String(j), rowId }, randomBytes(IV_BYTES), f);
      if (i === 0) sealed.push(ct);
    }
  }
  const sealUs = ((now() - t0) / n) * 1000;
  t0 = now();
  for (let i = 0; i < n; i++) openField(key, { table: 'tips', column: '0', rowId: 'x' }, sealField(key, keyId, { table: 'tips', column: '0', rowId: 'x' }, randomBytes(IV_BYTES), fields[0]));
  const roundUs = ((now() - t0) / n) * 1000;
  out(`  CPU only: encrypt 4 fields of a tip ${sealUs.toFixed(1)} µs; seal+open the 2 KB narrative ${roundUs.toFixed(1)} µs`);
}

async function loadWrappedKeys(url: string, masterKeys: string, count: number): Promise<number> {
  const [mk] = parseMasterKeys(masterKeys);
  const client = new Client({ connectionString: url });
  await client.connect();
  const t0 = now();
  let i = 0;
  const source = new Readable({
    read() {
      const lines: string[] = [];
      for (let j = 0; j < 5000 && i < count; j++, i++) {
        const id = randomUUID();
        const wrapped = wrapDataKey(mk.key, mk.id, id, randomBytes(IV_BYTES), randomBytes(KEY_BYTES));
        lines.push(`${id}\t\\\\x${wrapped.toString('hex')}\t${mk.id}\t1\n`);
      }
      this.push(lines.length > 0 ? lines.join('') : null);
    },
  });
  await pipeline(source, client.query(copyFrom('COPY data_keys (id, wrapped_key, master_key_id, wrap_version) FROM STDIN')));
  await client.query('ANALYZE data_keys');
  await client.end();
  return now() - t0;
}

async function main(): Promise<void> {
  Logger.overrideLogger(['error', 'warn']);
  const keyA = `bench-a:${randomBytes(32).toString('base64')}`;
  const keyB = `bench-b:${randomBytes(32).toString('base64')}`;
  const db = await scratchDatabase('crypto', { prepare: 'schema' });
  try {
    out(`node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'})`);
    const a = await appContext(db.url, keyA);
    try {
      await benchIntake(a.get(DataSource), a.get(CryptoService));
    } finally {
      await a.close();
    }

    const loadMs = await loadWrappedKeys(db.url, keyA, ROTATION_KEYS);
    out(`rotation: generated and COPYed ${ROTATION_KEYS.toLocaleString('en')} wrapped data keys in ${(loadMs / 1000).toFixed(1)} s`);
    const b = await appContext(db.url, `${keyA},${keyB}`);
    try {
      const batchSize = Number(process.env.BENCH_ROTATION_BATCH ?? 1000);
      const t0 = now();
      let last = t0;
      let done = 0;
      const result = await b.get(KeyRotationService).rotate(systemContext('bench'), {
        batchSize,
        onBatch: (n) => {
          done += n;
          if (now() - last > 10_000) {
            last = now();
            process.stderr.write(`  ... ${done} re-wrapped\n`);
          }
        },
      });
      const s = (now() - t0) / 1000;
      out(`rotation: re-wrapped ${result.rewrapped.toLocaleString('en')} data keys (batch ${batchSize}) in ${s.toFixed(1)} s = ${Math.round(result.rewrapped / s).toLocaleString('en')} keys/s; remaining ${result.remaining}`);
    } finally {
      await b.close();
    }
  } finally {
    await db.drop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
