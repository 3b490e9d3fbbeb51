import { ModuleMetadata } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { configureApp, createFastifyAdapter } from '../../src/app.setup';
import { AppConfig, loadConfig } from '../../src/config/env';
import { LogCapture } from './log-capture';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  db: TestDatabase;
  config: AppConfig;
  logs: LogCapture;
  close(): Promise<void>;
}

/**
 * The whole application, built exactly as main.ts builds it (same module, same configureApp),
 * on a fresh database of its own. Requests go through Fastify's inject (no network).
 */
export async function createTestApp(
  options: { env?: Record<string, string>; db?: TestDatabase; extra?: ModuleMetadata } = {},
): Promise<TestApp> {
  const db = options.db ?? (await createTestDatabase());
  // each app gets its own audit witness folder, and no timer-driven checkpoints unless a test asks
  const witness = mkdtempSync(path.join(tmpdir(), 'tipline-witness-'));
  const env = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', AUDIT_WITNESS_DIR: witness, AUDIT_CHECKPOINT_INTERVAL_MINUTES: '0', ...options.env });
  const config: AppConfig = { ...env, DATABASE_URL: db.url };
  const logs = new LogCapture();
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forRoot({ config, logStream: logs }), ...(options.extra?.imports ?? [])],
    controllers: options.extra?.controllers ?? [],
    providers: options.extra?.providers ?? [],
  }).compile();
  // rawBody: signed channel deliveries (hotline) are checked over the bytes as sent.
  const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter({ requestTimeoutSeconds: config.REQUEST_TIMEOUT_SECONDS }), {
    bufferLogs: true,
    rawBody: true,
  });
  configureApp(app);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    db,
    config,
    logs,
    close: async () => {
      await app.close();
      if (!options.db) await db.drop();
    },
  };
}
