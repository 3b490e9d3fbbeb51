import { Inject, Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { DomainError, NotFound } from '../common/errors/domain-error';
import { APP_CONFIG, AppConfig } from '../config/env';
import { CryptoRepository } from './crypto.repository';
import { DataKeyCache } from './data-key-cache';
import {
  FieldAad,
  IV_BYTES,
  KEY_BYTES,
  openField,
  parseField,
  sealField,
  unwrapDataKey,
  WRAP_FORMAT_V1,
  wrapDataKey,
  wrappedMasterKeyId,
} from './envelope-format';
import { MasterKeyRing } from './master-keys';
import { UnitOfWork } from '../common/unit-of-work';

export const MASTER_KEY_RING = Symbol('MASTER_KEY_RING');

/** A ciphertext that does not authenticate: tampered, or copied from another row/column/key. */
export class CiphertextIntegrityError extends Error {
  constructor(readonly dataKeyId: string, readonly aad: FieldAad) {
    super(`ciphertext of ${aad.table}.${aad.column} row ${aad.rowId} does not authenticate under data key ${dataKeyId}`);
    this.name = 'CiphertextIntegrityError';
  }
}

const CACHE_TTL_MS = 60_000;

/**
 * Envelope encryption at rest (README "Encryption at rest"): a random AES-256 data key per case
 * (and per staff account), wrapped by the newest master key; fields are AES-256-GCM with their
 * table, column and row id bound as associated data. Formats: envelope-format.ts.
 */
@Injectable()
export class CryptoService {
  private readonly cache: DataKeyCache;

  constructor(
    private readonly repo: CryptoRepository,
    private readonly uow: UnitOfWork,
    @Inject(MASTER_KEY_RING) private readonly ring: MasterKeyRing,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.cache = new DataKeyCache(config.DATA_KEY_CACHE_SIZE, CACHE_TTL_MS);
  }

  /** A new data key, wrapped by the newest master key, in the caller's transaction. */
  /** `createdAt`: for a tipster's case, the coarse time of the action (see actionTime); default now. */
  async createDataKey(manager: EntityManager, createdAt?: Date): Promise<string> {
    const id = randomUUID();
    const key = randomBytes(KEY_BYTES);
    const master = this.ring.current;
    const wrappedKey = wrapDataKey(master.key, master.id, id, randomBytes(IV_BYTES), key);
    await this.repo.insert(manager, { id, wrappedKey, masterKeyId: master.id, wrapVersion: WRAP_FORMAT_V1, createdAt });
    this.cache.set(id, key);
    return id;
  }

  async encrypt(manager: EntityManager, dataKeyId: string, aad: FieldAad, plaintext: Buffer | string): Promise<Buffer> {
    const key = await this.dataKey(manager, dataKeyId);
    if (key === null) throw new DomainError('conflict', 'The content was destroyed under the retention policy and cannot be changed.');
    const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    return sealField(key, dataKeyId, aad, randomBytes(IV_BYTES), data);
  }

  /** The plaintext, or null when the data key was destroyed (crypto-shredded) under retention. */
  async decrypt(manager: EntityManager, dataKeyId: string, aad: FieldAad, ciphertext: Buffer): Promise<Buffer | null> {
    const header = parseField(ciphertext);
    if (header.dataKeyId !== dataKeyId) throw new CiphertextIntegrityError(dataKeyId, aad);
    const key = await this.dataKey(manager, dataKeyId);
    if (key === null) return null;
    try {
      return openField(key, aad, ciphertext);
    } catch {
      throw new CiphertextIntegrityError(dataKeyId, aad);
    }
  }

  /** True once the data key was destroyed (crypto-shredded) under retention: its content is gone for good. */
  async isDestroyed(manager: EntityManager, dataKeyId: string): Promise<boolean> {
    return (await this.dataKey(manager, dataKeyId)) === null;
  }

  /** Crypto-shredding: the wrapped key is erased; everything it encrypted becomes unreadable. */
  async destroyDataKey(manager: EntityManager, dataKeyId: string): Promise<void> {
    this.cache.delete(dataKeyId);
    const found = await this.repo.destroy(manager, dataKeyId);
    this.cache.delete(dataKeyId);
    if (!found) throw new NotFound('The data key');
  }

  get currentMasterKeyId(): string {
    return this.ring.current.id;
  }

  /**
   * Re-wraps up to `limit` data keys that are not yet under the newest master key, in one short
   * transaction (rows locked FOR UPDATE SKIP LOCKED, so concurrent rotations share the work and
   * readers are never blocked: they read the old or the new wrapping, both unwrap). Returns how
   * many it re-wrapped; 0 means nothing (unlocked) is left.
   */
  async rewrapBatch(limit: number): Promise<number> {
    const master = this.ring.current;
    return this.uow.run(async (manager) => {
      const rows = await this.repo.lockBatchToRewrap(manager, master.id, limit);
      const rewrapped = rows.map((r) => {
        const key = this.unwrap(r.id, r.wrappedKey);
        return { id: r.id, wrappedKey: wrapDataKey(master.key, master.id, r.id, randomBytes(IV_BYTES), key) };
      });
      await this.repo.saveRewrapped(manager, master.id, WRAP_FORMAT_V1, rewrapped);
      return rewrapped.length;
    });
  }

  async countToRewrap(manager: EntityManager): Promise<number> {
    return this.repo.countToRewrap(manager, this.ring.current.id);
  }

  private async dataKey(manager: EntityManager, id: string): Promise<Buffer | null> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const wrapped = await this.repo.findWrapped(manager, id);
    if (wrapped === undefined) throw new NotFound('The data key');
    if (wrapped === null) return null;
    const key = this.unwrap(id, wrapped);
    this.cache.set(id, key);
    return key;
  }

  private unwrap(id: string, wrapped: Buffer): Buffer {
    let masterKeyId: string;
    try {
      masterKeyId = wrappedMasterKeyId(wrapped);
    } catch (e) {
      throw new Error(`data key ${id} is not a wrapped key (${(e as Error).message})`);
    }
    const master = this.ring.get(masterKeyId);
    // Names the key id only; an operator must add that master key back to MASTER_KEYS.
    if (!master) throw new Error(`master key ${masterKeyId} (needed by data key ${id}) is not configured`);
    try {
      return unwrapDataKey(master.key, id, wrapped);
    } catch {
      throw new Error(`data key ${id} does not unwrap under master key ${masterKeyId} (wrong key material or tampered)`);
    }
  }
}
