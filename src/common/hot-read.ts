/**
 * Reads on the hottest paths (the session check on every staff request, the queue page) as named
 * prepared statements, straight on the node-postgres pool that TypeORM's DataSource already
 * holds (no pool of its own, so DB_POOL_SIZE still bounds the connections).
 *
 * Why: a named statement is parsed and planned once per pooled connection, then each run is only
 * Bind/Execute (PostgreSQL's parse/analyse/plan was as long as the execution of these index
 * look-ups); and TypeORM's query wrapper (query runner, broadcaster, result object) is skipped.
 * Timestamps go through the fast parser (./timestamptz). Kept from TypeORM's wrapper: the slow
 * query warning (the DataSource's maxQueryExecutionTime) and a failed statement logged by its
 * SQL text only (parameters never reach a log) and thrown as TypeORM's QueryFailedError.
 *
 * Only for reads outside a transaction (a pooled connection of its own). The SQL stays in the
 * repositories, which call hotRead with their statement. A statement's name is derived from its
 * text, so texts that differ (a filter more, another sort) are different statements; each pooled
 * connection keeps the ones it ran until it closes.
 */
import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { FAST_TIMESTAMPTZ_TYPES } from './timestamptz';

/** Statement names by SQL text (bounded: past this many texts, new ones are hashed each time). */
const names = new Map<string, string>();
const MAX_REMEMBERED_NAMES = 1000;

export function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `hot_${createHash('sha256').update(text).digest('base64url').slice(0, 22)}`;
    if (names.size < MAX_REMEMBERED_NAMES) names.set(text, name);
  }
  return name;
}

/** The rows of `text` with `values`, run as a named prepared statement on the DataSource's pool. */
export async function hotRead<T extends QueryResultRow>(dataSource: DataSource, text: string, values: unknown[]): Promise<T[]> {
  const pool = (dataSource.driver as PostgresDriver).master as Pool | undefined;
  if (!pool) throw new Error('hotRead: the DataSource is not initialized');
  const started = performance.now();
  try {
    const result = await pool.query<T>({ name: statementName(text), text, values, types: FAST_TIMESTAMPTZ_TYPES });
    const ms = performance.now() - started;
    const slow = dataSource.options.maxQueryExecutionTime;
    if (slow && ms > slow) dataSource.logger.logQuerySlow(Math.round(ms), text);
    return result.rows;
  } catch (e) {
    dataSource.logger.logQueryError(e instanceof Error ? e : String(e), text);
    throw new QueryFailedError(text, undefined, e as Error);
  }
}
