import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tips and their photos: content encrypted under the case's data key; receipts only as argon2id hashes. */
export class Tips1764300601000 implements MigrationInterface {
  name = 'Tips1764300601000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "tips" (
      "id" uuid NOT NULL,
      "case_id" uuid NOT NULL,
      "channel" text NOT NULL,
      "category" text NOT NULL,
      "locality_code" text,
      "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "narrative" bytea NOT NULL,
      "details" bytea,
      "place_description" bytea,
      "coordinates" bytea,
      "local_police_involved" boolean NOT NULL DEFAULT false,
      "receipt_hash" text,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_tips" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "tips_case_idx" ON "tips" ("case_id")`);
    await q.query(`CREATE UNIQUE INDEX "tips_receipt_hash_key" ON "tips" ("receipt_hash")`);
    await q.query(
      `ALTER TABLE "tips" ADD CONSTRAINT "FK_tips_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`CREATE TABLE "tip_photos" (
      "id" uuid NOT NULL,
      "tip_id" uuid NOT NULL,
      "content" bytea NOT NULL,
      "mime" text NOT NULL,
      "width" integer NOT NULL,
      "height" integer NOT NULL,
      "bytes" integer NOT NULL,
      CONSTRAINT "PK_tip_photos" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "tip_photos_tip_idx" ON "tip_photos" ("tip_id")`);
    await q.query(
      `ALTER TABLE "tip_photos" ADD CONSTRAINT "FK_tip_photos_tip" FOREIGN KEY ("tip_id") REFERENCES "tips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE "tip_photos"');
    await q.query('DROP TABLE "tips"');
  }
}
