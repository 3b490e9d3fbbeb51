import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase, TestDatabase } from '../utils/test-database';

/**
 * The schema changes only through migrations. If an entity and the migrations disagree,
 * TypeORM's schema builder would have SQL to run on a fully migrated database: that is drift.
 */
describe('entities and migrations', () => {
  let db: TestDatabase;
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await new DataSource(dataSourceOptions(db.url, 2)).initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('have not drifted apart', async () => {
    const pending = await ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all applied to the template', async () => {
    expect(await ds.showMigrations()).toBe(false);
  });
});
