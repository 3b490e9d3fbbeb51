import 'reflect-metadata';
import { Client, ClientConfig } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';
import { SafeTypeOrmLogger } from './typeorm-logger';

/**
 * A pool client that always has an 'error' listener. node-postgres emits 'error' on a client when
 * the server ends its connection while no statement is in flight (the postmaster killed, a
 * failover); TypeORM listens only while a query runner holds the client, and pg-pool only while
 * the client is idle, so an error that arrives in between (a late FATAL message on a client just
 * released with an error) was thrown as an unhandled 'error' event and ended the process — the
 * chaos harness saw it. Nothing is lost by listening: the client is no longer queryable, the pool
 * drops it on release, and whoever uses it next gets an error that answers 503.
 */
class AlwaysListenedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', () => undefined);
  }
}

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
    extra: { max: poolSize, connectionTimeoutMillis: 5000, application_name: 'tipline', Client: AlwaysListenedClient },
  };
}

/** For TypeORM's CLI (`npx typeorm-ts-node-commonjs -d src/database/data-source.ts ...`); needs DATABASE_URL. */
export default new DataSource(dataSourceOptions(process.env.DATABASE_URL ?? 'postgres://localhost/tipline'));
