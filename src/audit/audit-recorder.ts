import type { DataSource, EntityManager, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AuditEventFields } from './audit-canonical';

/** An event whose chain position is not yet known: the hashed fields without `seq`. */
export type PendingEvent = Omit<AuditEventFields, 'seq' | 'hashVersion'>;

type Flush = (manager: EntityManager, events: PendingEvent[]) => Promise<void>;

/**
 * Holds a transaction's audit events until just before its COMMIT, then hands them to the database
 * in one statement, which links them into the chain during the COMMIT itself.
 *
 * Why deferred: linking takes the chain's advisory lock, which stays held until the transaction
 * ends. Taken at record() time, the lock would serialise the rest of every audited transaction
 * across all instances. In TypeORM's BeforeTransactionCommit hook the events go to audit_pending,
 * whose deferred trigger links them inside the backend's commit processing (migration
 * AuditAppendAtCommit): the lock is held for the linking and the commit only, never across a round
 * trip to this process. If linking fails, the commit fails and the transaction rolls back: the
 * change never outlives its audit event. Events recorded inside a savepoint that is rolled back
 * are dropped with it.
 */
export class AuditRecorder implements EntitySubscriberInterface {
  private readonly pending = new WeakMap<QueryRunner, { depth: number; event: PendingEvent }[]>();
  private static readonly registered = new WeakMap<DataSource, AuditRecorder>();

  private constructor(private readonly flush: Flush) {}

  /** The recorder of a DataSource (one per DataSource, registered as its subscriber on first use). */
  static for(ds: DataSource, flush: Flush): AuditRecorder {
    let r = AuditRecorder.registered.get(ds);
    if (!r) {
      r = new AuditRecorder(flush);
      AuditRecorder.registered.set(ds, r);
      ds.subscribers.push(r);
    }
    return r;
  }

  /**
   * Queues the event in the manager's transaction. Outside a transaction it throws: an event
   * written on its own could commit without the change it describes (or the other way round).
   */
  async record(manager: EntityManager, event: PendingEvent): Promise<void> {
    const qr = manager.queryRunner;
    if (!qr || !qr.isTransactionActive) {
      throw new AuditOutsideTransaction(event.action);
    }
    const list = this.pending.get(qr) ?? [];
    list.push({ depth: depthOf(qr), event });
    this.pending.set(qr, list);
  }

  async beforeTransactionCommit(e: TransactionCommitEvent): Promise<void> {
    const qr = e.queryRunner;
    const list = this.pending.get(qr);
    if (!list || list.length === 0) return;
    const depth = depthOf(qr);
    if (depth > 1) {
      // releasing a savepoint: its events now belong to the enclosing level
      for (const p of list) if (p.depth >= depth) p.depth = depth - 1;
      return;
    }
    this.pending.delete(qr);
    await this.flush(e.manager, list.map((p) => p.event));
  }

  beforeTransactionRollback(e: TransactionRollbackEvent): void {
    const qr = e.queryRunner;
    const list = this.pending.get(qr);
    if (!list) return;
    const depth = depthOf(qr);
    const kept = depth > 1 ? list.filter((p) => p.depth < depth) : [];
    if (kept.length > 0) this.pending.set(qr, kept);
    else this.pending.delete(qr);
  }
}

/** A programming error: record() was given a manager that is not inside a transaction (use UnitOfWork.run). */
export class AuditOutsideTransaction extends Error {
  constructor(action: string) {
    super(`audit event ${action} recorded outside a transaction; record it with the manager of the change's transaction (UnitOfWork.run)`);
    this.name = 'AuditOutsideTransaction';
  }
}

/** TypeORM tracks savepoint nesting on its query runners but does not type it on the interface. */
function depthOf(qr: QueryRunner): number {
  return (qr as unknown as { transactionDepth: number }).transactionDepth;
}
