import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit events are linked inside COMMIT, so the chain lock is never held across a client round trip.
 *
 * Before: the app called audit_append() just before COMMIT; the function took the chain's advisory
 * lock, and the lock stayed held while the result went back to the app and the app's COMMIT came
 * back (a round trip, plus whatever the app's event loop was doing meanwhile).
 *
 * Now: the app inserts the transaction's pending events (one jsonb array, the argument audit_append()
 * always took) into audit_pending, and a DEFERRABLE INITIALLY DEFERRED constraint trigger on that
 * table runs at COMMIT, inside the backend: it deletes the row and calls the unchanged
 * audit_append() on its events (lock, READ COMMITTED check, head read in a new statement, inserts
 * sealed by audit_events_seal). The lock is granted during commit processing and released when the
 * commit ends. If linking fails, COMMIT fails and the whole transaction rolls back, as before.
 *
 * audit_pending is UNLOGGED: a row lives only inside its own transaction (inserted and deleted by
 * it), so it never needs to survive a crash, and it writes no WAL. A row inserted in a savepoint
 * that is rolled back goes with its trigger event (PostgreSQL discards both with the subtransaction).
 */
export class AuditAppendAtCommit1764401000000 implements MigrationInterface {
  name = 'AuditAppendAtCommit1764401000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNLOGGED TABLE "audit_pending" ("id" BIGSERIAL NOT NULL, "events" jsonb NOT NULL,
      CONSTRAINT "PK_audit_pending" PRIMARY KEY ("id"))`);
    // VOLATILE: in READ COMMITTED every statement in it (and in audit_append) takes a new snapshot,
    // so the head read after the lock sees every link committed before the lock was granted.
    await q.query(`CREATE FUNCTION "audit_pending_link"() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        v_events jsonb;
      BEGIN
        DELETE FROM "audit_pending" WHERE "id" = NEW."id" RETURNING "events" INTO v_events;
        IF v_events IS NOT NULL THEN
          PERFORM audit_append(v_events);
        END IF;
        RETURN NULL;
      END
    $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER "audit_pending_link" AFTER INSERT ON "audit_pending"
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "audit_pending_link"()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "audit_pending_link" ON "audit_pending"`);
    await q.query(`DROP FUNCTION "audit_pending_link"()`);
    await q.query(`DROP TABLE "audit_pending"`);
  }
}
