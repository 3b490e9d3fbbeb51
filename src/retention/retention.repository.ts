import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';

/**
 * Retention owns no table: the cases it examines come from CaseRetentionService (src/cases) and
 * the keys it destroys go through CryptoService. This holds only the run's advisory lock.
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** A session-level advisory lock on its own connection: one retention run across all instances. */
  async tryExclusive(name: string): Promise<QueryRunner | null> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = await runner.query('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name]);
      if (locked) return runner;
    } catch (e) {
      await runner.release();
      throw e;
    }
    await runner.release();
    return null;
  }

  async releaseExclusive(runner: QueryRunner, name: string): Promise<void> {
    try {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [name]);
    } finally {
      await runner.release();
    }
  }
}
