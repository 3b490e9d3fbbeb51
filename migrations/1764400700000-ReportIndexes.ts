import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervisor reports select cases by the day they were opened across every unit (an auditor's
 * national report of a month); the queue's (unit_id, created_at) index only serves one unit.
 */
export class ReportIndexes1764400700000 implements MigrationInterface {
  name = 'ReportIndexes1764400700000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "cases_created_at_idx" ON "cases" ("created_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."cases_created_at_idx"`);
  }
}
