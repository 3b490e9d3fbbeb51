import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataKey } from './data-key.entity';

export interface WrappedKeyRow {
  id: string;
  wrappedKey: Buffer;
}

/** The only code that reads or writes `data_keys`. */
@Injectable()
export class CryptoRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get dataSource(): DataSource {
    return this.ds;
  }

  async insert(manager: EntityManager, row: { id: string; wrappedKey: Buffer; masterKeyId: string; wrapVersion: number; createdAt?: Date }): Promise<void> {
    await manager.query('INSERT INTO data_keys (id, wrapped_key, master_key_id, wrap_version, created_at) VALUES ($1, $2, $3, $4, coalesce($5, now()))', [
      row.id,
      row.wrappedKey,
      row.masterKeyId,
      row.wrapVersion,
      row.createdAt ?? null,
    ]);
  }

  /** undefined: no such key; null: destroyed. */
  async findWrapped(manager: EntityManager, id: string): Promise<Buffer | null | undefined> {
    const rows: { wrapped_key: Buffer | null }[] = await manager.query('SELECT wrapped_key FROM data_keys WHERE id = $1', [id]);
    return rows.length === 0 ? undefined : rows[0].wrapped_key;
  }

  /** Returns false when there was no such key. Idempotent for an already destroyed key. */
  async destroy(manager: EntityManager, id: string): Promise<boolean> {
    // TypeORM returns [rows, affected] for UPDATE on PostgreSQL.
    const [, affected] = (await manager.query(
      'UPDATE data_keys SET wrapped_key = NULL, destroyed_at = COALESCE(destroyed_at, now()) WHERE id = $1',
      [id],
    )) as [unknown[], number];
    return affected > 0;
  }

  /** Live keys not yet wrapped by `masterKeyId`, locked for this transaction; rows another rotation holds are skipped. */
  async lockBatchToRewrap(manager: EntityManager, masterKeyId: string, limit: number): Promise<WrappedKeyRow[]> {
    const rows: { id: string; wrapped_key: Buffer }[] = await manager.query(
      `SELECT id, wrapped_key FROM data_keys
        WHERE wrapped_key IS NOT NULL AND master_key_id <> $1
        LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [masterKeyId, limit],
    );
    return rows.map((r) => ({ id: r.id, wrappedKey: r.wrapped_key }));
  }

  async saveRewrapped(manager: EntityManager, masterKeyId: string, wrapVersion: number, rows: WrappedKeyRow[]): Promise<void> {
    if (rows.length === 0) return;
    await manager.query(
      `UPDATE data_keys d
          SET wrapped_key = u.wrapped_key, master_key_id = $1, wrap_version = $2, rotated_at = now()
         FROM unnest($3::uuid[], $4::bytea[]) AS u(id, wrapped_key)
        WHERE d.id = u.id AND d.wrapped_key IS NOT NULL`,
      [masterKeyId, wrapVersion, rows.map((r) => r.id), rows.map((r) => r.wrappedKey)],
    );
  }

  async countToRewrap(manager: EntityManager, masterKeyId: string): Promise<number> {
    const rows: { n: string }[] = await manager.query(
      'SELECT count(*) AS n FROM data_keys WHERE wrapped_key IS NOT NULL AND master_key_id <> $1',
      [masterKeyId],
    );
    return Number(rows[0].n);
  }
}

export { DataKey };
