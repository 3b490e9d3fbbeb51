import { readFileSync } from 'node:fs';
import { AuditSigningKey, parseSigningKey } from '../audit/audit-signing-key';
import { ConfigError, EnvironmentVariables, loadConfig } from '../config/env';
import { MasterKeyRing, parseMasterKeyFile, parseMasterKeys } from '../crypto/master-keys';
import { parseRetentionRules, RetentionRulesError } from '../retention/retention-policy';

function problemsOf(check: () => unknown): string[] {
  try {
    check();
    return [];
  } catch (e) {
    if (e instanceof ConfigError || e instanceof RetentionRulesError) {
      return e instanceof RetentionRulesError ? e.problems.map((p) => `RETENTION_RULES ${p}`) : e.problems;
    }
    return [(e as Error).message];
  }
}

/**
 * Every configuration value checked before anything starts (no database, no HTTP server, no key
 * generated): loadConfig's checks plus the values only their feature can parse — RETENTION_RULES,
 * MASTER_KEYS or MASTER_KEY_FILE (read here), AUDIT_SIGNING_KEY. One ConfigError names every
 * problem; secrets are never echoed.
 */
export function checkConfiguration(env: NodeJS.ProcessEnv): EnvironmentVariables {
  let config: EnvironmentVariables | undefined;
  const problems = problemsOf(() => (config = loadConfig(env)));
  const value = (name: string) => (env[name] === undefined || env[name] === '' ? undefined : env[name]);

  const rules = value('RETENTION_RULES');
  if (rules !== undefined) problems.push(...problemsOf(() => parseRetentionRules(rules)));

  const masterKeys = value('MASTER_KEYS');
  const masterKeyFile = value('MASTER_KEY_FILE');
  if (masterKeys !== undefined) {
    problems.push(...problemsOf(() => new MasterKeyRing(parseMasterKeys(masterKeys))));
  } else if (masterKeyFile !== undefined) {
    problems.push(
      ...problemsOf(() => {
        let text: string;
        try {
          text = readFileSync(masterKeyFile, 'utf8');
        } catch (e) {
          throw new ConfigError([`MASTER_KEY_FILE ${masterKeyFile} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
        }
        return new MasterKeyRing(parseMasterKeyFile(text, `MASTER_KEY_FILE ${masterKeyFile}`));
      }),
    );
  }

  const signingKey = value('AUDIT_SIGNING_KEY');
  if (signingKey !== undefined) problems.push(...problemsOf(() => new AuditSigningKey(parseSigningKey(signingKey), 'AUDIT_SIGNING_KEY')));

  if (problems.length > 0 || !config) throw new ConfigError([...new Set(problems)]);
  return config;
}
