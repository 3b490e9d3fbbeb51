/**
 * The life of a hotspot ("tụ điểm"): suspected → verified → dismantled → re_emerged → (verified |
 * dismantled). Pure; an illegal change is a 409 naming the allowed statuses.
 */
import { DomainError } from '../common/errors/domain-error';

export const HOTSPOT_STATUSES = ['suspected', 'verified', 'dismantled', 're_emerged'] as const;
export type HotspotStatus = (typeof HOTSPOT_STATUSES)[number];

export const HOTSPOT_TRANSITIONS: Readonly<Record<HotspotStatus, readonly HotspotStatus[]>> = {
  suspected: ['verified', 'dismantled'],
  verified: ['dismantled'],
  dismantled: ['re_emerged'],
  re_emerged: ['verified', 'dismantled'],
};

export function planHotspotStatus(from: HotspotStatus, to: HotspotStatus): HotspotStatus {
  const allowed = HOTSPOT_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw new DomainError('invalid_transition', `A hotspot that is ${from} cannot become ${to}; allowed: ${allowed.join(', ')}.`, {
      status: from,
      command: to,
      allowed: [...allowed],
    });
  }
  return to;
}

/** A hotspot still counts for "possibly related" tips unless it was dismantled. */
export function isActiveHotspot(status: HotspotStatus): boolean {
  return status !== 'dismantled';
}
