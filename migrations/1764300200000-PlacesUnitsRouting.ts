import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Places (effective-dated localities and successors), units with coverage, routing rules, and the
 * routing_state version that triggers bump on every write so cached snapshots notice changes.
 */
export class PlacesUnitsRouting1764300200000 implements MigrationInterface {
  name = 'PlacesUnitsRouting1764300200000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "locality_successors" ("from_code" text NOT NULL, "from_valid_from" date NOT NULL, "to_code" text NOT NULL, "to_valid_from" date NOT NULL, "effective_date" date NOT NULL, "relation" text NOT NULL, "source" text, CONSTRAINT "PK_64f4380cb38f3afe2bf0131bdc9" PRIMARY KEY ("from_code", "from_valid_from", "to_code", "to_valid_from"))`);
    await q.query(`CREATE TABLE "localities" ("id" integer GENERATED ALWAYS AS IDENTITY NOT NULL, "code" text NOT NULL, "level" text NOT NULL, "name" text NOT NULL, "full_name" text NOT NULL, "name_folded" text NOT NULL, "type" text NOT NULL, "type_en" text NOT NULL, "parent_code" text, "valid_from" date NOT NULL, "valid_to" date, "source" text, CONSTRAINT "PK_7fa2291f3588423d800e02a8479" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_localities_parent_code" ON "localities" ("parent_code") `);
    await q.query(`CREATE UNIQUE INDEX "UQ_localities_code_valid_from" ON "localities" ("code", "valid_from") `);
    await q.query(`CREATE TABLE "routing_rules" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "category" text, "scope_level" text NOT NULL, "scope_code" text, "target" jsonb NOT NULL, "notify" jsonb NOT NULL DEFAULT '[]', "priority" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "replaces_id" uuid, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b744c5cc71053ea4d3fc8a860c2" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_routing_rules_scope" ON "routing_rules" ("scope_code") `);
    await q.query(`CREATE TABLE "routing_state" ("id" integer NOT NULL, "version" bigint NOT NULL, CONSTRAINT "PK_7c16db8e59ffa4df0549c20dbeb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "units" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "code" text NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "parent_id" uuid, "valid_from" date NOT NULL, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "UQ_units_code" ON "units" ("code") `);
    await q.query(`CREATE INDEX "IDX_units_parent_id" ON "units" ("parent_id") `);
    await q.query(`CREATE TABLE "unit_coverage" ("id" uuid NOT NULL DEFAULT uuid_generate_v4(), "unit_id" uuid NOT NULL, "unit_kind" text NOT NULL, "locality_code" text NOT NULL, "valid_from" date NOT NULL, "valid_to" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c67639748cde2ccfc082a1c8db" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_unit_coverage_unit" ON "unit_coverage" ("unit_id") `);
    await q.query(`CREATE INDEX "IDX_unit_coverage_locality" ON "unit_coverage" ("locality_code") `);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "FK_e0d04b0849a3cde857ececa8adb" FOREIGN KEY ("parent_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_coverage" ADD CONSTRAINT "FK_477f78fb9b0f88c19a65dc0c2fc" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Hand-written: search index over the stored folded name (unaccent() is not IMMUTABLE).
    await q.query(`CREATE INDEX "IDX_localities_name_folded_trgm" ON "localities" USING gin ("name_folded" gin_trgm_ops)`);
    await q.query(`ALTER TABLE "localities" ADD CONSTRAINT "CHK_localities_level" CHECK ("level" IN ('province','district','commune'))`);
    await q.query(`ALTER TABLE "localities" ADD CONSTRAINT "CHK_localities_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")`);
    await q.query(`ALTER TABLE "locality_successors" ADD CONSTRAINT "CHK_locality_successors_relation" CHECK ("relation" IN ('full','partial'))`);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "CHK_units_kind" CHECK ("kind" IN ('ministry_department','provincial_police','provincial_drug_police','provincial_inspection','district_police','commune_police','social_affairs','triage'))`);
    await q.query(`ALTER TABLE "units" ADD CONSTRAINT "CHK_units_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")`);
    await q.query(`ALTER TABLE "unit_coverage" ADD CONSTRAINT "CHK_unit_coverage_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")`);
    await q.query(`ALTER TABLE "routing_rules" ADD CONSTRAINT "CHK_routing_rules_period" CHECK ("valid_to" IS NULL OR "valid_to" >= "valid_from")`);
    await q.query(`ALTER TABLE "routing_rules" ADD CONSTRAINT "CHK_routing_rules_priority" CHECK ("priority" IN ('low','normal','high','urgent'))`);
    await q.query(`ALTER TABLE "routing_rules" ADD CONSTRAINT "CHK_routing_rules_scope" CHECK (("scope_level" = 'national' AND "scope_code" IS NULL) OR ("scope_level" IN ('province','district','commune') AND "scope_code" IS NOT NULL))`);
    await q.query(`CREATE TABLE "reference_imports" ("name" text NOT NULL, "digest" text NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_reference_imports" PRIMARY KEY ("name"))`);
    await q.query(`INSERT INTO "routing_state" ("id", "version") VALUES (1, 1)`);
    await q.query(`CREATE FUNCTION routing_state_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE routing_state SET version = version + 1 WHERE id = 1; RETURN NULL; END $$`);
    for (const t of ['localities', 'locality_successors', 'units', 'unit_coverage', 'routing_rules']) {
      await q.query(`CREATE TRIGGER "TRG_${t}_routing_state" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION routing_state_bump()`);
    }
  }

  public async down(q: QueryRunner): Promise<void> {
    for (const t of ['localities', 'locality_successors', 'units', 'unit_coverage', 'routing_rules']) {
      await q.query(`DROP TRIGGER IF EXISTS "TRG_${t}_routing_state" ON "${t}"`);
    }
    await q.query(`DROP FUNCTION IF EXISTS routing_state_bump()`);
    await q.query(`DROP TABLE "reference_imports"`);
    await q.query(`DROP INDEX IF EXISTS "public"."IDX_localities_name_folded_trgm"`);
    await q.query(`ALTER TABLE "unit_coverage" DROP CONSTRAINT "FK_477f78fb9b0f88c19a65dc0c2fc"`);
    await q.query(`ALTER TABLE "units" DROP CONSTRAINT "FK_e0d04b0849a3cde857ececa8adb"`);
    await q.query(`DROP INDEX "public"."IDX_unit_coverage_locality"`);
    await q.query(`DROP INDEX "public"."IDX_unit_coverage_unit"`);
    await q.query(`DROP TABLE "unit_coverage"`);
    await q.query(`DROP INDEX "public"."IDX_units_parent_id"`);
    await q.query(`DROP INDEX "public"."UQ_units_code"`);
    await q.query(`DROP TABLE "units"`);
    await q.query(`DROP TABLE "routing_state"`);
    await q.query(`DROP INDEX "public"."IDX_routing_rules_scope"`);
    await q.query(`DROP TABLE "routing_rules"`);
    await q.query(`DROP INDEX "public"."UQ_localities_code_valid_from"`);
    await q.query(`DROP INDEX "public"."IDX_localities_parent_code"`);
    await q.query(`DROP TABLE "localities"`);
    await q.query(`DROP TABLE "locality_successors"`);
  }
}
