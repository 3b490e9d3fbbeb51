import { Injectable } from '@nestjs/common';
import type { StaffPrincipal } from '../../auth/auth.decorators';
import { CaseViewService } from '../../cases/case-view.service';
import type { RequestContext } from '../../common/request-context';
import { HotspotsService } from '../../hotspots/hotspots.service';
import { StaffService } from '../../staff/staff.service';
import { UnitsService } from '../../units/units.service';
import type { CasePageData, FormState } from './case.page';

/** How many units the transfer picker offers at once (a search narrows them). */
const UNITS_SHOWN = 50;
/** How many hotspots the link picker offers. */
const HOTSPOTS_SHOWN = 100;

/**
 * Everything the case page shows, from the features' services: the case view exactly as the API
 * reads it (CaseViewService.view: through the access kernel, audited as `case.viewed`; out of
 * scope is its 404), then the pickers the caller's role needs.
 */
@Injectable()
export class CasePageLoader {
  constructor(
    private readonly views: CaseViewService,
    private readonly staff: StaffService,
    private readonly units: UnitsService,
    private readonly hotspots: HotspotsService,
  ) {}

  async load(principal: StaffPrincipal, rc: RequestContext, caseId: string, opts: { unitQuery?: string; form?: FormState; done?: string } = {}): Promise<CasePageData> {
    const view = await this.views.view(principal, rc, caseId);
    const lead = principal.role === 'unit_lead';
    const works = principal.role === 'officer' || lead;
    const actorIds = [...new Set(view.timeline.map((e) => (e.actor.type === 'staff' ? e.actor.id : null)).filter((x): x is string => !!x))];
    const [names, units, officers, hotspots] = await Promise.all([
      this.staff.displayNames(actorIds),
      lead && view.status !== 'closed' ? this.units.searchInForce(opts.unitQuery ?? '', UNITS_SHOWN) : Promise.resolve([]),
      lead ? this.staff.listViews(view.unitId) : Promise.resolve([]),
      // the link picker (and the hotspot's name in the summary) from the caller's own registry
      works || view.hotspotId ? this.hotspots.list(principal, { limit: HOTSPOTS_SHOWN }) : Promise.resolve({ items: [] }),
    ]);
    return {
      view,
      names: Object.fromEntries(names),
      unitQuery: opts.unitQuery ?? '',
      units: units.map((u) => ({ id: u.id, code: u.code, name: u.name })),
      officers: officers.filter((o) => o.active && (o.role === 'officer' || o.role === 'unit_lead')).map((o) => ({ id: o.id, name: o.displayName || o.username })),
      hotspots: hotspots.items.map((h) => ({ id: h.id, description: h.description, status: h.status })),
      form: opts.form,
      done: opts.done,
    };
  }
}
