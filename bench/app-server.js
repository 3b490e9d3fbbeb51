'use strict';
/**
 * The app as `npm start` runs it — compiled JavaScript from dist/ under plain node — in a child
 * process of a benchmark (bench/app-process.ts forks it after `npm run build`). Built like main.ts
 * (the same module, Fastify adapter and configureApp), listening on a loopback port it reports
 * back; answers 'mem' with its memory and CPU and stops on 'stop'. Plain JavaScript on purpose:
 * under ts-node the app also carried ts-node's own costs (its REPL import loads node:domain,
 * which wraps every EventEmitter), which a deployed tipline does not have.
 */
const { join } = require('node:path');

const dist = join(__dirname, '..', 'dist', 'src');
// First, as in main.ts: sizes libuv's threadpool before anything can start it.
require(join(dist, 'common', 'size-threadpool'));
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { AppModule } = require(join(dist, 'app.module'));
const { configureApp, createFastifyAdapter } = require(join(dist, 'app.setup'));
const { loadConfig } = require(join(dist, 'config', 'env'));

async function main() {
  const env = loadConfig(process.env);
  const config = { ...env, DATABASE_URL: process.env.DATABASE_URL };
  const app = await NestFactory.create(AppModule.forRoot({ config }), createFastifyAdapter(), { logger: ['error', 'warn'], rawBody: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address();
  process.on('message', (m) => {
    if (m === 'mem') process.send({ mem: process.memoryUsage(), cpu: process.cpuUsage() });
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send({ port });
}

main().catch((e) => {
  process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
  process.exit(1);
});
