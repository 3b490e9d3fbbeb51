import { createHash } from 'node:crypto';
import { CATEGORY_CODES, CategoryCode } from '../categories/category-codes';
import { AdminUnitsDataset, ERA } from '../localities/admin-units-dataset';
import { stableUuid } from '../units/stable-id';
import type { UnitKind } from '../units/unit.entity';
import type { SnapCoverage, SnapRule, SnapUnit } from './routing-policy';
import type { RulePriority, RuleTarget } from './routing-rule.entity';

/**
 * The demo/reference configuration of units, coverage and routing rules.
 *
 * Unit codes (stable, readable; documented in README "Units and routing"):
 *   BCA, C04, TRIAGE-VN                     national
 *   CAT-24, PC04-24, TTR-24, TRIAGE-24, XH-24   province 24 of the 2025 list (Bắc Ninh)
 *   CA-24-<commune>                          commune police of a 2025 commune of province 24
 *   CAT-L24, PC04-L24, TTR-L24, TRIAGE-L24, XH-L24   legacy province 24 (Bắc Giang), to 2025-06-30
 *   CAH-L24-<district>                       legacy district police, to 2025-02-28
 *   CA-L24-<commune>                         commune police of a legacy commune, to 2025-06-30
 * "L" marks the legacy structure: codes such as 07210 name different places in the two eras.
 */
/** The policy's snapshot shapes (routing-policy.ts), with the seed's narrower types. */
export type SeedUnit = SnapUnit & { kind: UnitKind };
export type SeedCoverage = SnapCoverage & { id: string; unitKind: UnitKind };
export type SeedRule = SnapRule & { category: CategoryCode | null; description: string };
export interface UnitsSeed {
  units: SeedUnit[];
  coverage: SeedCoverage[];
  rules: SeedRule[];
  digest: string;
}

export const SEED_PROVINCE_2025 = '24';
export const SEED_PROVINCE_LEGACY = '24';
const LEGACY_DISTRICT_POLICE_TO = '2025-02-28';

const covering = (kind: UnitKind): RuleTarget => ({ type: 'covering', kind });

/** Default rule per category (national scope): the target kind, notified kinds, priority. */
export const DEFAULT_CATEGORY_RULES: Record<CategoryCode, { target: UnitKind; notify: UnitKind[]; priority: RulePriority }> = {
  use_hotspot: { target: 'commune_police', notify: ['district_police'], priority: 'normal' },
  dealing_point: { target: 'commune_police', notify: ['district_police', 'provincial_drug_police'], priority: 'high' },
  treatment_referral: { target: 'commune_police', notify: ['social_affairs'], priority: 'normal' },
  trafficking: { target: 'provincial_drug_police', notify: [], priority: 'high' },
  production: { target: 'provincial_drug_police', notify: [], priority: 'high' },
  crime_group: { target: 'provincial_drug_police', notify: [], priority: 'urgent' },
  precursors: { target: 'provincial_drug_police', notify: [], priority: 'high' },
  official_misconduct: { target: 'provincial_inspection', notify: [], priority: 'high' },
  other: { target: 'triage', notify: [], priority: 'low' },
};

export function buildUnitsSeed(data: AdminUnitsDataset): UnitsSeed {
  const units: SeedUnit[] = [];
  const coverage: SeedCoverage[] = [];
  const unit = (code: string, name: string, kind: UnitKind, parent: string | null, from: string, to: string | null) => {
    const u: SeedUnit = { id: stableUuid(`unit:${code}`), code, name, kind, parentId: parent ? stableUuid(`unit:${parent}`) : null, validFrom: from, validTo: to };
    units.push(u);
    return u;
  };
  const cover = (u: SeedUnit, localityCode: string) =>
    coverage.push({ id: stableUuid(`coverage:${u.code}:${localityCode}:${u.validFrom}`), unitId: u.id, unitKind: u.kind, localityCode, validFrom: u.validFrom, validTo: u.validTo });

  unit('BCA', 'Bộ Công an', 'ministry_department', null, ERA.legacyFrom, null);
  unit('C04', 'Cục Cảnh sát điều tra tội phạm về ma túy (C04)', 'ministry_department', 'BCA', ERA.legacyFrom, null);
  unit('TRIAGE-VN', 'Bàn tiếp nhận tin báo quốc gia', 'triage', 'C04', ERA.legacyFrom, null);

  const provinceUnits = (suffix: string, provinceName: string, provinceCode: string, from: string, to: string | null, socialName: string) => {
    const cat = unit(`CAT-${suffix}`, `Công an ${provinceName}`, 'provincial_police', 'BCA', from, to);
    for (const u of [
      cat,
      unit(`PC04-${suffix}`, `Phòng Cảnh sát điều tra tội phạm về ma túy (PC04), Công an ${provinceName}`, 'provincial_drug_police', cat.code, from, to),
      unit(`TTR-${suffix}`, `Thanh tra ${provinceName}`, 'provincial_inspection', null, from, to),
      unit(`TRIAGE-${suffix}`, `Bàn tiếp nhận tin báo, Công an ${provinceName}`, 'triage', cat.code, from, to),
      unit(`XH-${suffix}`, `${socialName} ${provinceName}`, 'social_affairs', null, from, to),
    ])
      cover(u, provinceCode);
    return cat;
  };

  // Post-reform Bắc Ninh (province 24 of the 2025 list).
  const bn = data.localities.find((l) => l.level === 'province' && l.code === SEED_PROVINCE_2025 && l.validFrom === ERA.reformFrom)!;
  const catBn = provinceUnits(SEED_PROVINCE_2025, bn.fullName, bn.code, ERA.reformFrom, null, 'Sở Y tế (bảo trợ xã hội)');
  for (const c of data.localities.filter((l) => l.level === 'commune' && l.validFrom === ERA.reformFrom && l.parentCode === SEED_PROVINCE_2025)) {
    cover(unit(`CA-${SEED_PROVINCE_2025}-${c.code}`, `Công an ${c.fullName}`, 'commune_police', catBn.code, ERA.reformFrom, null), c.code);
  }

  // Pre-reform Bắc Giang (legacy province 24): district police to 2025-02-28, commune police to 2025-06-30.
  const bg = data.localities.find((l) => l.level === 'province' && l.code === SEED_PROVINCE_LEGACY && l.validFrom === ERA.legacyFrom)!;
  const catBg = provinceUnits(`L${SEED_PROVINCE_LEGACY}`, bg.fullName, bg.code, ERA.legacyFrom, ERA.legacyTo, 'Sở Lao động - Thương binh và Xã hội');
  const districts = data.localities.filter((l) => l.level === 'district' && l.parentCode === SEED_PROVINCE_LEGACY);
  for (const d of districts) {
    const dp = unit(`CAH-L${SEED_PROVINCE_LEGACY}-${d.code}`, `Công an ${d.fullName}`, 'district_police', catBg.code, ERA.legacyFrom, LEGACY_DISTRICT_POLICE_TO);
    cover(dp, d.code);
    for (const c of data.localities.filter((l) => l.level === 'commune' && l.validFrom === ERA.legacyFrom && l.parentCode === d.code)) {
      // In the chain of command under the district police until they ended (parent is not dated).
      cover(unit(`CA-L${SEED_PROVINCE_LEGACY}-${c.code}`, `Công an ${c.fullName}`, 'commune_police', dp.code, ERA.legacyFrom, ERA.legacyTo), c.code);
    }
  }

  const rules: SeedRule[] = [];
  for (const category of CATEGORY_CODES) {
    const d = DEFAULT_CATEGORY_RULES[category];
    rules.push({
      id: stableUuid(`rule:default:${category}`),
      category,
      scopeLevel: 'national',
      scopeCode: null,
      target: covering(d.target),
      notify: d.notify.map(covering),
      priority: d.priority,
      validFrom: ERA.legacyFrom,
      validTo: null,
      description: `Default for ${category}: the ${d.target} covering the place`,
    });
  }
  const fallback = (suffix: string, scopeCode: string, from: string, to: string | null) =>
    rules.push({
      id: stableUuid(`rule:fallback:${suffix}`),
      category: null,
      scopeLevel: 'province',
      scopeCode,
      target: { type: 'unit', unitId: stableUuid(`unit:TRIAGE-${suffix}`) },
      notify: [],
      priority: 'normal',
      validFrom: from,
      validTo: to,
      description: `Fallback of province ${scopeCode}: its triage desk`,
    });
  fallback(SEED_PROVINCE_2025, SEED_PROVINCE_2025, ERA.reformFrom, null);
  fallback(`L${SEED_PROVINCE_LEGACY}`, SEED_PROVINCE_LEGACY, ERA.legacyFrom, ERA.legacyTo);
  rules.push({
    id: stableUuid('rule:fallback:VN'),
    category: null,
    scopeLevel: 'national',
    scopeCode: null,
    target: { type: 'unit', unitId: stableUuid('unit:TRIAGE-VN') },
    notify: [],
    priority: 'normal',
    validFrom: ERA.legacyFrom,
    validTo: null,
    description: 'National fallback: the national triage desk',
  });

  const digest = createHash('sha256').update(JSON.stringify({ units, coverage, rules })).digest('hex');
  return { units, coverage, rules, digest };
}
