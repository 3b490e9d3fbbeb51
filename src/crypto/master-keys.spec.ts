import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/env';
import { loadMasterKeyRing, parseMasterKeyFile, parseMasterKeys } from './master-keys';

const k1 = Buffer.alloc(32, 1).toString('base64');
const k2 = Buffer.alloc(32, 2).toString('base64');

describe('master keys', () => {
  it('parses MASTER_KEYS, newest last', () => {
    const keys = parseMasterKeys(`old:${k1}, new:${k2}`);
    expect(keys.map((k) => k.id)).toEqual(['old', 'new']);
    const ring = loadMasterKeyRing({ NODE_ENV: 'production', MASTER_KEYS: `old:${k1},new:${k2}`, EMBEDDED_PG_DIR: '.x' }, () => undefined);
    expect(ring.current.id).toBe('new');
    expect(ring.get('old')?.key.equals(Buffer.alloc(32, 1))).toBe(true);
  });

  it('rejects bad keys without echoing them', () => {
    const short = Buffer.alloc(16, 9).toString('base64');
    try {
      parseMasterKeys(`k:${short}`);
      throw new Error('expected a ConfigError');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).not.toContain(short);
    }
    expect(() => parseMasterKeys(`nocolon${k1}`)).toThrow(ConfigError);
    expect(() => parseMasterKeys(`a:${k1},a:${k2}`).length && loadMasterKeyRing({ NODE_ENV: 'test', MASTER_KEYS: `a:${k1},a:${k2}`, EMBEDDED_PG_DIR: '.x' }, () => undefined)).toThrow(ConfigError);
    expect(() => parseMasterKeyFile('{"keys":"x"}')).toThrow(ConfigError);
  });

  it('refuses to start in production without keys', () => {
    expect(() => loadMasterKeyRing({ NODE_ENV: 'production', EMBEDDED_PG_DIR: '.x' }, () => undefined)).toThrow(/MASTER_KEYS or MASTER_KEY_FILE/);
  });

  it('generates a development key next to the data folder once, mode 0600, and says so', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mk-'));
    const said: string[] = [];
    const env = { NODE_ENV: 'development' as const, EMBEDDED_PG_DIR: path.join(dir, 'postgres') };
    const first = loadMasterKeyRing(env, (m) => said.push(m));
    const file = path.join(dir, 'master-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain(file);
    expect(said[0]).not.toContain(first.current.key.toString('base64'));
    const again = loadMasterKeyRing(env, (m) => said.push(m));
    expect(again.current.key.equals(first.current.key)).toBe(true);
    expect(said).toHaveLength(1);
    expect(parseMasterKeyFile(readFileSync(file, 'utf8'))[0].id).toBe(first.current.id);
  });
});

describe('configuration', () => {
  it('names MASTER_KEYS when production has none, and never echoes a configured key', () => {
    const { loadConfig } = jest.requireActual('../config/env') as typeof import('../config/env');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/MASTER_KEYS or MASTER_KEY_FILE/);
    try {
      loadConfig({ NODE_ENV: 'production', MASTER_KEYS: `k1:${k1}`, PORT: 'x' });
    } catch (e) {
      expect((e as Error).message).not.toContain(k1);
      expect((e as Error).message).not.toContain('MASTER_KEYS or MASTER_KEY_FILE');
    }
  });
});
