import { Injectable } from '@nestjs/common';
import { RoutingService } from '../../routing/routing.service';
import { UnitsService } from '../../units/units.service';
import type { CoverageRow, UnitPageData } from './units-pages';

/**
 * What the unit and routing pages show besides the rows they list: unit codes by id and locality
 * names, read from the routing service's snapshot of the effective tables (in memory; reloaded
 * when the configuration changes), and a unit's page data from the units service.
 */
@Injectable()
export class AdminLookups {
  constructor(
    private readonly routing: RoutingService,
    private readonly units: UnitsService,
  ) {}

  /** Every unit's code by id. */
  async unitCodes(): Promise<Map<string, string>> {
    const snap = await this.routing.currentSnapshot();
    return new Map([...snap.units.values()].map((u) => [u.id, u.code]));
  }

  /** A unit's page: the unit (404 when unknown), its parent's code, its coverage with locality names. */
  async unitPage(code: string): Promise<UnitPageData> {
    const unit = await this.units.getByCode(code);
    const page = await this.units.listCoverage({ unit: unit.code, limit: 500 });
    const coverage = (page.items as CoverageRow[]).sort((a, b) => (a.localityCode === b.localityCode ? (a.validFrom < b.validFrom ? -1 : 1) : a.localityCode < b.localityCode ? -1 : 1));
    const snap = await this.routing.currentSnapshot();
    const localityNames = new Map<string, string>();
    for (const c of coverage) {
      const v = snap.versionAt(c.localityCode, c.validFrom) ?? snap.versionsOf(c.localityCode)[0];
      if (v) localityNames.set(`${c.localityCode}@${c.validFrom}`, v.fullName);
    }
    const parentCode = unit.parentId ? (snap.units.get(unit.parentId)?.code ?? null) : null;
    return { unit, parentCode, coverage, localityNames, coverageMore: page.nextCursor !== null };
  }
}
