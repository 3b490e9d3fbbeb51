import { inForceOn } from '../common/effective-period';
import type { EntityManager } from 'typeorm';
import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ValidationFailed } from '../common/errors/domain-error';
import { isIsoDate, vietnamDate } from '../common/iso-date';
import type { SearchLocalitiesDto } from './dto/search-localities.dto';
import { LocalitiesRepository, LocalityView } from './localities.repository';
import { pageLimit, PLACE_SEARCH_PAGE } from '../common/pagination';

export interface LocalityResolution {
  code: string;
  at: string;
  /** in_force: the code names a locality on that day; ended: it had ended (see successors). */
  status: 'in_force' | 'ended' | 'not_yet_in_force' | 'unknown';
  locality: LocalityView | null;
  successors: { relation: 'full' | 'partial'; effectiveDate: string; locality: LocalityView }[];
}

/** How long a locality's display name is kept in memory (names change only with a reference import). */
const NAME_TTL_MS = 60_000;

@Injectable()
export class LocalitiesService {
  /**
   * Display names for lists (the queue shows one per case): kept a minute, so a queue page costs
   * no query for them once its places have been seen. An import (often by the CLI, in another
   * process) shows on lists within a minute; `''` marks a code without any locality.
   */
  private readonly names = new LRUCache<string, string>({ max: 20_000, ttl: NAME_TTL_MS });

  constructor(private readonly repo: LocalitiesRepository) {}

  async search(dto: SearchLocalitiesDto): Promise<{ items: LocalityView[]; nextCursor: string | null }> {
    const at = dto.at ?? vietnamDate(new Date());
    if (!isIsoDate(at)) throw new ValidationFailed([{ field: 'at', reason: 'isDate', message: 'at must be a real date YYYY-MM-DD' }]);
    const limit = pageLimit(dto.limit, PLACE_SEARCH_PAGE);
    const after = dto.cursor ? decodeCursor(dto.cursor) : undefined;
    const q = dto.q?.normalize('NFC').trim();
    const rows = await this.repo.search({ q: q || undefined, parent: dto.parent, level: dto.level, at, limit: limit + 1, after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(({ folded: _f, ...view }) => view),
      nextCursor: rows.length > limit && last ? encodeCursor({ folded: last.folded, code: last.code }) : null,
    };
  }

  /**
   * The locality a code names on a day; for a code that had ended by then, its successors
   * (one `full`, or several `partial` when it was split) as in force on that day.
   */
  async resolve(code: string, at: Date): Promise<LocalityResolution> {
    const day = vietnamDate(at);
    const versions = await this.repo.versions(code);
    const base = { code, at: day };
    if (versions.length === 0) return { ...base, status: 'unknown', locality: null, successors: [] };
    const now = versions.find((v) => inForceOn(v, day));
    if (now) return { ...base, status: 'in_force', locality: now, successors: [] };
    if (day < versions[0].validFrom) return { ...base, status: 'not_yet_in_force', locality: versions[0], successors: [] };
    const last = versions[versions.length - 1];
    const links = (await this.repo.successorsOf(last.code, last.validFrom)).filter((s) => s.effectiveDate <= day);
    const successors: LocalityResolution['successors'] = [];
    for (const s of links) {
      const vs = await this.repo.versions(s.toCode);
      const v = vs.find((x) => inForceOn(x, day)) ?? vs.find((x) => x.validFrom === s.toValidFrom);
      if (v) successors.push({ relation: s.relation, effectiveDate: s.effectiveDate, locality: v });
    }
    return { ...base, status: 'ended', locality: last, successors };
  }

  /** True when the code names a locality of any era (legacy or post-2025). */
  async exists(code: string, m?: EntityManager): Promise<boolean> {
    return (await this.repo.versions(code, m)).length > 0;
  }

  /** The latest full name of each code (for lists that show a place name). */
  async latestNames(codes: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const missing: string[] = [];
    for (const code of new Set(codes)) {
      const name = this.names.get(code);
      if (name === undefined) missing.push(code);
      else if (name !== '') out.set(code, name);
    }
    if (missing.length === 0) return out;
    const found = await this.repo.latestNames(missing);
    for (const code of missing) {
      const name = found.get(code);
      this.names.set(code, name ?? '');
      if (name !== undefined) out.set(code, name);
    }
    return out;
  }
}

function encodeCursor(c: { folded: string; code: string }): string {
  return Buffer.from(JSON.stringify([c.folded, c.code])).toString('base64url');
}

function decodeCursor(s: string): { folded: string; code: string } {
  try {
    const v = JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
    const ok = (x: unknown): x is string => typeof x === 'string' && !x.includes('\u0000');
    if (Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1])) return { folded: v[0], code: v[1] };
  } catch {
    // fall through
  }
  throw new ValidationFailed([{ field: 'cursor', reason: 'invalid', message: 'cursor is not valid' }]);
}
