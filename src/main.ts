// First: sizes libuv's threadpool (argon2id runs there) before any import can start it.
import './common/size-threadpool';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { ConfigError } from './config/env';
import { resolveDatabase, ResolvedDatabase } from './database/database-connection';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare-database';
import { describeStartupError } from './common/startup-error';
import { checkConfiguration } from './startup/configuration-check';
import { startupBanner } from './startup/banner';

/** One JSON line on stderr, before the app's own logger exists. */
function say(level: 'info' | 'error', msg: string): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg })}\n`);
}

let app: NestFastifyApplication | undefined;
let db: ResolvedDatabase | undefined;
let stopping: Promise<void> | undefined;
/** Settles when start-up has finished or given up (it checks `stopping` between its steps). */
let started: Promise<unknown> = Promise.resolve();

/**
 * Stops in order — HTTP server and pool, then the embedded PostgreSQL — once, whoever asks. A
 * signal during start-up waits for the step under way (say, PostgreSQL starting) so that nothing
 * it started is left running; a second signal does not wait.
 */
function shutdown(reason: string): void {
  if (stopping) {
    say('info', `${reason} again, stopping now`);
    void db?.stop().finally(() => process.exit(1));
    return;
  }
  stopping = (async () => {
    say('info', `${reason}, shutting down`);
    await started.catch(() => undefined);
    await app?.close().catch(() => undefined);
    await db?.stop().catch(() => undefined);
    process.exit(0);
  })();
}

// Installed before anything starts, so a signal during start-up (migrations, PostgreSQL still
// coming up) also stops what was started.
process.on('SIGINT', () => void shutdown('SIGINT received'));
process.on('SIGTERM', () => void shutdown('SIGTERM received'));
process.on('SIGHUP', () => void shutdown('SIGHUP received'));

/**
 * Under `npm start` (package.json execs node, so npm forwards SIGTERM/SIGINT to this process),
 * npm itself may die without forwarding (kill -9): then this process is re-parented and stops
 * too, rather than serving on with nobody to stop it.
 */
function stopWhenNpmIsGone(): void {
  if (!process.env.npm_lifecycle_event) return;
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown(`npm (pid ${parent}) exited`);
  }, 1000).unref();
}

async function bootstrap(): Promise<void> {
  stopWhenNpmIsGone();
  // Every setting, including the ones only a feature can parse, before anything starts.
  const env = checkConfiguration(process.env);
  db = await resolveDatabase(env, { log: (m) => say('info', m) });
  if (stopping) return;
  await prepareDatabase(db.config.DATABASE_URL, { log: (m) => say('info', m) });
  if (stopping) return;
  app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config: db.config }), createFastifyAdapter({ requestTimeoutSeconds: db.config.REQUEST_TIMEOUT_SECONDS }), {
    bufferLogs: true,
    abortOnError: false,
    // signed channel deliveries (hotline) are checked over the bytes as sent
    rawBody: true,
  });
  configureApp(app);
  await app.listen(db.config.PORT, db.config.HOST);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : db.config.PORT;
  const url = `http://${db.config.HOST.includes(':') ? `[${db.config.HOST}]` : db.config.HOST}:${port}`;
  say('info', `tipline serves on ${url}${db.embedded ? ' (embedded PostgreSQL)' : ''}`);
  process.stderr.write(startupBanner({ url, config: db.config, embeddedDataDir: db.embeddedDir, notes: db.notes }));
}

started = bootstrap();
started.catch(async (e: unknown) => {
  if (stopping) return; // shutting down anyway
  const known = e instanceof ConfigError || e instanceof EmbeddedPostgresError;
  say('error', known ? (e as Error).message : describeStartupError(e));
  await app?.close().catch(() => undefined);
  await db?.stop().catch(() => undefined);
  process.exit(1);
});
