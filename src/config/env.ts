import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, validateSync } from 'class-validator';

/** Marks a variable whose value must never be printed or logged. */
export const SECRET_VARIABLES = new Set<string>(['DATABASE_URL', 'MASTER_KEYS']);

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable tipline reads, with its default. The README lists them all;
 * keep the two in step (test/config.spec.ts checks that the README names each one).
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Secret: may carry a password. Unset → embedded PostgreSQL. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_URL?: string;

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DB_POOL_SIZE = 10;

  @IsString()
  EMBEDDED_PG_DIR = './.data/postgres';

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Secret: `id1:base64key,id2:base64key`, newest last (wraps); older ones only unwrap. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  MASTER_KEYS?: string;

  /** A JSON key file `{"keys":[{"id","key"}]}` instead of MASTER_KEYS. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  MASTER_KEY_FILE?: string;

  /** Unwrapped data keys kept in memory (LRU); 0 disables the cache. */
  @Transform(toInt) @IsInt() @Min(0) @Max(1000000)
  DATA_KEY_CACHE_SIZE = 1000;

  /** Retention rules `category/outcome=days`, `*` matches any; unmatched closed cases are kept. */
  @IsString()
  RETENTION_RULES = '*/spam=30,*/unsubstantiated=365';

  /** Minutes between retention runs (one instance at a time); 0 disables the schedule. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10080)
  RETENTION_INTERVAL_MINUTES = 60;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment and returns the typed configuration. Throws a ConfigError that
 * names every bad variable at once; secret values are never echoed back.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): EnvironmentVariables {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'MASTER_KEYS', 'MASTER_KEY_FILE']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.map((e) => {
    const shown = SECRET_VARIABLES.has(e.property) ? '(secret, not shown)' : JSON.stringify(raw[e.property]);
    return `${e.property} ${Object.values(e.constraints ?? {}).join(', ')} (got ${shown})`;
  });
  if (config.DATABASE_URL !== undefined && !/^postgres(ql)?:\/\//.test(config.DATABASE_URL)) {
    problems.push('DATABASE_URL must be a postgres:// or postgresql:// URL (got (secret, not shown))');
  }
  if (config.NODE_ENV === 'production' && !config.MASTER_KEYS && !config.MASTER_KEY_FILE) {
    problems.push('MASTER_KEYS or MASTER_KEY_FILE must be set in production (the key that encrypts tips at rest)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = EnvironmentVariables & { DATABASE_URL: string };
