import { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases, their timeline and messages (bodies encrypted), hotspots and their dated status history. */
export class CasesHotspots1764300500000 implements MigrationInterface {
  name = 'CasesHotspots1764300500000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "hotspots" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "locality_code" text NOT NULL, "description" text NOT NULL, "status" text NOT NULL, "created_by" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verified_at" TIMESTAMP WITH TIME ZONE, "dismantled_at" TIMESTAMP WITH TIME ZONE, "re_emerged_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "hotspots_status_check" CHECK ("status" IN ('suspected', 'verified', 'dismantled', 're_emerged')), CONSTRAINT "PK_38da794bf4baf98298c651c5ee3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "hotspots_locality_idx" ON "hotspots" ("locality_code", "status_changed_at")`);
    await q.query(`CREATE INDEX "hotspots_unit_created_idx" ON "hotspots" ("unit_id", "created_at", "id")`);
    await q.query(`CREATE TABLE "cases" ("id" uuid NOT NULL, "reference" text NOT NULL, "unit_id" uuid NOT NULL, "assignee_id" uuid, "status" text NOT NULL, "outcome" text, "action_taken" text, "priority" text NOT NULL, "priority_rank" smallint NOT NULL, "category" text NOT NULL, "locality_code" text, "channel" text NOT NULL, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "routing_rule_id" uuid, "routing_reason" jsonb NOT NULL, "data_key_id" uuid NOT NULL, "legal_hold" boolean NOT NULL DEFAULT false, "reply_waiting" boolean NOT NULL DEFAULT false, "possibly_related" boolean NOT NULL DEFAULT false, "hotspot_id" uuid, "duplicate_of" uuid, "claimed_by" uuid, "claimed_until" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "acknowledged_at" TIMESTAMP WITH TIME ZONE, "verification_started_at" TIMESTAMP WITH TIME ZONE, "actioned_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "reopened_at" TIMESTAMP WITH TIME ZONE, "transferred_at" TIMESTAMP WITH TIME ZONE, "stage_started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "next_deadline_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "cases_deadline_check" CHECK (("status" = 'closed') OR ("next_deadline_at" IS NOT NULL)), CONSTRAINT "cases_outcome_check" CHECK (("status" = 'closed') = ("outcome" IS NOT NULL)), CONSTRAINT "cases_priority_check" CHECK ("priority" IN ('urgent', 'high', 'normal', 'low')), CONSTRAINT "cases_status_check" CHECK ("status" IN ('new', 'acknowledged', 'verifying', 'actioned', 'closed')), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "cases_reference_key" ON "cases" ("reference")`);
    await q.query(`CREATE INDEX "cases_assignee_id_idx" ON "cases" ("assignee_id")`);
    await q.query(`CREATE INDEX "cases_hotspot_id_idx" ON "cases" ("hotspot_id")`);
    await q.query(`CREATE INDEX "cases_related_idx" ON "cases" ("locality_code", "category", "created_at") WHERE "status" <> 'closed'`);
    await q.query(`CREATE INDEX "cases_queue_age_idx" ON "cases" ("unit_id", "created_at", "id")`);
    await q.query(`CREATE INDEX "cases_queue_priority_idx" ON "cases" ("unit_id", "priority_rank", "created_at", "id")`);
    await q.query(`CREATE TABLE "case_events" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "type" text NOT NULL, "actor_type" text NOT NULL, "actor_id" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "metadata" jsonb NOT NULL DEFAULT '{}', "reason" bytea, CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "case_events_case_id_at_idx" ON "case_events" ("case_id", "at")`);
    await q.query(`CREATE TABLE "case_messages" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "author" text NOT NULL, "author_staff_id" uuid, "visibility" text NOT NULL, "body" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "case_messages_tipster_visible_check" CHECK ("author" = 'officer' OR "visibility" = 'tipster'), CONSTRAINT "case_messages_author_check" CHECK ("author" IN ('officer', 'tipster')), CONSTRAINT "case_messages_visibility_check" CHECK ("visibility" IN ('tipster', 'internal')), CONSTRAINT "PK_abd10cae638adbb2365d2446d10" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "case_messages_case_id_created_at_idx" ON "case_messages" ("case_id", "created_at")`);
    await q.query(`CREATE TABLE "hotspot_status_changes" ("id" uuid NOT NULL, "hotspot_id" uuid NOT NULL, "from_status" text, "to_status" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "case_id" uuid, CONSTRAINT "PK_ee62cc0a3a7fdb0b291691ef141" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "hotspot_status_changes_hotspot_at_idx" ON "hotspot_status_changes" ("hotspot_id", "at")`);
    await q.query(`ALTER TABLE "hotspots" ADD CONSTRAINT "hotspots_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "hotspots" ADD CONSTRAINT "hotspots_created_by_fkey" FOREIGN KEY ("created_by") REFERENCES "staff_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "staff_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_data_key_id_fkey" FOREIGN KEY ("data_key_id") REFERENCES "data_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_hotspot_id_fkey" FOREIGN KEY ("hotspot_id") REFERENCES "hotspots"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_duplicate_of_fkey" FOREIGN KEY ("duplicate_of") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_claimed_by_fkey" FOREIGN KEY ("claimed_by") REFERENCES "staff_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_author_staff_id_fkey" FOREIGN KEY ("author_staff_id") REFERENCES "staff_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "hotspot_status_changes" ADD CONSTRAINT "hotspot_status_changes_hotspot_id_fkey" FOREIGN KEY ("hotspot_id") REFERENCES "hotspots"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "hotspot_status_changes" ADD CONSTRAINT "hotspot_status_changes_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "staff_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // The queue's deadline sort: closed cases (no deadline) sort last; TypeORM cannot declare an
    // expression index, so the entity names it with synchronize:false.
    await q.query(`CREATE INDEX "cases_queue_deadline_idx" ON "cases" ("unit_id", (COALESCE("next_deadline_at", 'infinity'::timestamptz)), "id")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "cases_queue_deadline_idx"`);
    await q.query(`ALTER TABLE "hotspot_status_changes" DROP CONSTRAINT "hotspot_status_changes_actor_id_fkey"`);
    await q.query(`ALTER TABLE "hotspot_status_changes" DROP CONSTRAINT "hotspot_status_changes_hotspot_id_fkey"`);
    await q.query(`ALTER TABLE "case_messages" DROP CONSTRAINT "case_messages_author_staff_id_fkey"`);
    await q.query(`ALTER TABLE "case_messages" DROP CONSTRAINT "case_messages_case_id_fkey"`);
    await q.query(`ALTER TABLE "case_events" DROP CONSTRAINT "case_events_case_id_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_claimed_by_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_duplicate_of_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_hotspot_id_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_data_key_id_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_assignee_id_fkey"`);
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_unit_id_fkey"`);
    await q.query(`ALTER TABLE "hotspots" DROP CONSTRAINT "hotspots_created_by_fkey"`);
    await q.query(`ALTER TABLE "hotspots" DROP CONSTRAINT "hotspots_unit_id_fkey"`);
    await q.query(`DROP INDEX "public"."hotspot_status_changes_hotspot_at_idx"`);
    await q.query(`DROP TABLE "hotspot_status_changes"`);
    await q.query(`DROP INDEX "public"."case_messages_case_id_created_at_idx"`);
    await q.query(`DROP TABLE "case_messages"`);
    await q.query(`DROP INDEX "public"."case_events_case_id_at_idx"`);
    await q.query(`DROP TABLE "case_events"`);
    await q.query(`DROP INDEX "public"."cases_queue_priority_idx"`);
    await q.query(`DROP INDEX "public"."cases_queue_age_idx"`);
    await q.query(`DROP INDEX "public"."cases_related_idx"`);
    await q.query(`DROP INDEX "public"."cases_hotspot_id_idx"`);
    await q.query(`DROP INDEX "public"."cases_assignee_id_idx"`);
    await q.query(`DROP INDEX "public"."cases_reference_key"`);
    await q.query(`DROP TABLE "cases"`);
    await q.query(`DROP INDEX "public"."hotspots_unit_created_idx"`);
    await q.query(`DROP INDEX "public"."hotspots_locality_idx"`);
    await q.query(`DROP TABLE "hotspots"`);
  }
}
