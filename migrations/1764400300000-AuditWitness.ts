import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The database computes every audit link itself, and checkpoints chain.
 *
 * - audit_event_hash(): THE one place the link of an event is computed:
 *     digest = sha256('tipline.audit.event.v2' then, per field, '\n-' for null or '\n+<bytes>:<value>')
 *     link   = sha256('tipline.audit.link.v1' \n seq \n prev_hash \n digest)
 *   with `at` at full database precision (microseconds), exactly as src/audit/audit-canonical.ts.
 * - A BEFORE INSERT trigger seals every new row: prev_hash is the stored link of seq - 1 (the
 *   genesis link for seq 1) and hash is audit_event_hash() of the row; whatever the inserter
 *   passed is overwritten. So no role that may INSERT can append an event whose link does not
 *   match its content. Rows written before this migration keep hash_version 1 (the v1 formula).
 * - audit_append() no longer accepts a digest from the caller.
 * - audit_checkpoints.prev_hash: the hash of the previous checkpoint (signed with it), so deleting
 *   one breaks the next; NULL only for checkpoints made before this migration.
 * - audit_incidents: a failed pre-signing verification, kept apart from the chain, until an
 *   auditor acknowledges it.
 */
export class AuditWitness1764400300000 implements MigrationInterface {
  name = 'AuditWitness1764400300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "audit_events" ADD "hash_version" smallint NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "audit_events" ALTER COLUMN "hash_version" SET DEFAULT 2`);
    await q.query(`ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_hash_version" CHECK ("hash_version" IN (1, 2))`);
    await q.query(`ALTER TABLE "audit_checkpoints" ADD "prev_hash" text`);

    await q.query(`CREATE FUNCTION "audit_canonical_field"(v text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN v IS NULL THEN '-' ELSE '+' || octet_length(convert_to(v, 'UTF8'))::text || ':' || v END
    $$`);
    await q.query(`CREATE FUNCTION "audit_event_hash"(p_seq bigint, p_prev text, p_at timestamptz, p_actor_type text, p_actor_id text,
        p_action text, p_target_type text, p_target_id text, p_unit_id uuid, p_request_id text, p_change_digest text)
      RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to('tipline.audit.link.v1' || chr(10) || p_seq::text || chr(10) || p_prev || chr(10) ||
        encode(sha256(convert_to('tipline.audit.event.v2'
          || chr(10) || audit_canonical_field(to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))
          || chr(10) || audit_canonical_field(p_actor_type)
          || chr(10) || audit_canonical_field(p_actor_id)
          || chr(10) || audit_canonical_field(p_action)
          || chr(10) || audit_canonical_field(p_target_type)
          || chr(10) || audit_canonical_field(p_target_id)
          || chr(10) || audit_canonical_field(p_unit_id::text)
          || chr(10) || audit_canonical_field(p_request_id)
          || chr(10) || audit_canonical_field(p_change_digest), 'UTF8')), 'hex'), 'UTF8')), 'hex')
    $$`);
    await q.query(`CREATE FUNCTION "audit_events_seal"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        v_prev text;
      BEGIN
        IF NEW."seq" = 1 THEN
          v_prev := repeat('0', 64);
        ELSE
          SELECT "hash" INTO v_prev FROM "audit_events" WHERE "seq" = NEW."seq" - 1;
          IF v_prev IS NULL THEN
            RAISE EXCEPTION 'audit event % does not follow the chain head', NEW."seq" USING ERRCODE = 'integrity_constraint_violation';
          END IF;
        END IF;
        NEW."hash_version" := 2;
        NEW."prev_hash" := v_prev;
        NEW."hash" := audit_event_hash(NEW."seq", v_prev, NEW."at", NEW."actor_type", NEW."actor_id", NEW."action",
          NEW."target_type", NEW."target_id", NEW."unit_id", NEW."request_id", NEW."change_digest");
        RETURN NEW;
      END
    $$`);
    await q.query(`CREATE TRIGGER "audit_events_seal" BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_seal"()`);

    await q.query(`CREATE OR REPLACE FUNCTION "audit_append"(p_events jsonb) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_seq bigint;
        e jsonb;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          -- a snapshot taken before the lock could miss a link committed meanwhile: refuse rather than fork
          RAISE EXCEPTION 'audit events must be recorded in READ COMMITTED transactions (this one is %)',
            current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('tipline:audit-chain'));
        SELECT "seq" INTO v_seq FROM "audit_events" ORDER BY "seq" DESC LIMIT 1;
        v_seq := coalesce(v_seq, 0);
        FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
          v_seq := v_seq + 1;
          -- prev_hash and hash are computed by the audit_events_seal trigger from the row itself
          INSERT INTO "audit_events" ("seq", "at", "actor_type", "actor_id", "action", "target_type", "target_id",
              "unit_id", "request_id", "change_digest", "prev_hash", "hash")
            VALUES (v_seq, (e->>'at')::timestamptz, e->>'actorType', e->>'actorId', e->>'action', e->>'targetType',
              e->>'targetId', (e->>'unitId')::uuid, e->>'requestId', e->>'changeDigest', repeat('0', 64), repeat('0', 64));
        END LOOP;
        RETURN v_seq;
      END
    $$`);

    await q.query(`CREATE TABLE "audit_incidents" (
      "id" BIGSERIAL NOT NULL,
      "detected_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "kind" text NOT NULL,
      "position" bigint,
      "reason" text NOT NULL,
      "head_seq" bigint NOT NULL,
      "head_hash" text,
      "acknowledged_at" TIMESTAMP WITH TIME ZONE,
      "acknowledged_by" text,
      "acknowledgement" text,
      CONSTRAINT "PK_audit_incidents" PRIMARY KEY ("id"))`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "audit_incidents"`);
    await q.query(`DROP TRIGGER "audit_events_seal" ON "audit_events"`);
    await q.query(`DROP FUNCTION "audit_events_seal"()`);
    await q.query(`DROP FUNCTION "audit_event_hash"(bigint, text, timestamptz, text, text, text, text, text, uuid, text, text)`);
    await q.query(`DROP FUNCTION "audit_canonical_field"(text)`);
    await q.query(`ALTER TABLE "audit_checkpoints" DROP COLUMN "prev_hash"`);
    await q.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_hash_version"`);
    await q.query(`ALTER TABLE "audit_events" DROP COLUMN "hash_version"`);
  }
}
