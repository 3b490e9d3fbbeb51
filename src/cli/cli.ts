import 'reflect-metadata';
import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { CommandFactory } from 'nest-commander';
import { ConfigError } from '../config/env';
import { describeStartupError } from '../common/startup-error';
import { resolveDatabase } from '../database/database-connection';
import { EmbeddedPostgresError } from '../database/embedded-postgres';
import { prepareDatabase } from '../database/prepare-database';
import { checkConfiguration } from '../startup/configuration-check';
import { describeCommand, helpFor } from './cli-help';
import { CLI_COMMANDS, CliModule } from './cli.module';

/** Nest's console logger prints warnings on stdout; commands keep stdout for their output (--json). */
class StderrLogger extends ConsoleLogger {
  protected printMessages(messages: unknown[], context?: string, logLevel?: LogLevel, _stream?: 'stdout' | 'stderr', errorStack?: unknown): void {
    super.printMessages(messages, context, logLevel, 'stderr', errorStack);
  }
}

/** `npm run cli -- <command>`: operational commands on the same database as the app. */
async function main(): Promise<number> {
  // Help (all commands, or one command's options) comes from the commands' decorators: no
  // configuration, no database, no keys.
  const help = helpFor(process.argv.slice(2), CLI_COMMANDS.map(describeCommand));
  if (help) {
    (help.code === 0 ? process.stdout : process.stderr).write(help.text);
    return help.code;
  }
  const env = checkConfiguration(process.env);
  const log = (m: string) => process.stderr.write(`${m}\n`);
  const db = await resolveDatabase(env, { log, shareRunning: true });
  let failed = false;
  try {
    await prepareDatabase(db.config.DATABASE_URL, { referenceData: false, log });
    await CommandFactory.run(CliModule.forRoot(db.config), {
      logger: new StderrLogger('cli', { logLevels: ['error', 'warn'] }),
      errorHandler: (err) => {
        failed = true;
        if ((err as { code?: string }).code === 'commander.helpDisplayed' || (err as { code?: string }).code === 'commander.version') {
          failed = false;
          return;
        }
        process.stderr.write(`${err.message}\n`);
      },
      serviceErrorHandler: (err) => {
        failed = true;
        process.stderr.write(`${err.message}\n`);
      },
    });
  } finally {
    await db.stop();
  }
  return failed || process.exitCode ? Number(process.exitCode) || 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const known = e instanceof ConfigError || e instanceof EmbeddedPostgresError;
    process.stderr.write(`${known ? (e as Error).message : describeStartupError(e)}\n`);
    process.exit(1);
  },
);
