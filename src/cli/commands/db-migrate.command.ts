import { Inject } from '@nestjs/common';
import { Command, CommandRunner } from 'nest-commander';
import { APP_CONFIG, AppConfig } from '../../config/env';
import { prepareDatabase } from '../../database/prepare-database';

@Command({ name: 'db:migrate', description: 'Apply pending migrations and load missing reference data' })
export class DbMigrateCommand extends CommandRunner {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  async run(): Promise<void> {
    await prepareDatabase(this.config.DATABASE_URL, { log: (m) => process.stderr.write(`${m}\n`) });
    process.stdout.write('database is up to date\n');
  }
}
