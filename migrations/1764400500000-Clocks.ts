import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clocks (deadlines per case, as events), their policies with seeded defaults, the working-day
 * calendar's exceptions, notifications. The seeded policies are defaults that the deploying
 * agency must review (README): internal targets, and legal clocks citing Joint Circular
 * 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC and the Criminal Procedure Code 2015, arts. 147–148.
 * Legal clocks start only for the crime categories listed here (policy data, editable by admins).
 */
const SEED_FROM = '2020-01-01T00:00:00+07:00';
const CRIME_CATEGORIES = ['trafficking', 'production', 'dealing_point', 'crime_group', 'precursors'];
const JC_01_2017 = 'Thông tư liên tịch 01/2017/TTLT-BCA-BQP-BTC-BNN&PTNT-VKSNDTC';
const CPC_147_148 = 'Bộ luật Tố tụng hình sự 2015, Điều 147 (20 ngày; phức tạp đến 2 tháng; VKS gia hạn một lần đến 2 tháng), Điều 148 (tạm đình chỉ)';

interface SeedPolicy {
  kind: string; legal: boolean; category: string | null; priority: string | null; unitKinds: string[] | null;
  value: number; unit: string; metBy: string[]; maxExtensions: number; maxExtensionDays: number | null; reference: string | null;
}

function seedPolicies(): SeedPolicy[] {
  const ack = ['acknowledged', 'verification_started', 'actioned', 'closed'];
  const first = ['verification_started', 'actioned', 'closed'];
  const internal = (kind: string, priority: string | null, hours: number, metBy: string[]): SeedPolicy => ({
    kind, legal: false, category: null, priority, unitKinds: null, value: hours, unit: 'hours', metBy, maxExtensions: 1, maxExtensionDays: 14, reference: null,
  });
  const out: SeedPolicy[] = [
    internal('acknowledge', null, 24, ack), internal('acknowledge', 'high', 8, ack), internal('acknowledge', 'urgent', 2, ack),
    internal('first_action', null, 72, first), internal('first_action', 'high', 48, first), internal('first_action', 'urgent', 24, first),
  ];
  for (const category of CRIME_CATEGORIES) {
    out.push(
      // The commune police pass a crime report on within 24 hours (48 in remote areas: a policy row per remote unit kind or an extension).
      { kind: 'legal_transfer', legal: true, category, priority: null, unitKinds: ['commune_police'], value: 24, unit: 'hours', metBy: ['transferred', 'closed'], maxExtensions: 1, maxExtensionDays: 1, reference: `${JC_01_2017}: Công an cấp xã chuyển tin báo trong 24 giờ (48 giờ ở vùng sâu, vùng xa)` },
      // The receiving body tells the Procuracy and the reporter within 3 working days.
      { kind: 'legal_notify', legal: true, category, priority: null, unitKinds: null, value: 3, unit: 'working_days', metBy: ['message_to_tipster', 'closed'], maxExtensions: 0, maxExtensionDays: null, reference: `${JC_01_2017}: thông báo cho Viện kiểm sát và người báo tin trong 03 ngày làm việc` },
      // Verify and decide within 20 days; complex cases up to 2 months; one extension by the Procuracy up to 2 more months; art. 148 suspension pauses.
      { kind: 'legal_verify', legal: true, category, priority: null, unitKinds: null, value: 20, unit: 'days', metBy: ['actioned', 'closed'], maxExtensions: 2, maxExtensionDays: 62, reference: CPC_147_148 },
    );
  }
  return out;
}

/** Stable ids for the seeded rows (so a re-seed or a test can name them). */
function seedId(i: number): string {
  return `00000000-0000-4000-8000-${String(150000000000 + i).padStart(12, '0')}`;
}

export class Clocks1764400500000 implements MigrationInterface {
  name = 'Clocks1764400500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_deadline_check"`);
    await q.query(`CREATE TABLE "clock_policies" ("id" uuid NOT NULL, "kind" text NOT NULL, "legal" boolean NOT NULL, "category" text, "priority" text, "unit_kinds" text array, "duration_value" integer NOT NULL, "duration_unit" text NOT NULL, "met_by" text array NOT NULL, "pausable" boolean NOT NULL DEFAULT true, "max_extensions" integer NOT NULL DEFAULT '0', "max_extension_days" integer, "legal_reference" text, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "clock_policies_duration_check" CHECK ("duration_value" > 0), CONSTRAINT "clock_policies_priority_check" CHECK ("priority" IS NULL OR "priority" IN ('urgent', 'high', 'normal', 'low')), CONSTRAINT "clock_policies_unit_check" CHECK ("duration_unit" IN ('hours', 'working_days', 'days', 'months')), CONSTRAINT "PK_182294d8ae633f7f3525a6e12f3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "clock_policies_lookup_idx" ON "clock_policies" ("kind", "valid_from") `);
    await q.query(`CREATE TABLE "case_clocks" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "legal" boolean NOT NULL, "policy_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "status" text NOT NULL, "met_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "paused_seconds" integer NOT NULL DEFAULT '0', "paused_since" TIMESTAMP WITH TIME ZONE, "extensions" integer NOT NULL DEFAULT '0', "duration_value" integer NOT NULL, "duration_unit" text NOT NULL, "escalation_level" smallint NOT NULL DEFAULT '0', "escalate_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "case_clocks_status_check" CHECK ("status" IN ('running', 'paused', 'met', 'breached', 'cancelled')), CONSTRAINT "PK_679dc06a372c19ec97d35708975" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "case_clocks_escalate_idx" ON "case_clocks" ("escalate_at") WHERE "escalate_at" IS NOT NULL`);
    await q.query(`CREATE INDEX "case_clocks_due_idx" ON "case_clocks" ("due_at") WHERE "status" = 'running'`);
    await q.query(`CREATE INDEX "case_clocks_case_id_idx" ON "case_clocks" ("case_id") `);
    // Open clocks of a policy: what a policy change recomputes (and the sweep's check for changes that took effect).
    await q.query(`CREATE INDEX "case_clocks_open_policy_idx" ON "case_clocks" ("policy_id") WHERE "status" IN ('running', 'paused', 'breached')`);
    await q.query(`CREATE TABLE "clock_events" ("id" uuid NOT NULL, "clock_id" uuid NOT NULL, "case_id" uuid NOT NULL, "type" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text, "legal_reference" text, "actor_id" uuid, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_08ee1d588f22ec11fc7771c6a87" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "clock_events_case_id_idx" ON "clock_events" ("case_id") `);
    await q.query(`CREATE INDEX "clock_events_clock_id_at_idx" ON "clock_events" ("clock_id", "at") `);
    await q.query(`CREATE TABLE "calendar_exceptions" ("date" date NOT NULL, "kind" text NOT NULL, "note" text NOT NULL, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "calendar_exceptions_kind_check" CHECK ("kind" IN ('day_off', 'working_day')), CONSTRAINT "PK_16079158accde0cfcc6ae498062" PRIMARY KEY ("date"))`);
    await q.query(`CREATE TABLE "notifications" ("id" uuid NOT NULL, "recipient_id" uuid NOT NULL, "kind" text NOT NULL, "dedupe_key" text NOT NULL, "case_id" uuid, "case_reference" text, "subject" text NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, "email_status" text, "emailed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "notifications_dedupe_key" ON "notifications" ("dedupe_key", "recipient_id") `);
    await q.query(`CREATE INDEX "notifications_recipient_created_idx" ON "notifications" ("recipient_id", "created_at") `);
    await q.query(`CREATE TABLE "staff_notification_emails" ("staff_id" uuid NOT NULL, "email" text NOT NULL, CONSTRAINT "PK_33b9d3d63195d9aa9baf22b4104" PRIMARY KEY ("staff_id"))`);
    await q.query(`ALTER TABLE "cases" ADD "breach_flagged" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_policy_id_fkey" FOREIGN KEY ("policy_id") REFERENCES "clock_policies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "clock_events" ADD CONSTRAINT "clock_events_clock_id_fkey" FOREIGN KEY ("clock_id") REFERENCES "case_clocks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "clock_events" ADD CONSTRAINT "clock_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "notifications_recipient_id_fkey" FOREIGN KEY ("recipient_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_notification_emails" ADD CONSTRAINT "staff_notification_emails_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    const seeds = seedPolicies();
    for (const [i, p] of seeds.entries()) {
      await q.query(
        `INSERT INTO clock_policies (id, kind, legal, category, priority, unit_kinds, duration_value, duration_unit, met_by, pausable, max_extensions, max_extension_days, legal_reference, valid_from)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, true, $10, $11, $12, $13)`,
        [seedId(i), p.kind, p.legal, p.category, p.priority, p.unitKinds, p.value, p.unit, p.metBy, p.maxExtensions, p.maxExtensionDays, p.reference, SEED_FROM],
      );
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "staff_notification_emails" DROP CONSTRAINT "staff_notification_emails_staff_id_fkey"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "notifications_recipient_id_fkey"`);
    await q.query(`ALTER TABLE "clock_events" DROP CONSTRAINT "clock_events_case_id_fkey"`);
    await q.query(`ALTER TABLE "clock_events" DROP CONSTRAINT "clock_events_clock_id_fkey"`);
    await q.query(`ALTER TABLE "case_clocks" DROP CONSTRAINT "case_clocks_policy_id_fkey"`);
    await q.query(`ALTER TABLE "case_clocks" DROP CONSTRAINT "case_clocks_case_id_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "breach_flagged"`);
    await q.query(`DROP TABLE "staff_notification_emails"`);
    await q.query(`DROP INDEX "public"."notifications_recipient_created_idx"`);
    await q.query(`DROP INDEX "public"."notifications_dedupe_key"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TABLE "calendar_exceptions"`);
    await q.query(`DROP INDEX "public"."clock_events_clock_id_at_idx"`);
    await q.query(`DROP INDEX "public"."clock_events_case_id_idx"`);
    await q.query(`DROP TABLE "clock_events"`);
    await q.query(`DROP INDEX "public"."case_clocks_open_policy_idx"`);
    await q.query(`DROP INDEX "public"."case_clocks_case_id_idx"`);
    await q.query(`DROP INDEX "public"."case_clocks_due_idx"`);
    await q.query(`DROP INDEX "public"."case_clocks_escalate_idx"`);
    await q.query(`DROP TABLE "case_clocks"`);
    await q.query(`DROP INDEX "public"."clock_policies_lookup_idx"`);
    await q.query(`DROP TABLE "clock_policies"`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_deadline_check" CHECK (((status = 'closed'::text) OR (next_deadline_at IS NOT NULL)))`);
  }
}
