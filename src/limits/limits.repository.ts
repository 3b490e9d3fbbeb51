import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * SQL of the shared limits: two UNLOGGED tables (never in the WAL, so never in a replica or a
 * point-in-time backup, and emptied by a crash). `limit_secrets` holds one random secret per
 * rotation period, shared by every instance; `limit_counters` holds windowed counters keyed by
 * an HMAC under that secret. Nothing else: no address, no time of any single request.
 */
@Injectable()
export class LimitsRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The secret of `period`, made by whichever instance asks first; older secrets are deleted. */
  async secretFor(period: number): Promise<Buffer> {
    await this.ds.query('INSERT INTO "limit_secrets" ("period", "secret") VALUES ($1, $2) ON CONFLICT ("period") DO NOTHING', [period, randomBytes(32)]);
    const rows: { secret: Buffer }[] = await this.ds.query('SELECT "secret" FROM "limit_secrets" WHERE "period" = $1', [period]);
    await this.ds.query('DELETE FROM "limit_secrets" WHERE "period" < $1', [period]);
    return rows[0].secret;
  }

  /** Adds to a counter (creating it) and returns its new value, in one statement. */
  async add(key: string, by: number, expiresAt: Date): Promise<number> {
    const rows: { count: number }[] = await this.ds.query(
      `INSERT INTO "limit_counters" ("key", "count", "expires_at") VALUES ($1, $2, $3)
       ON CONFLICT ("key") DO UPDATE SET "count" = "limit_counters"."count" + EXCLUDED."count"
       RETURNING "count"`,
      [key, by, expiresAt],
    );
    return Number(rows[0].count);
  }

  async deleteExpired(): Promise<void> {
    await this.ds.query('DELETE FROM "limit_counters" WHERE "expires_at" < now()');
  }
}
