import type { Role } from '../auth/auth.decorators';

/** Unit kinds at provincial level or above (a supervisor there sees a whole province or more). */
export const PROVINCIAL_OR_ABOVE_KINDS: readonly string[] = ['ministry_department', 'provincial_police', 'provincial_drug_police', 'provincial_inspection'];

/**
 * Whether giving `role` in a unit needs a second admin's approval: supervisor or auditor at
 * provincial level or above (a unit of such a kind, or a unit with no parent), and admin anywhere
 * (an admin could otherwise make a second admin to approve their own requests).
 */
export function needsSecondAdmin(role: Role, unit: { kind: string; parentId: string | null }): boolean {
  if (role === 'admin') return true;
  if (role !== 'supervisor' && role !== 'auditor') return false;
  return PROVINCIAL_OR_ABOVE_KINDS.includes(unit.kind) || unit.parentId === null;
}
