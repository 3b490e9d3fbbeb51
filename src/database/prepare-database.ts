import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source';
import { REFERENCE_DATA_LOADERS } from './reference-data';

/**
 * Brings a database up to date: pending migrations, then reference data. Safe to run on every
 * start and from several instances at once (an advisory lock serialises them).
 */
export async function prepareDatabase(
  url: string,
  options: { referenceData?: boolean; log?: (m: string) => void } = {},
): Promise<void> {
  const log = options.log ?? (() => undefined);
  const ds = new DataSource(dataSourceOptions(url, 2));
  await ds.initialize();
  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', ['tipline:prepare-database']);
    const applied = await ds.runMigrations({ transaction: 'each' });
    if (applied.length > 0) log(`applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
    if (options.referenceData !== false) {
      for (const loader of REFERENCE_DATA_LOADERS) await loader.load(ds, log);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', ['tipline:prepare-database']).catch(() => undefined);
    await runner.release();
    await ds.destroy();
  }
}
