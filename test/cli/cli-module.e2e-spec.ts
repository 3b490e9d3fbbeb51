import { Test } from '@nestjs/testing';
import { CLI_COMMANDS, CliModule } from '../../src/cli/cli.module';
import { loadConfig } from '../../src/config/env';
import { createTestDatabase } from '../utils/test-database';

/**
 * The CLI builds its own module (not the app's): a provider missing there breaks every command,
 * `staff:create` for the first administrator included, while every app test stays green.
 */
describe('the CLI module', () => {
  it('builds, and every command resolves', async () => {
    const db = await createTestDatabase();
    try {
      const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), DATABASE_URL: db.url };
      const ref = await Test.createTestingModule({ imports: [CliModule.forRoot(config)] }).compile();
      try {
        for (const command of CLI_COMMANDS) expect(ref.get(command)).toBeInstanceOf(command);
      } finally {
        await ref.close();
      }
    } finally {
      await db.drop();
    }
  });
});
