import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/env';
import { checkConfiguration } from './configuration-check';

function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    checkConfiguration(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
}

describe('checkConfiguration', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(path.join(tmpdir(), 'tipline-config-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts the defaults and good values of every parsed setting', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(
      problems({
        RETENTION_RULES: '*/spam=30,official_misconduct/*=3650',
        MASTER_KEYS: `k1:${randomBytes(32).toString('base64')}`,
        AUDIT_SIGNING_KEY: pem,
        TRUSTED_PROXIES: '10.0.0.0/8',
      }),
    ).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('names every bad setting in one list, before anything starts, without echoing secrets', () => {
    const secretKey = randomBytes(16).toString('base64');
    const found = problems({
      PORT: 'eighty',
      RETENTION_RULES: 'spam=30,*/bogus=1',
      MASTER_KEYS: `k1:${secretKey}`,
      AUDIT_SIGNING_KEY: 'not-a-key',
      TRUSTED_PROXIES: 'proxy.example',
    });
    expect(found).toEqual([
      expect.stringMatching(/^PORT /),
      'TRUSTED_PROXIES entry "proxy.example" is not an IP address, a CIDR (10.0.0.0/8) or one of loopback, linklocal, uniquelocal',
      'RETENTION_RULES entry "spam=30" must look like category/outcome=days (use * for any)',
      'RETENTION_RULES entry "*/bogus=1": unknown outcome bogus',
      'MASTER_KEYS: master key k1 must be 32 bytes in base64 (got 16 bytes)',
      'AUDIT_SIGNING_KEY is not a PKCS#8 private key (PEM, or DER in base64)',
    ]);
    expect(found.join(' ')).not.toContain(secretKey);
  });

  it('reads MASTER_KEY_FILE: a missing or malformed file is a configuration problem', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"keys": [{"id": "k1"}]}');
    expect(problems({ MASTER_KEY_FILE: path.join(dir, 'missing.json') })).toEqual([`MASTER_KEY_FILE ${path.join(dir, 'missing.json')} cannot be read (ENOENT)`]);
    expect(problems({ MASTER_KEY_FILE: bad })).toEqual([`MASTER_KEY_FILE ${bad}: each key needs a string id and key`]);
    const good = path.join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ keys: [{ id: 'k1', key: randomBytes(32).toString('base64') }] }));
    expect(problems({ MASTER_KEY_FILE: good })).toEqual([]);
  });

  it('an Ed25519 key only: another kind of private key is refused', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(problems({ AUDIT_SIGNING_KEY: rsa })).toEqual(['AUDIT_SIGNING_KEY must be an Ed25519 private key']);
  });
});
