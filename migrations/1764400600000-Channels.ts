import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Channels: the clients that deliver tips (hotline call centre, SMS gateway, Open311 apps), their
 * deliveries (idempotency keys and Open311 tokens, as keyed hashes only) and the signatures seen
 * recently (replay guard). Tips and cases name a known channel (CHECK), and every tip from a
 * channel other than the web names its client.
 */
export class Channels1764400600000 implements MigrationInterface {
  name = 'Channels1764400600000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "channel_clients" (
      "id" uuid NOT NULL,
      "kind" text NOT NULL,
      "name" text NOT NULL,
      "key_id" text NOT NULL,
      "key_hash" text NOT NULL,
      "signing_secret" bytea NOT NULL,
      "data_key_id" uuid NOT NULL,
      "public_url" text,
      "status" text NOT NULL DEFAULT 'active',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "rotated_at" TIMESTAMP WITH TIME ZONE,
      "disabled_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "channel_clients_kind_check" CHECK ("kind" IN ('hotline', 'sms', 'open311', 'chat')),
      CONSTRAINT "channel_clients_status_check" CHECK ("status" IN ('active', 'disabled')),
      CONSTRAINT "PK_channel_clients" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE UNIQUE INDEX "channel_clients_name_key" ON "channel_clients" ("name")`);
    await q.query(`CREATE UNIQUE INDEX "channel_clients_key_id_key" ON "channel_clients" ("key_id")`);
    await q.query(
      `ALTER TABLE "channel_clients" ADD CONSTRAINT "FK_channel_clients_data_key" FOREIGN KEY ("data_key_id") REFERENCES "data_keys"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "channel_deliveries" (
      "client_id" uuid NOT NULL,
      "key_hash" text NOT NULL,
      "request_digest" text NOT NULL,
      "case_id" uuid,
      "token_hash" text,
      "response" bytea,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_channel_deliveries" PRIMARY KEY ("client_id", "key_hash")
    )`);
    await q.query(`CREATE UNIQUE INDEX "channel_deliveries_token_key" ON "channel_deliveries" ("token_hash")`);
    await q.query(`CREATE INDEX "channel_deliveries_created_idx" ON "channel_deliveries" ("created_at")`);
    await q.query(
      `ALTER TABLE "channel_deliveries" ADD CONSTRAINT "FK_channel_deliveries_client" FOREIGN KEY ("client_id") REFERENCES "channel_clients"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "channel_deliveries" ADD CONSTRAINT "FK_channel_deliveries_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );

    await q.query(`CREATE TABLE "channel_signatures_seen" (
      "digest" text NOT NULL,
      "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_channel_signatures_seen" PRIMARY KEY ("digest")
    )`);

    await q.query(`ALTER TABLE "tips" ADD "channel_client_id" uuid`);
    await q.query(`ALTER TABLE "tips" ADD "filed_by" text`);
    await q.query(`ALTER TABLE "tips" ADD "receipt_reissue" boolean NOT NULL DEFAULT false`);
    await q.query(
      `ALTER TABLE "tips" ADD CONSTRAINT "FK_tips_channel_client" FOREIGN KEY ("channel_client_id") REFERENCES "channel_clients"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(`ALTER TABLE "tips" ADD CONSTRAINT "tips_channel_check" CHECK ("channel" IN ('web', 'hotline', 'sms', 'open311', 'chat'))`);
    await q.query(`ALTER TABLE "tips" ADD CONSTRAINT "tips_channel_client_check" CHECK ("channel" = 'web' OR "channel_client_id" IS NOT NULL)`);
    await q.query(`ALTER TABLE "cases" ADD CONSTRAINT "cases_channel_check" CHECK ("channel" IN ('web', 'hotline', 'sms', 'open311', 'chat'))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "cases" DROP CONSTRAINT "cases_channel_check"`);
    await q.query(`ALTER TABLE "tips" DROP CONSTRAINT "tips_channel_client_check"`);
    await q.query(`ALTER TABLE "tips" DROP CONSTRAINT "tips_channel_check"`);
    await q.query(`ALTER TABLE "tips" DROP CONSTRAINT "FK_tips_channel_client"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "receipt_reissue"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "filed_by"`);
    await q.query(`ALTER TABLE "tips" DROP COLUMN "channel_client_id"`);
    await q.query(`DROP TABLE "channel_signatures_seen"`);
    await q.query(`DROP TABLE "channel_deliveries"`);
    await q.query(`DROP TABLE "channel_clients"`);
  }
}
