import { Injectable } from '@nestjs/common';
import { StaffPrincipal } from '../auth/auth.decorators';
import { UnitScope } from '../auth/unit-scope';
import { DomainError } from '../common/errors/domain-error';
import { UnitsService } from '../units/units.service';

/**
 * The units whose cases and tips a staff member may see. Officers, unit leads and hotline
 * operators: their own unit; supervisors: their unit's subtree. Auditors and admins read no case
 * or tip content at all: asking for their scope is refused, so a case/tip query cannot run for them.
 */
@Injectable()
export class ScopeService {
  constructor(private readonly units: UnitsService) {}

  async forStaff(principal: StaffPrincipal | undefined): Promise<UnitScope> {
    if (!principal) throw new DomainError('unauthenticated', 'A staff session is required.');
    switch (principal.role) {
      case 'officer':
      case 'unit_lead':
      case 'hotline_operator':
        return new UnitScope([principal.unitId]);
      case 'supervisor':
        return new UnitScope(await this.units.subtreeIds(principal.unitId, new Date()));
      case 'auditor':
      case 'admin':
        throw new DomainError('forbidden', 'This role reads no case or tip content.');
      default: {
        const unknown: never = principal.role;
        throw new DomainError('forbidden', `Unknown role ${String(unknown)}.`);
      }
    }
  }
}
