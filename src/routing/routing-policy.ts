import type { CategoryCode } from '../categories/category-codes';
import type { LocalityRow, SuccessorRow } from '../localities/admin-units-dataset';
import type { LocalityLevel } from '../localities/locality.entity';
import type { SnapCoverage, SnapUnit } from '../units/unit-snapshot';
import type { RulePriority, RuleScopeLevel, RuleTarget } from './routing-rule.entity';
import { inForceOn } from '../common/effective-period';

/**
 * The routing policy: a pure function of (category, place, date, flags) and an in-memory snapshot
 * of the effective tables. No I/O; every decision says why (rule, locality version, successor).
 *
 * Order of rules: rules naming the category, most specific scope first (commune > district >
 * province > national); then fallback rules (category null) in the same order. The first rule
 * whose target yields a usable unit wins. Dates are calendar days in Vietnam (UTC+7); periods
 * are inclusive on both ends.
 *
 * Conflict of interest: for `official_misconduct` or a tip flagged "local police may be
 * involved", the local police covering the place (commune and district police, at every level of
 * the place, and for an ambiguous split every candidate) and every unit under them in the chain
 * of command are excluded as target and as notified unit. Provincial units are not "local".
 *
 * A code in force on the date names that locality: the 2025 list reuses some legacy codes
 * (07210), and on a 2025 date they mean the new commune. A legacy code after it ended resolves
 * through the successor mapping. A `partial` split (the
 * data cannot tell which part an address fell in) resolves to the smallest locality containing
 * every candidate (the new province): commune-level targets then do not match and the province's
 * fallback (its triage desk) places the tip by hand; province-level targets route normally.
 */

export const POLICY_VERSION = 'tipline.routing/v1';
const LOCAL_POLICE_KINDS = new Set(['commune_police', 'district_police']);
const SCOPE_RANK: Record<RuleScopeLevel, number> = { commune: 3, district: 2, province: 1, national: 0 };

/** The dataset's shapes (src/localities), as much of them as the policy reads. */
export type SnapLocality = Pick<LocalityRow, 'code' | 'level' | 'name' | 'fullName' | 'parentCode' | 'validFrom' | 'validTo'>;
export type SnapSuccessor = Omit<SuccessorRow, 'source'>;
export type { SnapCoverage, SnapUnit };
export interface SnapRule {
  id: string;
  category: string | null;
  scopeLevel: RuleScopeLevel;
  scopeCode: string | null;
  target: RuleTarget;
  notify: RuleTarget[];
  priority: RulePriority;
  validFrom: string;
  validTo: string | null;
  description: string | null;
}
export interface SnapshotData {
  version: string;
  localities: SnapLocality[];
  successors: SnapSuccessor[];
  units: SnapUnit[];
  coverage: SnapCoverage[];
  rules: SnapRule[];
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface RouteInput {
  category: CategoryCode;
  localityCode: string | null;
  /** Calendar day (YYYY-MM-DD, Vietnam) the activity was observed. */
  date: string;
  localPoliceInvolved: boolean;
}

export type PlaceStatus = 'none' | 'unknown' | 'in_force' | 'successor' | 'not_yet_in_force';

export interface LocalityVersionRef {
  code: string;
  level: LocalityLevel;
  fullName: string;
  validFrom: string;
  validTo: string | null;
}

export interface SuccessorStep {
  from: string;
  fromValidFrom: string;
  effectiveDate: string;
  relation: 'full' | 'partial' | 'parent';
  candidates: string[];
  /** How a split was resolved (partial only). */
  note?: string;
}

export interface RoutingReason {
  policy: string;
  snapshotVersion: string;
  date: string;
  category: string;
  localPoliceInvolved: boolean;
  place: {
    requested: string | null;
    status: PlaceStatus;
    version: LocalityVersionRef | null;
    successors: SuccessorStep[];
    chain: string[];
  };
  rule: { id: string; category: string | null; scope: string; validFrom: string; description: string | null } | null;
  target: { type: 'unit' | 'covering'; kind?: string; coverage?: string } | null;
  conflictOfInterest: { applies: boolean; because: string[]; excluded: string[] };
  skipped: { ruleId: string; scope: string; why: string }[];
  notifySkipped: { target: string; why: string }[];
}

export interface PolicyDecision {
  unit: UnitRef | null;
  notify: UnitRef[];
  priority: RulePriority;
  ruleId: string | null;
  resolvedLocalityCode: string | null;
  reason: RoutingReason;
}

const inForce = inForceOn;
const vkey = (code: string, validFrom: string) => `${code}@${validFrom}`;

/** The effective tables indexed for decisions in microseconds. Immutable once built. */
export class RoutingSnapshot {
  readonly version: string;
  private readonly localities = new Map<string, SnapLocality[]>();
  private readonly successors = new Map<string, SnapSuccessor[]>();
  readonly units = new Map<string, SnapUnit>();
  private readonly children = new Map<string, string[]>();
  private readonly coverage = new Map<string, SnapCoverage[]>();
  private readonly rules = new Map<string, SnapRule[]>();

  constructor(data: SnapshotData) {
    this.version = data.version;
    for (const l of data.localities) push(this.localities, l.code, l);
    for (const v of this.localities.values()) v.sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
    for (const s of data.successors) push(this.successors, vkey(s.fromCode, s.fromValidFrom), s);
    for (const v of this.successors.values()) v.sort((a, b) => (a.toCode < b.toCode ? -1 : 1));
    for (const u of data.units) {
      this.units.set(u.id, u);
      if (u.parentId) push(this.children, u.parentId, u.id);
    }
    for (const c of data.coverage) push(this.coverage, c.localityCode, c);
    for (const v of this.coverage.values())
      v.sort((a, b) => cmp(this.units.get(a.unitId)?.code ?? '', this.units.get(b.unitId)?.code ?? ''));
    for (const r of data.rules) push(this.rules, r.scopeLevel === 'national' ? 'national' : `${r.scopeLevel}:${r.scopeCode}`, r);
  }

  versionsOf(code: string): SnapLocality[] {
    return this.localities.get(code) ?? [];
  }
  versionAt(code: string, date: string): SnapLocality | undefined {
    const vs = this.localities.get(code);
    if (!vs) return undefined;
    for (const v of vs) if (inForce(v, date)) return v;
    return undefined;
  }
  successorsOf(l: SnapLocality): SnapSuccessor[] {
    return this.successors.get(vkey(l.code, l.validFrom)) ?? [];
  }
  coverageOf(code: string): SnapCoverage[] {
    return this.coverage.get(code) ?? [];
  }
  rulesFor(scope: string): SnapRule[] {
    return this.rules.get(scope) ?? [];
  }
  /** The unit and every unit under it, whatever their periods (a closed unit still links its children). */
  subtree(unitId: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const stack = [unitId];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      for (const c of this.children.get(id) ?? []) stack.push(c);
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { vietnamDate } from '../common/iso-date';

export function unitRef(u: SnapUnit): UnitRef {
  return { id: u.id, code: u.code, name: u.name, kind: u.kind };
}

const versionRef = (l: SnapLocality): LocalityVersionRef => ({ code: l.code, level: l.level, fullName: l.fullName, validFrom: l.validFrom, validTo: l.validTo });

interface ResolvedPlace {
  status: PlaceStatus;
  version: SnapLocality | null;
  /** The version and its ancestors, most specific first, as in force at `refDate`. */
  chain: SnapLocality[];
  successors: SuccessorStep[];
  /** Candidate localities of an ambiguous split (their local police are conflicted too). */
  candidates: SnapLocality[][];
}

function chainOf(snap: RoutingSnapshot, l: SnapLocality, refDate: string): SnapLocality[] {
  const chain = [l];
  let cur = l;
  for (let i = 0; i < 3 && cur.parentCode; i++) {
    const p = snap.versionAt(cur.parentCode, refDate < cur.validFrom ? cur.validFrom : cur.validTo && refDate > cur.validTo ? cur.validTo : refDate);
    if (!p) break;
    chain.push(p);
    cur = p;
  }
  return chain;
}

/** The locality a code means on a date: the version in force, or its successor(s) after it ended. */
export function resolvePlace(snap: RoutingSnapshot, code: string | null, date: string): ResolvedPlace {
  const none: ResolvedPlace = { status: 'none', version: null, chain: [], successors: [], candidates: [] };
  if (!code) return none;
  const versions = snap.versionsOf(code);
  if (versions.length === 0) return { ...none, status: 'unknown' };
  const now = snap.versionAt(code, date);
  if (now) return { status: 'in_force', version: now, chain: chainOf(snap, now, date), successors: [], candidates: [] };
  if (date < versions[0].validFrom) {
    const first = versions[0];
    return { status: 'not_yet_in_force', version: first, chain: chainOf(snap, first, first.validFrom), successors: [], candidates: [] };
  }
  // The code ended before the date: follow successors (or the parent's, for units without a mapping).
  const steps: SuccessorStep[] = [];
  let cur = versions[versions.length - 1];
  for (let hop = 0; hop < 6; hop++) {
    const links = snap.successorsOf(cur).filter((s) => s.effectiveDate <= date);
    if (links.length === 0) {
      const parent = cur.parentCode ? snap.versionAt(cur.parentCode, cur.validTo ?? cur.validFrom) : undefined;
      if (!parent) break;
      steps.push({ from: cur.code, fromValidFrom: cur.validFrom, effectiveDate: cur.validTo ?? date, relation: 'parent', candidates: [parent.code] });
      cur = parent;
      const v = snap.versionAt(cur.code, date);
      if (v) return { status: 'successor', version: v, chain: chainOf(snap, v, date), successors: steps, candidates: [] };
      continue;
    }
    const targets = links.map((s) => snap.versionAt(s.toCode, date) ?? snap.versionsOf(s.toCode).find((x) => x.validFrom === s.toValidFrom)).filter((x): x is SnapLocality => !!x);
    if (targets.length === 0) break;
    if (targets.length === 1) {
      steps.push({ from: cur.code, fromValidFrom: cur.validFrom, effectiveDate: links[0].effectiveDate, relation: links[0].relation, candidates: [targets[0].code] });
      if (inForce(targets[0], date)) return { status: 'successor', version: targets[0], chain: chainOf(snap, targets[0], date), successors: steps, candidates: [] };
      cur = targets[0];
      continue;
    }
    // A split: the smallest locality that contains every candidate.
    const chains = targets.map((t) => chainOf(snap, t, date));
    const common = chains[0].find((a) => chains.every((c) => c.some((x) => x.code === a.code && x.validFrom === a.validFrom)));
    steps.push({
      from: cur.code,
      fromValidFrom: cur.validFrom,
      effectiveDate: links[0].effectiveDate,
      relation: 'partial',
      candidates: targets.map((t) => t.code),
      note: common
        ? `split into ${targets.length} communes; the address cannot be placed in one of them, so the place is ${common.fullName} (${common.code})`
        : `split into ${targets.length} communes with no common parent`,
    });
    if (!common) return { status: 'successor', version: null, chain: [], successors: steps, candidates: chains };
    return { status: 'successor', version: common, chain: chainOf(snap, common, date), successors: steps, candidates: chains };
  }
  return { status: 'unknown', version: null, chain: [], successors: steps, candidates: [] };
}

function scopeKey(l: SnapLocality): string {
  return `${l.level}:${l.code}`;
}

/** Decides where a tip goes. Pure: same input and snapshot, same decision. */
export function decideRoute(input: RouteInput, snap: RoutingSnapshot): PolicyDecision {
  const { date, category } = input;
  const place = resolvePlace(snap, input.localityCode, date);
  // Coverage is looked up at the observed date (a tip from March 2025 goes to who covered then).
  const usable = (u: SnapUnit | undefined): u is SnapUnit => !!u && inForce(u, date);

  const coiBecause: string[] = [];
  if (category === 'official_misconduct') coiBecause.push('official_misconduct');
  if (input.localPoliceInvolved) coiBecause.push('local_police_involved');
  const excluded = new Set<string>();
  const excludedCodes: string[] = [];
  if (coiBecause.length) {
    const chains = [place.chain, ...place.candidates];
    for (const chain of chains)
      for (const l of chain)
        for (const c of snap.coverageOf(l.code)) {
          const u = snap.units.get(c.unitId);
          if (!u || !inForce(c, date) || !LOCAL_POLICE_KINDS.has(u.kind) || excluded.has(u.id)) continue;
          excludedCodes.push(u.code);
          for (const id of snap.subtree(u.id)) excluded.add(id);
        }
  }

  const covering = (kind: string): { unit?: SnapUnit; coverage?: string; why?: string } => {
    let sawConflict = false;
    for (const l of place.chain) {
      for (const c of snap.coverageOf(l.code)) {
        if (!inForce(c, date)) continue;
        const u = snap.units.get(c.unitId);
        if (!usable(u) || u.kind !== kind) continue;
        if (excluded.has(u.id)) {
          sawConflict = true;
          continue;
        }
        return { unit: u, coverage: scopeKey(l) };
      }
    }
    return { why: sawConflict ? 'conflict_of_interest' : `no ${kind} covers the place on ${date}` };
  };
  const resolveTarget = (t: RuleTarget): { unit?: SnapUnit; coverage?: string; why?: string } => {
    if (t.type === 'unit') {
      const u = snap.units.get(t.unitId);
      if (!usable(u)) return { why: `unit ${snap.units.get(t.unitId)?.code ?? t.unitId} is not in force on ${date}` };
      if (excluded.has(u.id)) return { why: 'conflict_of_interest' };
      return { unit: u };
    }
    return covering(t.kind);
  };

  // Candidate rules: the place's scopes (most specific first), then national.
  const scopes = [...place.chain.map(scopeKey), 'national'];
  const candidates: SnapRule[] = [];
  for (const s of scopes) for (const r of snap.rulesFor(s)) if (inForce(r, date) && (r.category === category || r.category === null)) candidates.push(r);
  candidates.sort(
    (a, b) =>
      (a.category === null ? 1 : 0) - (b.category === null ? 1 : 0) ||
      SCOPE_RANK[b.scopeLevel] - SCOPE_RANK[a.scopeLevel] ||
      cmp(b.validFrom, a.validFrom) ||
      cmp(a.id, b.id),
  );

  const skipped: RoutingReason['skipped'] = [];
  const notifySkipped: RoutingReason['notifySkipped'] = [];
  let chosen: { rule: SnapRule; unit: SnapUnit; coverage?: string } | undefined;
  for (const r of candidates) {
    const t = resolveTarget(r.target);
    if (t.unit) {
      chosen = { rule: r, unit: t.unit, coverage: t.coverage };
      break;
    }
    skipped.push({ ruleId: r.id, scope: ruleScope(r), why: t.why ?? 'no unit' });
  }

  const notify: UnitRef[] = [];
  if (chosen) {
    const seen = new Set([chosen.unit.id]);
    for (const n of chosen.rule.notify) {
      const t = resolveTarget(n);
      if (!t.unit) {
        notifySkipped.push({ target: n.type === 'unit' ? `unit:${n.unitId}` : `covering:${n.kind}`, why: t.why ?? 'no unit' });
        continue;
      }
      if (seen.has(t.unit.id)) continue;
      seen.add(t.unit.id);
      notify.push(unitRef(t.unit));
    }
  }

  const v = place.version;
  return {
    unit: chosen ? unitRef(chosen.unit) : null,
    notify,
    priority: chosen?.rule.priority ?? 'normal',
    ruleId: chosen?.rule.id ?? null,
    resolvedLocalityCode: v?.code ?? null,
    reason: {
      policy: POLICY_VERSION,
      snapshotVersion: snap.version,
      date,
      category,
      localPoliceInvolved: input.localPoliceInvolved,
      place: {
        requested: input.localityCode,
        status: place.status,
        version: v ? versionRef(v) : null,
        successors: place.successors,
        chain: place.chain.map((l) => vkey(l.code, l.validFrom)),
      },
      rule: chosen
        ? { id: chosen.rule.id, category: chosen.rule.category, scope: ruleScope(chosen.rule), validFrom: chosen.rule.validFrom, description: chosen.rule.description }
        : null,
      target: chosen
        ? chosen.rule.target.type === 'unit'
          ? { type: 'unit' }
          : { type: 'covering', kind: chosen.rule.target.kind, coverage: chosen.coverage }
        : null,
      conflictOfInterest: { applies: coiBecause.length > 0, because: coiBecause, excluded: excludedCodes },
      skipped,
      notifySkipped,
    },
  };
}

function ruleScope(r: SnapRule): string {
  return r.scopeLevel === 'national' ? 'national' : `${r.scopeLevel}:${r.scopeCode}`;
}
