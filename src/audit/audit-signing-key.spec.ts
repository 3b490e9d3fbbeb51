import { generateKeyPairSync, verify } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../config/env';
import { encodeCheckpoint } from './audit-canonical';
import { loadSigningKey, parseSigningKey } from './audit-signing-key';

describe('audit signing key', () => {
  const pair = generateKeyPairSync('ed25519');
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const der = pair.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

  it('reads AUDIT_SIGNING_KEY as PKCS#8 PEM (also with \\n escapes) or base64 DER, to the same key id', () => {
    const a = loadSigningKey({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: pem, EMBEDDED_PG_DIR: 'x' });
    const b = loadSigningKey({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: der, EMBEDDED_PG_DIR: 'x' });
    const c = loadSigningKey({ NODE_ENV: 'production', AUDIT_SIGNING_KEY: pem.replace(/\n/g, '\\n'), EMBEDDED_PG_DIR: 'x' });
    expect(a.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect([b.keyId, c.keyId]).toEqual([a.keyId, a.keyId]);
    const fields = { seq: '3', headHash: 'a'.repeat(64), at: '2026-01-01T00:00:00.000Z', keyId: a.keyId, prevHash: '0'.repeat(64) };
    expect(verify(null, encodeCheckpoint(fields), pair.publicKey, Buffer.from(a.sign(fields), 'base64'))).toBe(true);
  });

  it('refuses garbage and non-Ed25519 keys without echoing them', () => {
    expect(() => parseSigningKey('not a key')).toThrow('AUDIT_SIGNING_KEY is not a PKCS#8 private key');
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadSigningKey({ NODE_ENV: 'test', AUDIT_SIGNING_KEY: rsa, EMBEDDED_PG_DIR: 'x' })).toThrow('must be an Ed25519 private key');
  });

  it('refuses to start in production without a key', () => {
    expect(() => loadSigningKey({ NODE_ENV: 'production', EMBEDDED_PG_DIR: 'x' })).toThrow('required in production');
    let problems: string[] = [];
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (e) {
      problems = (e as ConfigError).problems;
    }
    expect(problems.some((p) => p.startsWith('AUDIT_SIGNING_KEY must be set in production'))).toBe(true);
  });

  it('in development keeps a generated key next to the embedded data folder (mode 600), the same on every start', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'audit-key-'));
    try {
      const config = { NODE_ENV: 'development', EMBEDDED_PG_DIR: path.join(dir, 'postgres') };
      const first = loadSigningKey(config);
      const file = path.join(dir, 'audit-signing-key.pem');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(first.source).toContain(file);
      expect(readFileSync(file, 'utf8')).toContain('BEGIN PRIVATE KEY');
      expect(loadSigningKey(config).keyId).toBe(first.keyId);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('in tests uses an ephemeral key and says so', () => {
    const k = loadSigningKey({ NODE_ENV: 'test', EMBEDDED_PG_DIR: 'x' });
    expect(k.source).toContain('ephemeral');
    expect(loadSigningKey({ NODE_ENV: 'test', EMBEDDED_PG_DIR: 'x' }).keyId).not.toBe(k.keyId);
  });
});
