import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, RequestContext } from '../common/request-context';
import { actionTime, storedRequestId } from '../common/anonymity/action-time';
import { ActorType, changeDigest } from './audit-canonical';
import { AuditRecorder, PendingEvent } from './audit-recorder';
import { AuditRepository } from './audit.repository';
import { isUuid } from '../common/uuid.pipe';

/** What a feature tells the audit trail (README "Audit trail"). `change` is digested, never stored. */
export interface AuditEventInput {
  action: string;
  targetType: string;
  targetId: string | null;
  unitId?: string | null;
  change?: unknown;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
const TARGET_TYPE = /^[a-z][a-z0-9_]*$/;

/** The audit trail's write side: every feature records its changes through record(). */
@Injectable()
export class AuditService {
  private readonly recorder: AuditRecorder;

  constructor(
    private readonly repo: AuditRepository,
    @InjectDataSource() ds: DataSource,
  ) {
    this.recorder = AuditRecorder.for(ds, (m, events) => this.append(m, events));
  }

  /** An AuditService for a DataSource outside Nest's container (reference-data loaders run before the app exists). */
  static forDataSource(ds: DataSource): AuditService {
    return new AuditService(new AuditRepository(ds), ds);
  }

  /**
   * Records one event in the caller's transaction (same manager). The event is linked into the
   * chain just before that transaction commits; if linking fails, the commit fails. Called
   * outside a transaction it throws (AuditOutsideTransaction): use recordStandalone for an event
   * that accompanies no change. Bad arguments (a programming error) throw at once.
   */
  async record(manager: EntityManager, ctx: RequestContext, event: AuditEventInput): Promise<void> {
    await this.recorder.record(manager, toPending(ctx, event, new Date()));
  }

  /** Records an event that accompanies no other change (a read, a denial), in its own transaction. */
  async recordStandalone(ctx: RequestContext, event: AuditEventInput): Promise<void> {
    const pending = toPending(ctx, event, new Date());
    await this.repo.transaction((m) => this.recorder.record(m, pending));
  }

  /**
   * Appends events to the chain: one statement now, linked by the database at COMMIT, which
   * computes each link from the stored row (see the AuditWitness migration) under the chain lock
   * (taken and released inside COMMIT, see AuditAppendAtCommit).
   */
  private async append(manager: EntityManager, events: PendingEvent[]): Promise<void> {
    await this.repo.append(manager, events);
  }
}

function actorFields(actor: Actor): { actorType: ActorType; actorId: string | null } {
  switch (actor.type) {
    case 'staff':
      return { actorType: 'staff', actorId: actor.id };
    case 'tipster':
      // a tipster has no identifier at all, not even a pseudonym
      return { actorType: 'tipster', actorId: null };
    case 'system':
      return { actorType: 'system', actorId: actor.id ?? 'system' };
    case 'channel':
      return { actorType: 'channel', actorId: actor.id };
    default: {
      const unknown: never = actor;
      throw new TypeError(`unknown actor ${JSON.stringify(unknown)}`);
    }
  }
}

/** Validates and normalises an event (pure; exported for the unit spec). */
export function toPending(ctx: RequestContext, event: AuditEventInput, at: Date): PendingEvent {
  if (!ACTION.test(event.action)) throw new TypeError(`audit action "${event.action}" is not a dotted code like case.acknowledged`);
  if (!TARGET_TYPE.test(event.targetType)) throw new TypeError(`audit target type "${event.targetType}" is not a snake_case code`);
  if (event.targetId !== null && (typeof event.targetId !== 'string' || event.targetId.length === 0 || event.targetId.length > 200)) {
    throw new TypeError('audit targetId must be a non-empty string of at most 200 characters, or null');
  }
  const { actorType, actorId } = actorFields(ctx.actor);
  const unitId = event.unitId !== undefined ? event.unitId : ctx.actor.type === 'staff' ? ctx.actor.unitId : null;
  if (unitId !== null && !isUuid(unitId)) throw new TypeError('audit unitId must be a unit id (uuid) or null');
  if (!ctx.requestId) throw new TypeError('audit events need the request id of their context');
  return {
    // A tipster's action: a coarse time and no request id (see actionTime).
    at: actionTime(ctx, at).toISOString(),
    actorType,
    actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    unitId: unitId === null ? null : unitId.toLowerCase(),
    requestId: storedRequestId(ctx),
    changeDigest: changeDigest(event.change),
  };
}
