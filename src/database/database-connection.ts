import { AppConfig, DEFAULT_EMBEDDED_PG_DIR, EnvironmentVariables } from '../config/env';
import { fallbackDataDirFor } from './embedded-layout';
import { EmbeddedPostgresError, runningEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres';

export interface ResolvedDatabase {
  config: AppConfig;
  /** Stops what this process started (the embedded PostgreSQL); a no-op for DATABASE_URL. */
  stop: () => Promise<void>;
  embedded: boolean;
  /** The embedded PostgreSQL's data folder in use (undefined with DATABASE_URL). */
  embeddedDir?: string;
  /** For the start-up banner (a moved data folder, copied binaries). */
  notes: string[];
}

/** Where the embedded PostgreSQL of EMBEDDED_PG_DIR goes (tipline's default may move when root runs it from a home folder). */
export function embeddedDirOptions(env: Pick<EnvironmentVariables, 'EMBEDDED_PG_DIR'>): { dir: string; dirChosen: boolean; fallbackDir: string } {
  return { dir: env.EMBEDDED_PG_DIR, dirChosen: env.EMBEDDED_PG_DIR !== DEFAULT_EMBEDDED_PG_DIR, fallbackDir: fallbackDataDirFor(env.EMBEDDED_PG_DIR) };
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
    return { config: { ...env, DATABASE_URL: env.DATABASE_URL }, stop: async () => undefined, embedded: false, notes: [] };
  }
  try {
    const pg = await startEmbeddedPostgres({ ...embeddedDirOptions(env), port: env.EMBEDDED_PG_PORT, log: options.log });
    return { config: { ...env, DATABASE_URL: pg.url }, stop: () => pg.stop(), embedded: true, embeddedDir: pg.dir, notes: pg.notes };
  } catch (e) {
    const running = options.shareRunning && e instanceof EmbeddedPostgresError ? await runningEmbeddedUrl(embeddedDirOptions(env)) : undefined;
    if (running) return { config: { ...env, DATABASE_URL: running }, stop: async () => undefined, embedded: true, notes: [] };
    throw e;
  }
}
