import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff accounts, their sessions (token hashes only) and hashed one-time recovery codes. */
export class StaffAccess1764300400000 implements MigrationInterface {
  name = 'StaffAccess1764300400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "staff_accounts" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "username" text NOT NULL,
      "display_name" text NOT NULL,
      "unit_id" uuid NOT NULL,
      "role" text NOT NULL,
      "active" boolean NOT NULL DEFAULT true,
      "password_hash" text NOT NULL,
      "must_change_password" boolean NOT NULL DEFAULT true,
      "totp_data_key_id" uuid,
      "totp_secret" bytea,
      "totp_pending_secret" bytea,
      "totp_last_used_step" bigint,
      "password_changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "staff_accounts_role_check" CHECK ("role" IN ('officer', 'unit_lead', 'supervisor', 'auditor', 'admin', 'hotline_operator')),
      CONSTRAINT "PK_staff_accounts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_accounts_username_key" ON "staff_accounts" ("username")`);
    await q.query(`CREATE INDEX "staff_accounts_unit_id_idx" ON "staff_accounts" ("unit_id")`);
    await q.query(`ALTER TABLE "staff_accounts" ADD CONSTRAINT "staff_accounts_unit_id_fkey" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "staff_accounts" ADD CONSTRAINT "staff_accounts_totp_data_key_id_fkey" FOREIGN KEY ("totp_data_key_id") REFERENCES "data_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "staff_sessions" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "token_hash" text NOT NULL,
      "staff_id" uuid NOT NULL,
      "purpose" text NOT NULL DEFAULT 'full',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "revoked_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "staff_sessions_purpose_check" CHECK ("purpose" IN ('full', 'password_change')),
      CONSTRAINT "PK_staff_sessions" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_sessions_token_hash_key" ON "staff_sessions" ("token_hash")`);
    await q.query(`CREATE INDEX "staff_sessions_staff_id_idx" ON "staff_sessions" ("staff_id")`);
    await q.query(`ALTER TABLE "staff_sessions" ADD CONSTRAINT "staff_sessions_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);

    await q.query(`CREATE TABLE "staff_recovery_codes" (
      "id" uuid NOT NULL DEFAULT gen_random_uuid(),
      "staff_id" uuid NOT NULL,
      "code_hash" text NOT NULL,
      "used_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_staff_recovery_codes" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "staff_recovery_codes_staff_code_key" ON "staff_recovery_codes" ("staff_id", "code_hash")`);
    await q.query(`ALTER TABLE "staff_recovery_codes" ADD CONSTRAINT "staff_recovery_codes_staff_id_fkey" FOREIGN KEY ("staff_id") REFERENCES "staff_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "staff_recovery_codes"`);
    await q.query(`DROP TABLE "staff_sessions"`);
    await q.query(`DROP TABLE "staff_accounts"`);
  }
}
