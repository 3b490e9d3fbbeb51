import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface CaseScopeRow {
  id: string;
  unitId: string;
  dataKeyId: string;
}

export interface HotspotScopeRow {
  id: string;
  unitId: string;
}

/**
 * The kernel's read model: only the columns that decide scope (a case's or hotspot's id, unit and
 * data key), read from the tables of cases and hotspots. Nothing else in src/access reads them,
 * and nothing here reads content.
 */
@Injectable()
export class AccessRepository {
  /** The case if its unit is one of `unitIds` (null: any unit, for the receipt and system paths). */
  async caseRow(m: EntityManager, caseId: string, unitIds: readonly string[] | null, lock: boolean): Promise<CaseScopeRow | null> {
    const rows: { id: string; unit_id: string; data_key_id: string }[] = await m.query(
      `SELECT id, unit_id, data_key_id FROM cases WHERE id = $1 AND ($2::uuid[] IS NULL OR unit_id = ANY($2::uuid[]))${lock ? ' FOR UPDATE' : ''}`,
      [caseId, unitIds === null ? null : [...unitIds]],
    );
    return rows.length === 0 ? null : { id: rows[0].id, unitId: rows[0].unit_id, dataKeyId: rows[0].data_key_id };
  }

  async hotspotRow(m: EntityManager, hotspotId: string, unitIds: readonly string[]): Promise<HotspotScopeRow | null> {
    const rows: { id: string; unit_id: string }[] = await m.query('SELECT id, unit_id FROM hotspots WHERE id = $1 AND unit_id = ANY($2::uuid[])', [hotspotId, [...unitIds]]);
    return rows.length === 0 ? null : { id: rows[0].id, unitId: rows[0].unit_id };
  }
}
