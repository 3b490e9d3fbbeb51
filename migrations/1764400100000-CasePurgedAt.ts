import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * cases.purged_at: retention records the purge on the case itself, so that finding the cases
 * still to purge reads only the cases table (no join into crypto's data_keys). Cases purged
 * before this migration are found by their destroyed key once, here.
 */
export class CasePurgedAt1764400100000 implements MigrationInterface {
  name = 'CasePurgedAt1764400100000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" ADD "purged_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "cases" c SET "purged_at" = now() FROM "data_keys" k WHERE k."id" = c."data_key_id" AND k."wrapped_key" IS NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP COLUMN "purged_at"`);
  }
}
