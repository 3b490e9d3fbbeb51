// First: sizes libuv's threadpool (argon2id runs there) before any import can start it.
import './common/size-threadpool';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { configureApp, createFastifyAdapter } from './app.setup';
import { ConfigError, loadConfig } from './config/env';
import { resolveDatabase } from './database/database-connection';
import { EmbeddedPostgresError } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare-database';
import { describeStartupError } from './common/startup-error';

/** One JSON line on stderr, before the app's own logger exists. */
function say(level: 'info' | 'error', msg: string): void {
  process.stderr.write(`${JSON.stringify({ level, time: new Date().toISOString(), msg })}\n`);
}

async function bootstrap(): Promise<void> {
  const env = loadConfig(process.env);
  const db = await resolveDatabase(env, { log: (m) => say('info', m) });
  let app: NestFastifyApplication | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say('info', `${signal} received, shutting down`);
    await app?.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  try {
    await prepareDatabase(db.config.DATABASE_URL, { log: (m) => say('info', m) });
    app = await NestFactory.create<NestFastifyApplication>(
      AppModule.forRoot({ config: db.config }),
      createFastifyAdapter(),
      { bufferLogs: true, abortOnError: false, rawBody: true },
    );
    configureApp(app);
    await app.listen(db.config.PORT, db.config.HOST);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : db.config.PORT;
    say('info', `tipline serves on http://${db.config.HOST}:${port}${db.embedded ? ' (embedded PostgreSQL)' : ''}`);
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.stop().catch(() => undefined);
    throw e;
  }
}

bootstrap().catch((e: unknown) => {
  const known = e instanceof ConfigError || e instanceof EmbeddedPostgresError;
  say('error', known ? (e as Error).message : describeStartupError(e));
  process.exit(1);
});
