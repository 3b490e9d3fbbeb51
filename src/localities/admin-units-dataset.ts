import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { dayBefore } from '../common/iso-date';
import type { LocalityLevel } from './locality.entity';

/** Effective dates of the data (see data/vn-admin-units/README.md). */
export const ERA = {
  /** The legacy structure's start is not in the data: a sentinel "since before the data's horizon". */
  legacyFrom: '1900-01-01',
  legacyTo: '2025-06-30',
  reformFrom: '2025-07-01',
  /** District police were abolished on this day (commune police took over their work). */
  districtPoliceEnd: '2025-03-01',
} as const;

export interface LocalityRow {
  code: string;
  level: LocalityLevel;
  name: string;
  fullName: string;
  type: string;
  typeEn: string;
  parentCode: string | null;
  validFrom: string;
  validTo: string | null;
  source: string;
}

export interface SuccessorRow {
  fromCode: string;
  fromValidFrom: string;
  toCode: string;
  toValidFrom: string;
  effectiveDate: string;
  relation: 'full' | 'partial';
  source: string | null;
}

export interface AdminUnitsDataset {
  localities: LocalityRow[];
  successors: SuccessorRow[];
  /** SHA-256 over the files read (and the importer's format version): unchanged data, same digest. */
  digest: string;
}

const FILES = [
  'provinces-legacy.csv',
  'districts-legacy.csv',
  'communes-legacy.csv',
  'provinces-2025.csv',
  'communes-2025.csv',
  'commune-successors-2025.csv',
  'district-successors-2025.csv',
  'province-successors-2025.csv',
  'amendments-after-2025-07-01.csv',
] as const;

/** Bump when the mapping from files to rows changes, so installed databases re-import. */
const IMPORT_FORMAT = 'v1';
const LEGACY_SOURCE = '124/2004/QĐ-TTg as amended up to 1365/NQ-UBTVQH15';
const REFORM_SOURCE = '19/2025/QĐ-TTg; 202/2025/QH15; 1654–1687/NQ-UBTVQH15';

/** The project's copy of the data: the first `data/vn-admin-units` found walking up from here (src or dist). */
export function defaultDatasetDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'data', 'vn-admin-units');
    if (existsSync(path.join(candidate, 'README.md'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('data/vn-admin-units was not found next to the application');
}

type Rec = Record<string, string>;

/** A locality version from a CSV row (code, name, full_name, type, type_en) of either era. */
function csvLocality(r: Rec, level: LocalityLevel, parentCode: string | null, validFrom: string, validTo: string | null, source: string): LocalityRow {
  return { code: r.code, level, name: r.name, fullName: r.full_name, type: r.type, typeEn: r.type_en, parentCode, validFrom, validTo, source };
}

/** Reads and checks the CSV files; pure apart from reading them. Codes stay strings (zero-padded). */
export function readAdminUnitsDataset(dir = defaultDatasetDir()): AdminUnitsDataset {
  const hash = createHash('sha256').update(IMPORT_FORMAT);
  const files: Record<string, Rec[]> = {};
  for (const f of FILES) {
    const text = readFileSync(path.join(dir, f));
    hash.update(f).update(text);
    files[f] = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Rec[];
  }
  const localities: LocalityRow[] = [];
  const legacy = (r: Rec, level: LocalityLevel, parentCode: string | null) =>
    csvLocality(r, level, parentCode, ERA.legacyFrom, ERA.legacyTo, LEGACY_SOURCE);
  for (const r of files['provinces-legacy.csv']) localities.push(legacy(r, 'province', null));
  for (const r of files['districts-legacy.csv']) localities.push(legacy(r, 'district', r.province_code));
  for (const r of files['communes-legacy.csv']) localities.push(legacy(r, 'commune', r.district_code));

  const amendments = files['amendments-after-2025-07-01.csv'];
  const amended = new Map(amendments.map((a) => [`${a.level}:${a.code}`, a]));
  const successors: SuccessorRow[] = [];
  const reform = (r: Rec, level: LocalityLevel, parentCode: string | null) => {
    const base = csvLocality(r, level, parentCode, ERA.reformFrom, null, REFORM_SOURCE);
    const a = amended.get(`${level}:${r.code}`);
    if (!a) {
      localities.push(base);
      return;
    }
    // A later change of type and name, same code: close the 2025 version, open the new one.
    const type = a.full_name_after.slice(0, a.full_name_after.length - r.name.length - 1);
    localities.push({ ...base, validTo: dayBefore(a.effective_date) });
    localities.push({
      ...base,
      fullName: a.full_name_after,
      type,
      typeEn: a.type_en_after,
      validFrom: a.effective_date,
      source: a.legal_basis,
    });
    successors.push({
      fromCode: r.code,
      fromValidFrom: ERA.reformFrom,
      toCode: r.code,
      toValidFrom: a.effective_date,
      effectiveDate: a.effective_date,
      relation: 'full',
      source: a.legal_basis,
    });
  };
  for (const r of files['provinces-2025.csv']) reform(r, 'province', null);
  for (const r of files['communes-2025.csv']) reform(r, 'commune', r.province_code);

  const link = (fromCode: string, toCode: string, relation: string, source: string | null): SuccessorRow => {
    if (relation !== 'full' && relation !== 'partial') throw new Error(`unknown relation ${relation} for ${fromCode}`);
    return {
      fromCode,
      fromValidFrom: ERA.legacyFrom,
      toCode,
      toValidFrom: ERA.reformFrom,
      effectiveDate: ERA.reformFrom,
      relation,
      source,
    };
  };
  for (const r of files['commune-successors-2025.csv'])
    successors.push(link(r.legacy_commune_code, r.new_commune_code, r.relation, r.source));
  for (const r of files['district-successors-2025.csv'])
    successors.push(link(r.legacy_district_code, r.new_commune_code, r.relation, 'district-successors-2025'));
  for (const r of files['province-successors-2025.csv'])
    successors.push(link(r.legacy_province_code, r.new_province_code, 'full', '202/2025/QH15'));

  checkDataset(localities, successors);
  return { localities, successors, digest: hash.digest('hex') };
}

/** Fails loudly on data that would make routing wrong: duplicate versions, dangling references. */
function checkDataset(localities: LocalityRow[], successors: SuccessorRow[]): void {
  const keys = new Set<string>();
  for (const l of localities) {
    const k = `${l.code}@${l.validFrom}`;
    if (keys.has(k)) throw new Error(`duplicate locality version ${k}`);
    keys.add(k);
    if (!/^\d{2,5}$/.test(l.code)) throw new Error(`bad locality code ${l.code}`);
  }
  for (const l of localities) {
    if (l.parentCode && !keys.has(`${l.parentCode}@${l.validFrom}`) && !keys.has(`${l.parentCode}@${ERA.reformFrom}`))
      throw new Error(`locality ${l.code} has an unknown parent ${l.parentCode}`);
  }
  for (const s of successors) {
    if (!keys.has(`${s.fromCode}@${s.fromValidFrom}`) || !keys.has(`${s.toCode}@${s.toValidFrom}`))
      throw new Error(`successor link ${s.fromCode} → ${s.toCode} names an unknown locality`);
  }
}
