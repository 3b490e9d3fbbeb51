/**
 * The app as main.ts builds it, running in this process on a scratch database prepared with the
 * reference data and `cases` generated cases (bench/generate.ts): for the benchmarks that look
 * inside one request (bench:round-trips, bench:profile, bench:tip-statements). `env` adds to the
 * benchmark defaults (test mode, easy proof-of-work, no form wait, no retention schedule).
 * close() ends the client, the app and the database.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { AppModule } from '../src/app.module';
import { configureApp, createFastifyAdapter } from '../src/app.setup';
import { loadConfig } from '../src/config/env';
import { generateCases, loadWorld, World } from './generate';
import { ScratchDatabase, scratchDatabase } from './scratch-database';

export interface InProcessApp {
  db: ScratchDatabase;
  /** A client of the benchmark's own on the database. */
  client: Client;
  world: World;
  app: NestFastifyApplication;
  close(): Promise<void>;
}

export async function inProcessApp(label: string, options: { cases: number; env?: Record<string, string> }): Promise<InProcessApp> {
  const db = await scratchDatabase(label, { prepare: 'reference-data' });
  const client = new Client({ connectionString: db.url });
  try {
    await client.connect();
    const world = await loadWorld(client);
    if (options.cases > 0) await generateCases(db.url, options.cases, world, { first: 1 });
    const env = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      MASTER_KEYS: `bench:${randomBytes(32).toString('base64')}`,
      RETENTION_INTERVAL_MINUTES: '0',
      INTAKE_POW_DIFFICULTY: '1000',
      INTAKE_FORM_MIN_AGE_SECONDS: '0',
      ...options.env,
    });
    const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config: { ...env, DATABASE_URL: db.url } }), createFastifyAdapter(), { logger: ['error', 'warn'], rawBody: true });
    configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      db,
      client,
      world,
      app,
      close: async () => {
        await client.end();
        await app.close();
        await db.drop();
      },
    };
  } catch (e) {
    await client.end().catch(() => undefined);
    await db.drop();
    throw e;
  }
}
