import { DataSource, EntityManager } from 'typeorm';
import { CasesService } from '../../src/cases/cases.service';
import type { Priority } from '../../src/cases/case-transitions';
import type { CategoryCode } from '../../src/categories/category-codes';
import { systemContext } from '../../src/common/request-context';
import { CryptoService } from '../../src/crypto/crypto.service';
import type { TestApp } from './test-app';

export interface TestCaseOptions {
  localityCode?: string;
  category?: CategoryCode;
  priority?: Priority;
}

/**
 * Opens a case routed straight to `unitId` (as intake would after routing), inside the caller's
 * transaction, with its own data key: for tests that need cases without going through intake.
 */
export async function openTestCaseIn(t: TestApp, m: EntityManager, unitId: string, opts: TestCaseOptions = {}) {
  const localityCode = opts.localityCode ?? '00001';
  const dataKeyId = await t.app.get(CryptoService).createDataKey(m);
  const opened = await t.app.get(CasesService).openForTip(m, systemContext('test'), {
    category: opts.category ?? 'dealing_point',
    localityCode,
    observedAt: new Date(),
    channel: 'web',
    routing: { unit: { id: unitId }, priority: opts.priority ?? 'normal', ruleId: null, reason: { rule: 'test' }, resolvedLocalityCode: localityCode },
    dataKeyId,
  });
  return { ...opened, dataKeyId };
}

/** The same in a transaction of its own. */
export function openTestCase(t: TestApp, unitId: string, opts: TestCaseOptions = {}) {
  return t.app.get(DataSource).transaction((m) => openTestCaseIn(t, m, unitId, opts));
}

const CASE_ACTION_URL = /^\/api\/v1\/cases\/([0-9a-f-]{36})\/([a-z-]+)$/;

/**
 * Case actions require the version the client saw. Tests that are about something else send the
 * case's current version, read here as a client reads it from the case view; a payload that
 * names a version (a stale one, say) is left as it is, and messages carry none.
 */
export async function withCaseVersion(t: TestApp, url: string, payload: object): Promise<object> {
  const m = CASE_ACTION_URL.exec(url);
  if (!m || m[2] === 'messages' || 'version' in payload) return payload;
  const rows: { version: number }[] = await t.app.get(DataSource).query('SELECT version FROM cases WHERE id = $1', [m[1]]);
  return { ...payload, version: rows[0]?.version ?? 1 };
}
