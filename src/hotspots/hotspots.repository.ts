import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ScopedHotspot } from '../access/scoped';
import { UnitScope } from '../access/unit-scope';
import { HotspotStatusChange } from './hotspot-status-change.entity';
import { Hotspot } from './hotspot.entity';

function unitIdsOf(scope: UnitScope): string[] {
  if (!(scope instanceof UnitScope) || scope.unitIds.length === 0) throw new Error('a non-empty UnitScope is required');
  return [...scope.unitIds];
}

/** Hotspots and their status history; staff reads take the scope first. */
@Injectable()
export class HotspotsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async list(scope: UnitScope, filters: { status?: string; localityCode?: string }, after: { createdAt: string; id: string } | null, limit: number): Promise<Hotspot[]> {
    const qb = this.dataSource
      .getRepository(Hotspot)
      .createQueryBuilder('h')
      .where('h.unit_id IN (:...unitIds)', { unitIds: unitIdsOf(scope) })
      .orderBy('h.created_at', 'DESC')
      .addOrderBy('h.id', 'DESC')
      .take(limit);
    if (filters.status) qb.andWhere('h.status = :status', { status: filters.status });
    if (filters.localityCode) qb.andWhere('h.locality_code = :lc', { lc: filters.localityCode });
    if (after) qb.andWhere('(h.created_at, h.id) < (:ca::timestamptz, :cid::uuid)', { ca: after.createdAt, cid: after.id });
    return qb.getMany();
  }

  /** The whole hotspot row of a handle. */
  async load(sh: ScopedHotspot, manager: EntityManager): Promise<Hotspot> {
    const h = await manager.getRepository(Hotspot).findOneBy({ id: sh.id, unitId: sh.unitId });
    if (!h) throw new Error('load: the scoped hotspot vanished inside its transaction');
    return h;
  }

  async history(sh: ScopedHotspot, manager: EntityManager): Promise<HotspotStatusChange[]> {
    return manager.getRepository(HotspotStatusChange).find({ where: { hotspotId: sh.id }, order: { at: 'ASC' } });
  }

  /**
   * Is there a hotspot of one of `unitIds` in the commune that is active, or changed since `since`?
   * (Intake's "possibly related" flag: only hotspots the receiving unit can see.)
   */
  async hasRecentInLocality(manager: EntityManager, unitIds: string[], localityCode: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM hotspots h WHERE h.locality_code = $1 AND h.unit_id = ANY($2::uuid[]) AND (h.status <> 'dismantled' OR h.status_changed_at >= $3) LIMIT 1`,
      [localityCode, unitIds, since],
    );
    return rows.length > 0;
  }

  /** A new hotspot with its first status change. */
  async insertNew(manager: EntityManager, h: Hotspot, first: HotspotStatusChange): Promise<void> {
    await manager.getRepository(Hotspot).insert(h);
    await manager.getRepository(HotspotStatusChange).insert({ ...first, hotspotId: h.id });
  }

  async insertChange(sh: ScopedHotspot, manager: EntityManager, c: HotspotStatusChange): Promise<void> {
    await manager.getRepository(HotspotStatusChange).insert({ ...c, hotspotId: sh.id });
  }

  /** Optimistic lock as for cases: false when the version moved. */
  async updateVersioned(sh: ScopedHotspot, manager: EntityManager, version: number, patch: Partial<Hotspot>): Promise<boolean> {
    const r = await manager
      .createQueryBuilder()
      .update(Hotspot)
      .set({ ...patch, version: () => 'version + 1' })
      .where('id = :id AND unit_id = :unitId AND version = :version', { id: sh.id, unitId: sh.unitId, version })
      .execute();
    return (r.affected ?? 0) === 1;
  }
}
