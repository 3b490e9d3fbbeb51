import { CATEGORY_CODES, CategoryCode } from '../categories/category-codes';
import { ERA, readAdminUnitsDataset } from '../localities/admin-units-dataset';
import { buildUnitsSeed, UnitsSeed } from './units-seed';
import { decideRoute, RoutingSnapshot, SnapshotData, SnapRule } from './routing-policy';

/**
 * The policy over the real dataset and the seeded configuration (no database: the snapshot is
 * built from the same rows the loaders write). Expected units are computed from the unit-code
 * scheme, independently of the policy's own lookups.
 */
const data = readAdminUnitsDataset();
const seed = buildUnitsSeed(data);

function snapshotOf(s: UnitsSeed, extraRules: SnapRule[] = []): RoutingSnapshot {
  const d: SnapshotData = {
    version: 'test',
    localities: data.localities,
    successors: data.successors,
    units: s.units,
    coverage: s.coverage,
    rules: [...s.rules.map((r) => ({ ...r })), ...extraRules],
  };
  return new RoutingSnapshot(d);
}
const snap = snapshotOf(seed);
const byCode = new Map(seed.units.map((u) => [u.code, u]));
const codeOf = (id: string | undefined) => seed.units.find((u) => u.id === id)?.code;

const COMMUNE_LEVEL: CategoryCode[] = ['use_hotspot', 'dealing_point', 'treatment_referral'];
const DRUG_POLICE: CategoryCode[] = ['trafficking', 'production', 'crime_group', 'precursors'];

const bacNinh = data.localities.filter((l) => l.level === 'commune' && l.validFrom === ERA.reformFrom && l.parentCode === '24');
const bacGiang = data.localities.filter(
  (l) => l.level === 'commune' && l.validFrom === ERA.legacyFrom && data.localities.some((d) => d.level === 'district' && d.code === l.parentCode && d.parentCode === '24'),
);

function expected(category: CategoryCode, prov: string, communeUnit: string | null): string {
  if (COMMUNE_LEVEL.includes(category)) return communeUnit ?? `TRIAGE-${prov}`;
  if (DRUG_POLICE.includes(category)) return `PC04-${prov}`;
  if (category === 'official_misconduct') return `TTR-${prov}`;
  return `TRIAGE-${prov}`;
}

function route(category: CategoryCode, code: string | null, date: string, localPoliceInvolved = false) {
  return decideRoute({ category, localityCode: code, date, localPoliceInvolved }, snap);
}

describe('routing policy over the national dataset and the seed', () => {
  it('has the communes the issue names', () => {
    expect(bacNinh).toHaveLength(99);
    expect(bacGiang.length).toBeGreaterThan(150);
  });

  it('routes every Bắc Ninh commune (2025) and every category to the expected unit, with a reason', () => {
    for (const c of bacNinh)
      for (const category of CATEGORY_CODES) {
        const d = route(category, c.code, '2025-08-15');
        expect([c.code, category, d.unit?.code]).toEqual([c.code, category, expected(category, '24', `CA-24-${c.code}`)]);
        expect(d.reason.place.status).toBe('in_force');
        expect(d.reason.place.version).toMatchObject({ code: c.code, validFrom: ERA.reformFrom });
        expect(d.reason.rule).not.toBeNull();
        expect(d.ruleId).toBe(d.reason.rule!.id);
        expect(d.resolvedLocalityCode).toBe(c.code);
      }
  });

  it('routes every Bắc Giang legacy commune before and after district police ended', () => {
    for (const c of bacGiang)
      for (const date of ['2024-11-20', '2025-02-28', '2025-03-01', '2025-06-30'])
        for (const category of CATEGORY_CODES) {
          const d = route(category, c.code, date);
          expect([c.code, date, category, d.unit?.code]).toEqual([c.code, date, category, expected(category, 'L24', `CA-L24-${c.code}`)]);
          const districtPolice = `CAH-L24-${c.parentCode}`;
          const notified = d.notify.map((n) => n.code);
          if (category === 'use_hotspot' || category === 'dealing_point') {
            // District police exist (and are told) only until 2025-02-28.
            expect(notified.includes(districtPolice)).toBe(date < ERA.districtPoliceEnd);
          } else expect(notified).not.toContain(districtPolice);
        }
  });

  it('holds the conflict-of-interest rule for every commune, category and era', () => {
    const cases: { code: string; date: string; local: string[] }[] = [
      ...bacNinh.map((c) => ({ code: c.code, date: '2025-09-01', local: [`CA-24-${c.code}`] })),
      ...bacGiang.flatMap((c) => [
        // before March 2025 the district police and every commune police under it are implicated
        { code: c.code, date: '2025-01-10', local: seed.units.filter((u) => u.code === `CAH-L24-${c.parentCode}` || u.parentId === byCode.get(`CAH-L24-${c.parentCode}`)!.id).map((u) => u.code) },
        { code: c.code, date: '2025-05-10', local: [`CA-L24-${c.code}`] },
      ]),
    ];
    for (const { code, date, local } of cases)
      for (const category of CATEGORY_CODES)
        for (const flag of [true, false]) {
          if (!flag && category !== 'official_misconduct') continue;
          const d = route(category, code, date, flag);
          const touched = [d.unit!.code, ...d.notify.map((n) => n.code)];
          for (const t of touched) expect([code, date, category, t, local.includes(t)]).toEqual([code, date, category, t, false]);
          expect(d.reason.conflictOfInterest.applies).toBe(true);
          expect(d.unit!.kind).not.toBe('commune_police');
          expect(d.unit!.kind).not.toBe('district_police');
        }
  });

  it('sends work in a split commune to the province, and keeps every candidate\'s local police out of a conflicted decision', () => {
    // No Bắc Giang commune was split: configure another province for the test.
    const split = new Map<string, string[]>();
    for (const s of data.successors) if (s.relation === 'partial' && s.fromValidFrom === ERA.legacyFrom) split.set(s.fromCode, [...(split.get(s.fromCode) ?? []), s.toCode]);
    const [legacy, candidates] = [...split.entries()].find(([code]) => !data.localities.some((l) => l.code === code && l.validFrom === ERA.reformFrom))!;
    const province = data.localities.find((l) => l.code === candidates[0] && l.validFrom === ERA.reformFrom)!.parentCode!;
    const units = [
      { id: '00000000-0000-4000-8000-0000000000a1', code: `PC04-${province}`, name: 'PC04', kind: 'provincial_drug_police' as const, parentId: null, validFrom: ERA.reformFrom, validTo: null },
      ...candidates.map((c, i) => ({ id: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, code: `CA-${province}-${c}`, name: c, kind: 'commune_police' as const, parentId: null, validFrom: ERA.reformFrom, validTo: null })),
    ];
    const coverage = units.map((u, i) => ({ id: u.id, unitId: u.id, unitKind: u.kind, localityCode: i === 0 ? province : candidates[i - 1], validFrom: ERA.reformFrom, validTo: null }));
    const s = snapshotOf({ ...seed, units: [...seed.units, ...units], coverage: [...seed.coverage, ...coverage] });
    const at = (category: CategoryCode, flag: boolean) => decideRoute({ category, localityCode: legacy, date: '2025-10-01', localPoliceInvolved: flag }, s);
    expect(at('use_hotspot', false).unit!.code).toBe('TRIAGE-VN');
    expect(at('use_hotspot', false).reason.place.successors[0]).toMatchObject({ relation: 'partial', candidates: [...candidates].sort() });
    expect(at('use_hotspot', false).resolvedLocalityCode).toBe(province);
    expect(at('trafficking', false).unit!.code).toBe(`PC04-${province}`);
    for (const category of CATEGORY_CODES) {
      const d = at(category, true);
      const touched = [d.unit!.code, ...d.notify.map((n) => n.code)];
      for (const c of candidates) expect(touched).not.toContain(`CA-${province}-${c}`);
      expect([...d.reason.conflictOfInterest.excluded].sort()).toEqual(candidates.map((c) => `CA-${province}-${c}`).sort());
    }
  });

  it('routes a legacy Bắc Giang code observed after 2025-07-01 within the new Bắc Ninh through its successor', () => {
    const links = data.successors.filter((s) => s.fromValidFrom === ERA.legacyFrom);
    const reused = new Set(bacNinh.map((c) => c.code));
    let followed = 0;
    for (const c of bacGiang) {
      if (reused.has(c.code)) {
        // The 2025 list reuses some legacy codes (07210): on a 2025 date the code means the new commune.
        const d = route('use_hotspot', c.code, '2025-10-01');
        expect(d.reason.place.status).toBe('in_force');
        expect(d.unit!.code).toBe(`CA-24-${c.code}`);
        continue;
      }
      followed++;
      const own = links.filter((s) => s.fromCode === c.code);
      for (const category of CATEGORY_CODES) {
        const d = route(category, c.code, '2025-10-01');
        expect(d.reason.place.status).toBe('successor');
        expect(d.reason.place.successors[0]).toMatchObject({ from: c.code, fromValidFrom: ERA.legacyFrom, effectiveDate: ERA.reformFrom });
        if (own.length === 1) {
          expect(d.resolvedLocalityCode).toBe(own[0].toCode);
          expect(d.unit!.code).toBe(expected(category, '24', `CA-24-${own[0].toCode}`));
        } else {
          // a split: the place is the new province; commune-level work goes to its triage desk
          expect(d.reason.place.successors[0].relation).toBe('partial');
          expect(d.reason.place.successors[0].candidates.sort()).toEqual(own.map((s) => s.toCode).sort());
          expect(d.resolvedLocalityCode).toBe('24');
          expect(d.unit!.code).toBe(expected(category, '24', null));
        }
      }
    }
    expect(followed).toBeGreaterThan(100);
  });

  it('resolves 07210 by date: Phường Hoàng Văn Thụ until 2025-06-30, Phường Bắc Giang from 2025-07-01', () => {
    const before = route('use_hotspot', '07210', '2025-06-30');
    const after = route('use_hotspot', '07210', '2025-07-01');
    expect(before.reason.place.version?.fullName).toBe('Phường Hoàng Văn Thụ');
    expect(before.unit!.code).toBe('CA-L24-07210');
    expect(after.reason.place.version?.fullName).toBe('Phường Bắc Giang');
    expect(after.unit!.code).toBe('CA-24-07210');
  });

  it('sends a tip without a usable place to the national triage desk, and outside the seeded provinces too', () => {
    for (const code of [null, '', '99999']) {
      const d = route('trafficking', code, '2025-08-01');
      expect(d.unit!.code).toBe('TRIAGE-VN');
      expect(d.reason.place.status).toBe(code ? 'unknown' : 'none');
    }
    expect(route('use_hotspot', '00004', '2025-08-01').unit!.code).toBe('TRIAGE-VN'); // Hà Nội: no units seeded
    expect(route('use_hotspot', '24', '2025-08-01').unit!.code).toBe('TRIAGE-24'); // only the province is known
    expect(route('trafficking', '24', '2025-08-01').unit!.code).toBe('PC04-24');
  });

  it('follows a legacy district without commune mapping to its province, and the island district to its special zone', () => {
    const d = route('trafficking', '213', '2025-09-01'); // a legacy Bắc Giang district
    expect(d.reason.place.status).toBe('successor');
    expect(d.unit!.code).toBe('PC04-24');
    const island = route('other', '318', '2025-09-01'); // Bạch Long Vĩ → Đặc khu Bạch Long Vĩ
    expect(island.resolvedLocalityCode).toBe('11948');
  });

  it('uses the amended version of a locality from 2026-04-30', () => {
    const d = route('other', '25270', '2026-05-01');
    expect(d.reason.place.version).toMatchObject({ fullName: 'Phường Lộc Ninh', validFrom: '2026-04-30' });
    expect(route('other', '25270', '2026-04-29').reason.place.version?.fullName).toBe('Xã Lộc Ninh');
  });

  it('lets the most specific rule win, category rules before fallbacks', () => {
    const pc04 = byCode.get('PC04-24')!;
    const ttr = byCode.get('TTR-24')!;
    const commune = bacNinh[0].code;
    const rule = (id: string, over: Partial<SnapRule>): SnapRule => ({
      id, category: 'use_hotspot', scopeLevel: 'province', scopeCode: '24', target: { type: 'unit', unitId: pc04.id }, notify: [],
      priority: 'urgent', validFrom: '2025-07-01', validTo: null, description: id, ...over,
    });
    const s = snapshotOf(seed, [
      rule('00000000-0000-4000-8000-000000000001', {}),
      rule('00000000-0000-4000-8000-000000000002', { scopeLevel: 'commune', scopeCode: commune, target: { type: 'unit', unitId: ttr.id }, validFrom: '2026-01-01' }),
      rule('00000000-0000-4000-8000-000000000003', { category: null, scopeLevel: 'commune', scopeCode: commune, target: { type: 'unit', unitId: ttr.id } }),
    ]);
    const at = (date: string, category: CategoryCode = 'use_hotspot') => decideRoute({ category, localityCode: commune, date, localPoliceInvolved: false }, s);
    expect(at('2025-12-31').unit!.code).toBe('PC04-24'); // province rule beats the national default
    expect(at('2025-12-31').priority).toBe('urgent');
    expect(at('2026-01-01').unit!.code).toBe('TTR-24'); // commune rule beats province rule once in force
    expect(at('2025-12-31', 'trafficking').unit!.code).toBe('PC04-24'); // category rule before commune fallback
    expect(at('2025-12-31', 'trafficking').reason.rule!.scope).toBe('national');
  });

  it('skips a rule whose fixed unit is not in force and says so', () => {
    const closed = byCode.get('TRIAGE-L24')!;
    const s = snapshotOf(seed, [
      { id: '00000000-0000-4000-8000-000000000009', category: 'other', scopeLevel: 'province', scopeCode: '24', target: { type: 'unit', unitId: closed.id }, notify: [], priority: 'low', validFrom: '2025-07-01', validTo: null, description: null },
    ]);
    const d = decideRoute({ category: 'other', localityCode: bacNinh[0].code, date: '2025-08-01', localPoliceInvolved: false }, s);
    expect(d.unit!.code).toBe('TRIAGE-24');
    expect(d.reason.skipped[0].why).toMatch(/not in force/);
  });

  it('is deterministic and pure', () => {
    const a = route('dealing_point', bacGiang[3].code, '2025-01-01');
    const b = route('dealing_point', bacGiang[3].code, '2025-01-01');
    expect(a).toEqual(b);
    expect(codeOf(a.unit!.id)).toBe(a.unit!.code);
  });
});
