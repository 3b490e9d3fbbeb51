import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * audit_append(events jsonb): links and inserts a transaction's audit events in one round trip.
 * It takes the chain's transaction-scoped advisory lock, then (a new statement, so a fresh
 * READ COMMITTED snapshot that sees every link committed before the lock was granted) reads the
 * head and appends each event with
 *   hash = sha256('tipline.audit.link.v1' \n seq \n prev_hash \n digest)
 * exactly as src/audit/audit-canonical.ts linkHash(). The lock is held until COMMIT, so the chain
 * lock's critical section is this one call plus the commit.
 */
export class AuditAppendFunction1764300101000 implements MigrationInterface {
  name = 'AuditAppendFunction1764300101000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION "audit_append"(p_events jsonb) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_seq bigint;
        v_prev text;
        v_hash text;
        e jsonb;
      BEGIN
        IF current_setting('transaction_isolation') <> 'read committed' THEN
          -- a snapshot taken before the lock could miss a link committed meanwhile: refuse rather than fork
          RAISE EXCEPTION 'audit events must be recorded in READ COMMITTED transactions (this one is %)',
            current_setting('transaction_isolation');
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('tipline:audit-chain'));
        SELECT "seq", "hash" INTO v_seq, v_prev FROM "audit_events" ORDER BY "seq" DESC LIMIT 1;
        v_seq := coalesce(v_seq, 0);
        v_prev := coalesce(v_prev, repeat('0', 64));
        FOR e IN SELECT value FROM jsonb_array_elements(p_events) LOOP
          v_seq := v_seq + 1;
          v_hash := encode(sha256(convert_to(
            'tipline.audit.link.v1' || chr(10) || v_seq::text || chr(10) || v_prev || chr(10) || (e->>'digest'), 'UTF8')), 'hex');
          INSERT INTO "audit_events" ("seq", "at", "actor_type", "actor_id", "action", "target_type", "target_id",
              "unit_id", "request_id", "change_digest", "prev_hash", "hash")
            VALUES (v_seq, (e->>'at')::timestamptz, e->>'actorType', e->>'actorId', e->>'action', e->>'targetType',
              e->>'targetId', (e->>'unitId')::uuid, e->>'requestId', e->>'changeDigest', v_prev, v_hash);
          v_prev := v_hash;
        END LOOP;
        RETURN v_seq;
      END
    $$`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION "audit_append"(jsonb)`);
  }
}
