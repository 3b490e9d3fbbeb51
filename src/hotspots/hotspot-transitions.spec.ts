import { DomainError } from '../common/errors/domain-error';
import { HOTSPOT_STATUSES, HOTSPOT_TRANSITIONS, planHotspotStatus } from './hotspot-transitions';

describe('hotspot status changes', () => {
  it('follow the table and name the allowed statuses otherwise', () => {
    for (const from of HOTSPOT_STATUSES) {
      for (const to of HOTSPOT_STATUSES) {
        if (HOTSPOT_TRANSITIONS[from].includes(to)) {
          expect(planHotspotStatus(from, to)).toBe(to);
        } else {
          let err: DomainError | undefined;
          try {
            planHotspotStatus(from, to);
          } catch (e) {
            err = e as DomainError;
          }
          expect(err?.code).toBe('invalid_transition');
          expect(err?.details).toMatchObject({ allowed: [...HOTSPOT_TRANSITIONS[from]] });
        }
      }
    }
  });
});
