import { MigrationInterface, QueryRunner } from 'typeorm';

/** Spent proof-of-work challenges and wait tokens (digests only), until they expire. */
export class IntakeProofs1764300600000 implements MigrationInterface {
  name = 'IntakeProofs1764300600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "intake_used_proofs" (
      "digest" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_intake_used_proofs" PRIMARY KEY ("digest")
    )`);
    await q.query(`CREATE INDEX "intake_used_proofs_expires_idx" ON "intake_used_proofs" ("expires_at")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "intake_used_proofs"');
  }
}
