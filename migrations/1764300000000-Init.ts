import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions the features rely on: diacritic-insensitive search (unaccent, pg_trgm). */
export class Init1764300000000 implements MigrationInterface {
  name = 'Init1764300000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS unaccent');
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP EXTENSION IF EXISTS pg_trgm');
    await q.query('DROP EXTENSION IF EXISTS unaccent');
  }
}
