import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * No admin path to secrets: accounts are created as invitations (the user sets the password and
 * enrols TOTP from a one-time code), a TOTP reset is a re-enrolment code for that user, and
 * granting a supervisor/auditor role at provincial level or above (or admin) waits for a second
 * admin's decision.
 */
export class StaffInvitations1764400301000 implements MigrationInterface {
  name = 'StaffInvitations1764400301000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_invitations" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "staff_id" uuid NOT NULL,
      "code_hash" text NOT NULL,
      "purpose" text NOT NULL,
      "created_by" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "staff_invitations_purpose_check" CHECK ("purpose" IN ('invite', 'totp_reset')),
      CONSTRAINT "PK_staff_invitations" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_invitations_code_hash_key" ON "staff_invitations" ("code_hash")`);
    await q.query(`CREATE INDEX "staff_invitations_staff_id_idx" ON "staff_invitations" ("staff_id")`);
    await q.query(`ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE`);

    await q.query(`CREATE TABLE "staff_role_changes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "staff_id" uuid NOT NULL,
      "kind" text NOT NULL,
      "role" text NOT NULL,
      "unit_id" uuid NOT NULL,
      "requested_by" uuid NOT NULL,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "status" text NOT NULL DEFAULT 'pending',
      "decided_by" uuid,
      "decided_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "staff_role_changes_kind_check" CHECK ("kind" IN ('create', 'change')),
      CONSTRAINT "staff_role_changes_status_check" CHECK ("status" IN ('pending', 'approved', 'refused')),
      CONSTRAINT "staff_role_changes_other_admin" CHECK ("decided_by" IS NULL OR "decided_by" <> "requested_by"),
      CONSTRAINT "PK_staff_role_changes" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "staff_role_changes_staff_id_idx" ON "staff_role_changes" ("staff_id")`);
    await q.query(`ALTER TABLE "staff_role_changes" ADD CONSTRAINT "staff_role_changes_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE`);
    await q.query(`ALTER TABLE "staff_role_changes" ADD CONSTRAINT "staff_role_changes_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "staff_role_changes"`);
    await q.query(`DROP TABLE "staff_invitations"`);
  }
}
