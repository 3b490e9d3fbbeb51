import type { ScopedCase, ScopedHotspot } from './scoped';

/**
 * The only place handles are made. Imported by src/access alone: the kernel's spec fails when a
 * file outside src/access imports this module.
 */
export function mintCase(row: { id: string; unitId: string; dataKeyId: string }): ScopedCase {
  return Object.freeze({ id: row.id, unitId: row.unitId, dataKeyId: row.dataKeyId }) as ScopedCase;
}

export function mintHotspot(row: { id: string; unitId: string }): ScopedHotspot {
  return Object.freeze({ id: row.id, unitId: row.unitId }) as ScopedHotspot;
}
