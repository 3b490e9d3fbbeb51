import * as argon2 from 'argon2';
import { ARGON2_FLOOR, hashPassword, needsRehash, parseArgon2Hash, verifyPassword } from './password-hasher';

describe('password hashing', () => {
  it('stores argon2id hashes whose parameters meet the OWASP/ASVS floor', async () => {
    const hash = await hashPassword('correct horse battery');
    const p = parseArgon2Hash(hash);
    expect(p).not.toBeNull();
    expect(p!.algorithm).toBe('argon2id');
    expect(p!.version).toBe(19);
    expect(p!.memoryCost).toBeGreaterThanOrEqual(ARGON2_FLOOR.memoryCost);
    expect(p!.timeCost).toBeGreaterThanOrEqual(ARGON2_FLOOR.timeCost);
    expect(p!.parallelism).toBeGreaterThanOrEqual(ARGON2_FLOOR.parallelism);
    expect(needsRehash(hash)).toBe(false);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterz')).toBe(false);
  });
  it('asks to rehash a hash made with weaker or other parameters', async () => {
    const weak = await argon2.hash('correct horse battery', { type: argon2.argon2id, memoryCost: 8192, timeCost: 2, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    const argon2i = await argon2.hash('correct horse battery', { type: argon2.argon2i, memoryCost: 19456, timeCost: 3, parallelism: 1 });
    expect(needsRehash(argon2i)).toBe(true);
    expect(needsRehash('not a hash')).toBe(true);
  });
  it('verifies garbage as false rather than throwing', async () => {
    expect(await verifyPassword('garbage', 'x')).toBe(false);
  });
});
