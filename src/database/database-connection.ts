import { AppConfig, EnvironmentVariables } from '../config/env';
import { EmbeddedPostgresError, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  config: AppConfig;
  /** Stops what this process started (the embedded PostgreSQL); a no-op for DATABASE_URL. */
  stop: () => Promise<void>;
  embedded: boolean;
}

/**
 * DATABASE_URL when set (nothing is started); otherwise the embedded PostgreSQL in
 * EMBEDDED_PG_DIR. With `shareRunning` (the CLI), an embedded server already run by a live
 * tipline is used as it is instead of failing.
 */
export async function resolveDatabase(
  env: EnvironmentVariables,
  options: { log: (m: string) => void; shareRunning?: boolean },
): Promise<ResolvedDatabase> {
  if (env.DATABASE_URL) {
    return { config: { ...env, DATABASE_URL: env.DATABASE_URL }, stop: async () => undefined, embedded: false };
  }
  try {
    const pg = await startEmbeddedPostgres({ dir: env.EMBEDDED_PG_DIR, port: env.EMBEDDED_PG_PORT, log: options.log });
    return { config: { ...env, DATABASE_URL: pg.url }, stop: () => pg.stop(), embedded: true };
  } catch (e) {
    const running = options.shareRunning && e instanceof EmbeddedPostgresError ? runningEmbeddedUrl(env.EMBEDDED_PG_DIR) : undefined;
    if (running) return { config: { ...env, DATABASE_URL: running }, stop: async () => undefined, embedded: true };
    throw e;
  }
}
