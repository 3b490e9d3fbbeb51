import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit/audit.service';
import { AccessService } from '../access/access.service';
import type { StaffPrincipal } from '../auth/auth.decorators';
import { UnitScope } from '../access/unit-scope';
import { DomainError, NotFound, ValidationFailed } from '../common/errors/domain-error';
import type { RequestContext } from '../common/request-context';
import { isIsoTimestamp } from '../common/iso-date';
import { HotspotStatusChange } from './hotspot-status-change.entity';
import { HotspotStatus, HOTSPOT_STATUSES, planHotspotStatus } from './hotspot-transitions';
import { Hotspot } from './hotspot.entity';
import { HotspotsRepository } from './hotspots.repository';
import { LocalitiesService } from '../localities/localities.service';
import { UnitOfWork } from '../common/unit-of-work';
import { isUuid } from '../common/uuid.pipe';
import { pageLimit, WORK_LIST_PAGE } from '../common/pagination';

const STATUS_DATE: Partial<Record<HotspotStatus, 'verifiedAt' | 'dismantledAt' | 'reEmergedAt'>> = {
  verified: 'verifiedAt',
  dismantled: 'dismantledAt',
  re_emerged: 'reEmergedAt',
};

function view(h: Hotspot) {
  return {
    id: h.id,
    unitId: h.unitId,
    localityCode: h.localityCode,
    description: h.description,
    status: h.status,
    createdAt: h.createdAt.toISOString(),
    statusChangedAt: h.statusChangedAt.toISOString(),
    verifiedAt: h.verifiedAt?.toISOString() ?? null,
    dismantledAt: h.dismantledAt?.toISOString() ?? null,
    reEmergedAt: h.reEmergedAt?.toISOString() ?? null,
    version: h.version,
  };
}

/** The hotspot registry of a unit: create, list, dated and audited status changes. */
@Injectable()
export class HotspotsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly repo: HotspotsRepository,
    private readonly audit: AuditService,
    private readonly localities: LocalitiesService,
    private readonly access: AccessService,
  ) {}

  async list(principal: StaffPrincipal, q: { status?: string; localityCode?: string; cursor?: string; limit?: number }) {
    const limit = pageLimit(q.limit, WORK_LIST_PAGE);
    let after: { createdAt: string; id: string } | null = null;
    if (q.cursor) {
      try {
        const [createdAt, id] = JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')) as string[];
        if (typeof id !== 'string' || !isUuid(id) || !isIsoTimestamp(createdAt)) throw new Error('bad');
        after = { createdAt, id };
      } catch {
        throw new ValidationFailed([{ field: 'cursor', reason: 'invalid', message: 'The cursor is not valid.' }]);
      }
    }
    const rows = await this.repo.list(await this.access.scopeFor(principal), q, after, limit + 1);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(view),
      nextCursor: rows.length > limit ? Buffer.from(JSON.stringify([last.createdAt.toISOString(), last.id])).toString('base64url') : null,
    };
  }

  /** One hotspot with its dated status history, read through the kernel's handle. */
  async get(principal: StaffPrincipal, ctx: RequestContext, id: string) {
    return this.access.inHotspot(principal, ctx, id, async (sh, m) => {
      const h = await this.repo.load(sh, m);
      const history = await this.repo.history(sh, m);
      return { ...view(h), history: history.map((x) => ({ from: x.fromStatus, to: x.toStatus, at: x.at.toISOString(), actorId: x.actorId, caseId: x.caseId })) };
    });
  }

  /** A new hotspot of the caller's own unit (status `suspected` unless given). */
  async create(principal: StaffPrincipal, ctx: RequestContext, input: { localityCode: string; description: string; status?: HotspotStatus }) {
    const status = input.status ?? 'suspected';
    if (!HOTSPOT_STATUSES.includes(status)) throw new ValidationFailed([{ field: 'status', reason: 'isIn', message: `status must be one of ${HOTSPOT_STATUSES.join(', ')}` }]);
    if (!input.description.trim()) throw new ValidationFailed([{ field: 'description', reason: 'required', message: 'description must not be blank' }]);
    return this.uow.run(async (m) => {
      if (!(await this.localities.exists(input.localityCode, m))) {
        throw new ValidationFailed([{ field: 'localityCode', reason: 'unknown', message: 'No locality has this code.' }]);
      }
      const now = new Date();
      const h = Object.assign(new Hotspot(), {
        id: randomUUID(),
        unitId: principal.unitId,
        localityCode: input.localityCode,
        description: input.description.trim(),
        status,
        createdBy: principal.id,
        version: 1,
        createdAt: now,
        statusChangedAt: now,
        verifiedAt: status === 'verified' ? now : null,
        dismantledAt: status === 'dismantled' ? now : null,
        reEmergedAt: status === 're_emerged' ? now : null,
      } satisfies Partial<Hotspot>);
      await this.repo.insertNew(m, h, Object.assign(new HotspotStatusChange(), { id: randomUUID(), hotspotId: h.id, fromStatus: null, toStatus: status, at: now, actorId: principal.id, caseId: null }));
      await this.audit.record(m, ctx, { action: 'hotspot.created', targetType: 'hotspot', targetId: h.id, unitId: h.unitId, change: { status, localityCode: h.localityCode } });
      return view(h);
    });
  }

  /**
   * A case linked to this hotspot was actioned as "hotspot dismantled": the hotspot follows, in the
   * case's transaction, dated and audited with the case id. Does nothing when the hotspot is
   * already dismantled; returns whether it changed.
   */
  async dismantleForCase(m: EntityManager, scope: UnitScope, principal: StaffPrincipal, ctx: RequestContext, hotspotId: string, caseId: string): Promise<boolean> {
    const sh = await this.access.hotspotIn(scope, m, hotspotId);
    if (!sh) return false;
    const h = await this.repo.load(sh, m);
    if (h.status === 'dismantled') return false;
    const to = planHotspotStatus(h.status, 'dismantled');
    const now = new Date();
    const patch: Partial<Hotspot> = { status: to, statusChangedAt: now, dismantledAt: now };
    if (!(await this.repo.updateVersioned(sh, m, h.version, patch))) {
      throw new DomainError('version_conflict', 'The linked hotspot was changed by someone else; try again.');
    }
    await this.repo.insertChange(sh, m, Object.assign(new HotspotStatusChange(), { id: randomUUID(), hotspotId: h.id, fromStatus: h.status, toStatus: to, at: now, actorId: principal.id, caseId }));
    await this.audit.record(m, ctx, { action: 'hotspot.status_changed', targetType: 'hotspot', targetId: h.id, unitId: h.unitId, change: { from: h.status, to, caseId } });
    return true;
  }

  async changeStatus(principal: StaffPrincipal, ctx: RequestContext, id: string, input: { status: HotspotStatus; version?: number; caseId?: string }) {
    return this.access.inHotspot(principal, ctx, id, async (sh, m, scope) => {
      const h = await this.repo.load(sh, m);
      if (input.caseId !== undefined && !(await this.access.caseIn(scope, m, input.caseId))) throw new NotFound('Case');
      if (input.version !== undefined && input.version !== h.version) {
        throw new DomainError('version_conflict', 'The hotspot was changed by someone else; reload it and try again.', { currentVersion: h.version });
      }
      const to = planHotspotStatus(h.status, input.status);
      const now = new Date();
      const patch: Partial<Hotspot> = { status: to, statusChangedAt: now };
      const dateField = STATUS_DATE[to];
      if (dateField) patch[dateField] = now;
      if (!(await this.repo.updateVersioned(sh, m, h.version, patch))) {
        throw new DomainError('version_conflict', 'The hotspot was changed by someone else; reload it and try again.');
      }
      await this.repo.insertChange(sh, m, Object.assign(new HotspotStatusChange(), { id: randomUUID(), hotspotId: h.id, fromStatus: h.status, toStatus: to, at: now, actorId: principal.id, caseId: input.caseId ?? null }));
      await this.audit.record(m, ctx, { action: 'hotspot.status_changed', targetType: 'hotspot', targetId: h.id, unitId: h.unitId, change: { from: h.status, to, caseId: input.caseId ?? null } });
      return view(Object.assign(h, patch, { version: h.version + 1 }));
    });
  }

  /** Does the receiving unit have a hotspot in the commune that is active or changed since `since`? (Intake's "possibly related".) */
  hasRecentInLocality(m: EntityManager, unitId: string, localityCode: string, since: Date): Promise<boolean> {
    return this.repo.hasRecentInLocality(m, [unitId], localityCode, since);
  }
}
