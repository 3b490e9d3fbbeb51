import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shared rate limits (src/limits): UNLOGGED, so neither table reaches the WAL, a replica or a
 * point-in-time backup, and a crash empties them. The secret rotates (older periods deleted);
 * counters are keyed by an HMAC under it and deleted once expired.
 */
export class Limits1764400400000 implements MigrationInterface {
  name = 'Limits1764400400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE "limit_secrets" (
      "period" bigint NOT NULL,
      "secret" bytea NOT NULL,
      CONSTRAINT "PK_limit_secrets" PRIMARY KEY ("period")
    )`);
    await q.query(`CREATE UNLOGGED TABLE "limit_counters" (
      "key" text NOT NULL,
      "count" integer NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_limit_counters" PRIMARY KEY ("key")
    )`);
    await q.query('CREATE INDEX "limit_counters_expires_idx" ON "limit_counters" ("expires_at")');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "limit_counters"');
    await q.query('DROP TABLE "limit_secrets"');
  }
}
