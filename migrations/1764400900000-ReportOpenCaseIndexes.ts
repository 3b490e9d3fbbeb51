import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The backlog and the at-risk list read only the open cases of case_figures (a quarter of them or
 * so). The open-case index on unit_id now carries every column the backlog reads (INCLUDE), so a
 * national or a unit's backlog is an index-only scan instead of a pass over the whole table; and
 * the at-risk list, soonest due first, walks an index in that order and stops at its page size
 * instead of sorting every open case.
 */
export class ReportOpenCaseIndexes1764400900000 implements MigrationInterface {
  name = 'ReportOpenCaseIndexes1764400900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."case_figures_open_unit_idx"`);
    await q.query(
      `CREATE INDEX "case_figures_open_unit_idx" ON "case_figures" ("unit_id") INCLUDE ("created_at", "category", "locality_code", "open_clock_breached", "running_due", "open_clock_due", "open_clock_paused") WHERE "status" <> 'closed'`,
    );
    await q.query(`CREATE INDEX "case_figures_open_due_idx" ON "case_figures" ("open_clock_due", "case_id") WHERE "status" <> 'closed'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."case_figures_open_due_idx"`);
    await q.query(`DROP INDEX "public"."case_figures_open_unit_idx"`);
    await q.query(`CREATE INDEX "case_figures_open_unit_idx" ON "case_figures" ("unit_id") WHERE "status" <> 'closed'`);
  }
}
