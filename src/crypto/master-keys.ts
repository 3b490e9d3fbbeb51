import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { ConfigError } from '../config/env';
import { KEY_BYTES } from './envelope-format';

export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The configured master keys: the newest (last) wraps; all of them unwrap. */
export class MasterKeyRing {
  private readonly byId: Map<string, MasterKey>;
  constructor(readonly keys: MasterKey[]) {
    if (keys.length === 0) throw new ConfigError(['no master key configured']);
    this.byId = new Map(keys.map((k) => [k.id, k]));
    if (this.byId.size !== keys.length) throw new ConfigError(['master key ids must be unique']);
  }
  get current(): MasterKey {
    return this.keys[this.keys.length - 1];
  }
  get(id: string): MasterKey | undefined {
    return this.byId.get(id);
  }
}

const ID = /^[A-Za-z0-9_.-]{1,64}$/;

function decodeKey(id: string, b64: string, source: string): MasterKey {
  if (!ID.test(id)) throw new ConfigError([`${source}: master key id must match ${ID.source} (got ${JSON.stringify(id)})`]);
  const key = Buffer.from(b64.trim(), 'base64');
  // Never echo the key material, only what is wrong with it.
  if (key.length !== KEY_BYTES) throw new ConfigError([`${source}: master key ${id} must be ${KEY_BYTES} bytes in base64 (got ${key.length} bytes)`]);
  return { id, key };
}

/** `MASTER_KEYS=id1:base64,id2:base64` (newest last). */
export function parseMasterKeys(value: string): MasterKey[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((entry) => {
      const at = entry.indexOf(':');
      if (at < 1) throw new ConfigError(['MASTER_KEYS entries must look like id:base64key']);
      return decodeKey(entry.slice(0, at), entry.slice(at + 1), 'MASTER_KEYS');
    });
}

/** The key file: `{ "keys": [ { "id": "k1", "key": "<base64>" }, ... ] }` (newest last). */
export function parseMasterKeyFile(json: string, file = 'MASTER_KEY_FILE'): MasterKey[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ConfigError([`${file} is not valid JSON`]);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  if (!Array.isArray(keys)) throw new ConfigError([`${file} must hold {"keys":[{"id":"...","key":"<base64>"}]}`]);
  return keys.map((k: { id?: unknown; key?: unknown }) => {
    if (typeof k?.id !== 'string' || typeof k?.key !== 'string') throw new ConfigError([`${file}: each key needs a string id and key`]);
    return decodeKey(k.id, k.key, file);
  });
}

export interface MasterKeySource {
  NODE_ENV: 'development' | 'production' | 'test';
  MASTER_KEYS?: string;
  MASTER_KEY_FILE?: string;
  EMBEDDED_PG_DIR: string;
}

/** Where development keeps its generated key: next to the embedded data folder (.data/). */
export function defaultMasterKeyFile(embeddedPgDir: string): string {
  return path.join(path.dirname(path.resolve(embeddedPgDir)), 'master-keys.json');
}

/**
 * MASTER_KEYS, else MASTER_KEY_FILE; with neither: production refuses to start, tests use an
 * ephemeral in-memory key, development generates one on first start (mode 0600) and says so.
 */
export function loadMasterKeyRing(env: MasterKeySource, log: (m: string) => void): MasterKeyRing {
  if (env.MASTER_KEYS) return new MasterKeyRing(parseMasterKeys(env.MASTER_KEYS));
  if (env.MASTER_KEY_FILE) {
    let text: string;
    try {
      text = readFileSync(env.MASTER_KEY_FILE, 'utf8');
    } catch (e) {
      throw new ConfigError([`MASTER_KEY_FILE cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    return new MasterKeyRing(parseMasterKeyFile(text));
  }
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(['MASTER_KEYS or MASTER_KEY_FILE must be set in production (the key that encrypts tips at rest)']);
  }
  if (env.NODE_ENV === 'test') return new MasterKeyRing([{ id: 'test-ephemeral', key: randomBytes(KEY_BYTES) }]);
  const file = defaultMasterKeyFile(env.EMBEDDED_PG_DIR);
  if (existsSync(file)) return new MasterKeyRing(parseMasterKeyFile(readFileSync(file, 'utf8'), file));
  mkdirSync(path.dirname(file), { recursive: true });
  const id = `dev-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}`;
  const body = JSON.stringify({ keys: [{ id, key: randomBytes(KEY_BYTES).toString('base64') }] }, null, 2);
  try {
    writeFileSync(file, `${body}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // Another process (the CLI, a second instance) generated it first: use theirs.
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return new MasterKeyRing(parseMasterKeyFile(readFileSync(file, 'utf8'), file));
    throw e;
  }
  chmodSync(file, 0o600);
  log(`generated master key ${id} into ${file} (mode 0600); back it up: without it the encrypted tips cannot be read`);
  return new MasterKeyRing(parseMasterKeyFile(readFileSync(file, 'utf8'), file));
}
