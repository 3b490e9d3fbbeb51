import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** Staff roles (stable codes). */
export const ROLES = ['officer', 'unit_lead', 'supervisor', 'auditor', 'admin', 'hotline_operator'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling, once the session guard has authenticated a staff member. */
export interface StaffPrincipal {
  id: string;
  username: string;
  role: Role;
  unitId: string;
  sessionId: string;
}

export const PUBLIC_ROUTE = 'tipline:public';
export const ROUTE_ROLES = 'tipline:roles';

/**
 * Every route needs a staff session unless marked @Public() (citizen pages, tipster API, health).
 * The global guard (src/staff) enforces this; a route with neither decorator is staff-only.
 */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The roles that may call a route (checked by the global guard after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROUTE_ROLES, roles);

/** The authenticated staff member (set on the request by the guard as `request.staff`). */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): StaffPrincipal | undefined => {
  return ctx.switchToHttp().getRequest<{ staff?: StaffPrincipal }>().staff;
});
