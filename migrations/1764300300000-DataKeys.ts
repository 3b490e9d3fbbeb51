import { MigrationInterface, QueryRunner } from 'typeorm';

/** Envelope encryption: data keys wrapped by a master key; crypto-shredding nulls wrapped_key. */
export class DataKeys1764300300000 implements MigrationInterface {
  name = 'DataKeys1764300300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "data_keys" (
      "id" uuid NOT NULL,
      "wrapped_key" bytea,
      "master_key_id" text NOT NULL,
      "wrap_version" smallint NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "rotated_at" TIMESTAMP WITH TIME ZONE,
      "destroyed_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_data_keys" PRIMARY KEY ("id")
    )`);
    await q.query(`CREATE INDEX "data_keys_master_key_idx" ON "data_keys" ("master_key_id") WHERE wrapped_key IS NOT NULL`);
    // A destroyed key never comes back: once wrapped_key is NULL it stays NULL.
    await q.query(`CREATE FUNCTION data_keys_no_resurrection() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.wrapped_key IS NULL AND NEW.wrapped_key IS NOT NULL THEN
          RAISE EXCEPTION 'data key % was destroyed and cannot be restored', OLD.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER data_keys_no_resurrection BEFORE UPDATE ON data_keys FOR EACH ROW EXECUTE FUNCTION data_keys_no_resurrection()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER IF EXISTS data_keys_no_resurrection ON data_keys');
    await q.query('DROP FUNCTION IF EXISTS data_keys_no_resurrection()');
    await q.query('DROP TABLE "data_keys"');
  }
}
