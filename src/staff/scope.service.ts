import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '../auth/auth.decorators';
import { UnitScope } from '../auth/unit-scope';
import { DomainError } from '../common/errors/domain-error';
import { UnitsService } from '../units/units.service';

/**
 * The units whose cases and tips a staff member may see. Officers and unit leads: their own unit;
 * supervisors: their unit's subtree. Auditors, admins and hotline operators read no unit's cases
 * at all: asking for their scope is refused, so a case/tip query cannot run for them (a hotline
 * operator sees only the tips they filed today, by actor, through CasesService.filedToday).
 */
@Injectable()
export class ScopeService {
  constructor(private readonly units: UnitsService) {}

  async forStaff(principal: StaffPrincipal | undefined): Promise<UnitScope> {
    if (!principal) throw new DomainError('unauthenticated', 'A staff session is required.');
    switch (principal.role) {
      case 'officer':
      case 'unit_lead':
        return new UnitScope([principal.unitId]);
      case 'supervisor':
        return new UnitScope(await this.units.subtreeIds(principal.unitId, new Date()));
      case 'auditor':
      case 'admin':
      case 'hotline_operator':
        throw new DomainError('forbidden', 'This role reads no case or tip content.');
      default: {
        const unknown: never = principal.role;
        throw new DomainError('forbidden', `Unknown role ${String(unknown)}.`);
      }
    }
  }
}
