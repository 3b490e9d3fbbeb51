import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { SafeTypeOrmLogger } from './typeorm-logger';

/** The one DataSource definition: the app, the CLI, the tests and TypeORM's CLI all use it. */
export function dataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logger: new SafeTypeOrmLogger(),
    maxQueryExecutionTime: 2000,
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'tipline' },
  };
}

/** For TypeORM's CLI (`npx typeorm-ts-node-commonjs -d src/database/data-source.ts ...`); needs DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/tipline'));
