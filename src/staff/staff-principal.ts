import type { StaffPrincipal } from '../auth/auth.decorators';
import type { StaffAccountEntity } from './staff-account.entity';

/** What an account looks like through the API (never a hash or a secret). */
export interface StaffView {
  id: string;
  username: string;
  displayName: string;
  role: string;
  unitId: string;
  /** The unit's code (what people know it by), when known. */
  unitCode: string | null;
  active: boolean;
  mustChangePassword: boolean;
  totpEnrolled: boolean;
  createdAt: string;
}

export function toStaffView(a: StaffAccountEntity, unitCode?: string | null): StaffView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: a.role,
    unitId: a.unitId,
    unitCode: unitCode ?? a.unit?.code ?? null,
    active: a.active,
    mustChangePassword: a.mustChangePassword,
    totpEnrolled: a.totpSecret !== null,
    createdAt: a.createdAt.toISOString(),
  };
}

export function toPrincipal(a: Pick<StaffAccountEntity, 'id' | 'username' | 'role' | 'unitId'>, sessionId: string): StaffPrincipal {
  return { id: a.id, username: a.username, role: a.role, unitId: a.unitId, sessionId };
}
