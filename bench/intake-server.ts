/** The app as main.ts builds it, in a child process of bench/intake.ts (so its memory and CPU are its own). */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AddressInfo } from 'node:net';
import { AppModule } from '../src/app.module';
import { configureApp, createFastifyAdapter } from '../src/app.setup';
import { AppConfig, loadConfig } from '../src/config/env';

async function main(): Promise<void> {
  const env = loadConfig(process.env);
  const config: AppConfig = { ...env, DATABASE_URL: process.env.DATABASE_URL! };
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot({ config }), createFastifyAdapter(), { logger: ['error', 'warn'], rawBody: true });
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  process.on('message', (m) => {
    if (m === 'mem') process.send!({ mem: process.memoryUsage(), cpu: process.cpuUsage() });
    if (m === 'stop') void app.close().then(() => process.exit(0));
  });
  process.send!({ port });
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
