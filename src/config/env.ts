import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { parseTrustedProxies } from '../common/anonymity/client-address';

/** Marks a variable whose value must never be printed or logged. */
export const SECRET_VARIABLES = new Set<string>(['DATABASE_URL', 'MASTER_KEYS', 'RECEIPT_PEPPER', 'INTAKE_PROOF_SECRET', 'AUDIT_SIGNING_KEY', 'METRICS_TOKEN', 'SMTP_URL']);

/** tipline's own choice of data folder (a root user's tipline may move it: see src/database/embedded-layout.ts). */
export const DEFAULT_EMBEDDED_PG_DIR = './.data/postgres';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable tipline reads, with its default. The README lists them all;
 * keep the two in step (src/config/env.spec.ts checks that the README table names each one with this default).
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

  /** How often (ms) an instance checks routing_state for changed units/coverage/rules (0: every decision). */
  @Transform(toInt) @IsInt() @Min(0) @Max(600000)
  ROUTING_CACHE_CHECK_MS = 1000;

  @IsString()
  EMBEDDED_PG_DIR = DEFAULT_EMBEDDED_PG_DIR;

  @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  /** Secret: Ed25519 private key signing audit checkpoints (PKCS#8 PEM, or DER in base64). Required in production. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  AUDIT_SIGNING_KEY?: string;

  /** Minutes between audit checkpoints while events arrive (one instance makes each); 0 disables the schedule. */
  @Transform(toInt) @IsInt() @Min(0) @Max(10080)
  AUDIT_CHECKPOINT_INTERVAL_MINUTES = 1;

  /** Folder of the append-only witness file of audit checkpoints (default: `audit-witness` beside the data folder). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  AUDIT_WITNESS_DIR?: string;

  /** Auditors' e-mail addresses (comma-separated): every checkpoint and every audit incident is mailed to them (needs SMTP_URL). */
  @IsString()
  AUDIT_WITNESS_EMAILS = '';

  /** An HTTP(S) endpoint that receives every checkpoint as a JSON POST (a witness outside the database). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  AUDIT_WITNESS_URL?: string;

  /** Secret: SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example:587 (unset: no mail). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  SMTP_URL?: string;

  /** The From address of outgoing mail. */
  @IsString()
  MAIL_FROM = 'tipline <no-reply@tipline.invalid>';

  /** Hours an account invitation (or a TOTP re-enrolment code) stays valid. */
  @Transform(toInt) @IsInt() @Min(1) @Max(720)
  STAFF_INVITATION_TTL_HOURS = 72;

  /** Key ids (comma-separated) of earlier checkpoint signing keys that verification still trusts. */
  @IsString()
  AUDIT_TRUSTED_KEY_IDS = '';

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

  /** A staff session ends after this many minutes without a request. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  SESSION_IDLE_TIMEOUT_MINUTES = 30;

  /** A staff session ends this many hours after login, however active. */
  @Transform(toInt) @IsInt() @Min(1) @Max(168)
  SESSION_ABSOLUTE_TIMEOUT_HOURS = 12;

  /**
   * Reverse proxies (addresses, CIDRs, loopback/linklocal/uniquelocal) whose TRUSTED_PROXY_HEADER
   * names the client's address; from any other peer the socket address is the client. Empty: none.
   */
  @IsString()
  TRUSTED_PROXIES = '';

  /** The header trusted proxies put the client's address in: x-forwarded-for or forwarded (RFC 7239). */
  @IsString()
  TRUSTED_PROXY_HEADER = 'x-forwarded-for';

  /** Failed staff logins per client address (HMAC-keyed, in memory) before delays start; 0 = off. */
  @Transform(toInt) @IsInt() @Min(0) @Max(100000)
  LOGIN_CLIENT_FREE_FAILURES = 20;

  /** Secret: argon2id pepper of tipster receipts, kept outside the database (dev: generated file). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  RECEIPT_PEPPER?: string;

  /**
   * Secret: bearer token a Prometheus scraper must send to GET /metrics. Per-route request counts
   * could be lined up in time with a tipster's traffic, so production requires it.
   */
  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** Secret: signs proof-of-work challenges and no-JavaScript wait tokens (dev: generated file). */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  INTAKE_PROOF_SECRET?: string;

  /** Proof-of-work: the solver tries up to this many SHA-256 hashes (about half on average). */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000000)
  INTAKE_POW_DIFFICULTY = 50000;

  /** A form or challenge younger than this is refused (seconds). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  INTAKE_FORM_MIN_AGE_SECONDS = 3;

  /** A form or challenge older than this is refused (seconds). */
  @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  INTAKE_FORM_MAX_AGE_SECONDS = 7200;

  /** Without JavaScript the form proves itself by waiting this long instead (seconds). */
  @Transform(toInt) @IsInt() @Min(0) @Max(3600)
  INTAKE_NOJS_WAIT_SECONDS = 15;

  /** Tips per client address (HMAC-keyed, in memory) per hour. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_TIPS_PER_HOUR = 30;

  /** Wrong receipts per client address per hour before further tries are refused. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_RECEIPT_FAILURES_PER_HOUR = 10;

  /** Hours before the in-memory rate-limit secret is replaced (and all counters forgotten). */
  @Transform(toInt) @IsInt() @Min(1) @Max(48)
  INTAKE_RATE_SECRET_ROTATE_HOURS = 4;

  /** Successful and failed receipt look-ups per client address per hour (counted before the work). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_RECEIPT_LOOKUPS_PER_HOUR = 60;

  /** Look-ups of one receipt per hour, from anywhere. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_LOOKUPS_PER_RECEIPT_PER_HOUR = 30;

  /** Tipster messages per receipt per hour (and three times this per client address). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_MESSAGES_PER_RECEIPT_PER_HOUR = 10;

  /** No-JavaScript wait tokens a client address may be given per hour (form renders). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000000)
  INTAKE_WAIT_TOKENS_PER_HOUR = 60;

  /** Proof-of-work difficulty multiplier for receipt look-ups from a client over its failure limit. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  INTAKE_RECEIPT_POW_FACTOR = 20;

  /** Where the rate-limit counters live: `database` (shared by every instance) or `memory` (one instance). */
  @IsIn(['database', 'memory'])
  LIMITS_STORE: 'database' | 'memory' = 'database';

  /** Counters kept by the `memory` store (least recently used evicted first). */
  @Transform(toInt) @IsInt() @Min(100) @Max(10000000)
  LIMITS_MEMORY_MAX_ENTRIES = 200000;

  /** argon2id receipt hashes one client address may have in flight. */
  @Transform(toInt) @IsInt() @Min(1) @Max(64)
  HASH_CONCURRENCY_PER_CLIENT = 2;

  /** argon2id receipt hashes running at once in this instance. */
  @Transform(toInt) @IsInt() @Min(1) @Max(256)
  HASH_POOL_CONCURRENCY = 4;

  /** Receipt hashes waiting for the pool before further ones are refused (429). */
  @Transform(toInt) @IsInt() @Min(0) @Max(10000)
  HASH_POOL_QUEUE = 32;

  /** A request whose body has not fully arrived after this long is answered 408 and closed (seconds). */
  @Transform(toInt) @IsInt() @Min(1) @Max(600)
  REQUEST_TIMEOUT_SECONDS = 30;

  /** Open connections per client address; more are closed at once. */
  @Transform(toInt) @IsInt() @Min(1) @Max(100000)
  MAX_CONNECTIONS_PER_CLIENT = 32;

  /** Stored times of a tipster's actions are rounded down to this many minutes. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  TIPSTER_TIME_GRANULARITY_MINUTES = 60;

  /** Serve the OpenAPI document at /docs (default: on except in production). */
  @Transform(emptyToUndefined) @IsOptional() @IsIn(['true', 'false'])
  DOCS_ENABLED?: 'true' | 'false';

  /**
   * Tips one instance works on at once (photo cleaning, the argon2id receipt hash, the
   * transaction); one more is refused at once with 503 and Retry-After (overload shedding).
   */
  @Transform(toInt) @IsInt() @Min(1) @Max(10000)
  INTAKE_MAX_IN_FLIGHT = 48;

  /** Photos per tip. */
  @Transform(toInt) @IsInt() @Min(0) @Max(20)
  INTAKE_MAX_PHOTOS = 5;

  /** Bytes per photo (before re-encoding). */
  @Transform(toInt) @IsInt() @Min(1024) @Max(52428800)
  INTAKE_MAX_PHOTO_BYTES = 10485760;

  /** Minutes without activity after which an officer's claim (edit lock) on a case lapses. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1440)
  CASE_CLAIM_TTL_MINUTES = 15;

  /** A running clock due within this many hours shows as "at risk" (and the at-risk list's default window). */
  @Transform(toInt) @IsInt() @Min(1) @Max(720)
  CLOCK_AT_RISK_HOURS = 24;

  /** Minutes after a breach (unit lead told) before the supervising unit is told, if the clock is still not met. */
  @Transform(toInt) @IsInt() @Min(1) @Max(43200)
  CLOCK_ESCALATION_DELAY_MINUTES = 1440;

  /** The deadline sweep's schedule on the job queue (graphile-worker cron syntax, minute resolution). */
  @IsString() @Matches(/^\S+ \S+ \S+ \S+ \S+$/, { message: 'CLOCK_SWEEP_CRON must be five cron fields' })
  CLOCK_SWEEP_CRON = '* * * * *';

  /** The PostgreSQL job queue worker (graphile-worker): auto = on except when NODE_ENV=test. */
  @IsIn(['auto', 'on', 'off'])
  JOB_WORKER: 'auto' | 'on' | 'off' = 'auto';

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
  for (const key of [...known, 'DATABASE_URL', 'AUDIT_SIGNING_KEY', 'MASTER_KEYS', 'MASTER_KEY_FILE', 'RECEIPT_PEPPER', 'INTAKE_PROOF_SECRET', 'METRICS_TOKEN', 'SMTP_URL', 'AUDIT_WITNESS_DIR', 'AUDIT_WITNESS_URL']) {
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
  problems.push(...parseTrustedProxies(config.TRUSTED_PROXIES ?? '', config.TRUSTED_PROXY_HEADER ?? 'x-forwarded-for').problems);
  if (config.NODE_ENV === 'production' && !config.MASTER_KEYS && !config.MASTER_KEY_FILE) {
    problems.push('MASTER_KEYS or MASTER_KEY_FILE must be set in production (the key that encrypts tips at rest)');
  }
  if (config.NODE_ENV === 'production') {
    if (!config.RECEIPT_PEPPER) problems.push('RECEIPT_PEPPER must be set in production (the pepper of tipster receipts)');
    if (!config.INTAKE_PROOF_SECRET) problems.push('INTAKE_PROOF_SECRET must be set in production (signs proof-of-work challenges)');
    if (!config.METRICS_TOKEN) problems.push('METRICS_TOKEN must be set in production (GET /metrics needs it as a bearer token)');
    if (config.INTAKE_POW_DIFFICULTY < 1000) problems.push('INTAKE_POW_DIFFICULTY must be at least 1000 in production (proof-of-work is never off)');
  }
  if (config.NODE_ENV === 'production' && !config.AUDIT_SIGNING_KEY) {
    problems.push('AUDIT_SIGNING_KEY must be set in production (the Ed25519 key that signs audit checkpoints)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = EnvironmentVariables & { DATABASE_URL: string };
