/**
 * The cases area's pages for `npm run screenshots` (scripts/screenshots.ts): the queue and a case
 * page of an officer of DEMO-A, with demo cases whose deadlines are on time, at risk and breached,
 * and one case with a real (encrypted) tip, messages both ways and a claim.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '../src/auth/auth.decorators';
import { PostMessageDto, messageAction } from '../src/cases/actions/message.action';
import { ClaimCaseDto, claimAction } from '../src/cases/actions/claim.action';
import { CaseActionExecutor } from '../src/cases/actions/case-action.executor';
import { CATEGORY_CODES } from '../src/categories/category-codes';
import { CryptoService } from '../src/crypto/crypto.service';
import { TipEntity } from '../src/tips/tip.entity';
import { tipAad, TipsRepository } from '../src/tips/tips.repository';
import { openTestCaseIn } from '../test/utils/cases';
import { clearClocks, insertClock } from '../test/utils/clocks';
import { ensureUnit } from '../test/utils/staff';
import type { ConsoleTestApp } from '../test/web/console-helpers';
import { makeStaff } from '../test/web/console-helpers';

const H = 3_600_000;
export const CASES_DEMO_UNIT = 'DEMO-A';

/** Demo cases of DEMO-A; returns the id of the case to photograph. */
export async function seedCases(t: ConsoleTestApp): Promise<string> {
  const ds = t.app.get(DataSource);
  await ensureUnit(t, 'DEMO-PROV', { kind: 'provincial_drug_police' });
  const unitId = await ensureUnit(t, CASES_DEMO_UNIT, { parentCode: 'DEMO-PROV' });
  const now = Date.now();
  const priorities = ['urgent', 'high', 'normal', 'low'] as const;
  for (let i = 0; i < 14; i++) {
    const opened = await ds.transaction((m) => openTestCaseIn(t, m, unitId, { category: CATEGORY_CODES[i % 6], priority: priorities[i % 4], localityCode: '00004' }));
    await clearClocks(ds, opened.caseId);
    const due = new Date(now + [-5, 3, 30, 60, 100, -1, 12][i % 7] * H);
    await insertClock(ds, opened.caseId, 'acknowledge', { status: due.getTime() < now ? 'breached' : 'running', startedAt: new Date(now - 20 * H), dueAt: due, breachedAt: due.getTime() < now ? due : null });
    await ds.query('UPDATE cases SET next_deadline_at = $2, created_at = $3 WHERE id = $1', [opened.caseId, due, new Date(now - (20 + i) * H)]);
  }
  // the case page's case: a real tip, a claim, a question and the tipster's answer
  const officer = await makeStaff(t, { role: 'officer' as Role, unitId, username: 'demo-officer-claim' });
  const crypto = t.app.get(CryptoService);
  const opened = await ds.transaction(async (m) => {
    const o = await openTestCaseIn(t, m, unitId, { category: 'use_hotspot', priority: 'high', localityCode: '00004' });
    const tip = Object.assign(new TipEntity(), {
      id: randomUUID(), caseId: o.caseId, channel: 'web', category: 'use_hotspot', localityCode: '00004', observedAt: new Date(now - 30 * H),
      details: null, coordinates: null, localPoliceInvolved: false, receiptHash: null, createdAt: new Date(now - 26 * H),
    });
    tip.narrative = await crypto.encrypt(m, o.dataKeyId, tipAad(tip.id, 'narrative'), 'Mỗi tối khoảng 5–6 người tụ tập dưới gầm cầu cạnh chợ để sử dụng ma túy, có người canh ở đầu ngõ.');
    tip.placeDescription = await crypto.encrypt(m, o.dataKeyId, tipAad(tip.id, 'place_description'), 'gầm cầu cạnh chợ');
    await t.app.get(TipsRepository).insertTip(o.scoped, m, tip);
    return o;
  });
  const principal = { id: officer.id, username: officer.username, role: 'officer' as const, unitId, sessionId: '' };
  const ctx = { requestId: 'screenshots', actor: { type: 'staff' as const, id: officer.id, unitId, role: 'officer' } };
  const exec = t.app.get(CaseActionExecutor);
  await exec.run(claimAction, principal, ctx, opened.caseId, Object.assign(new ClaimCaseDto(), { version: 1 }));
  await exec.run(messageAction, principal, ctx, opened.caseId, Object.assign(new PostMessageDto(), { body: 'Cảm ơn bạn. Bạn có nhớ họ thường đến vào mấy giờ không?', visibility: 'tipster' }));
  await exec.run(messageAction, principal, ctx, opened.caseId, Object.assign(new PostMessageDto(), { body: 'Đã cử tổ công tác xác minh vào tối thứ Sáu.', visibility: 'internal' }));
  return opened.caseId;
}

/** Entries for SHOTS in scripts/screenshots.ts. */
export const CASES_SHOTS = [
  { name: 'queue', role: 'officer' as Role, unitCode: CASES_DEMO_UNIT, path: '/console/queue', seed: async (t: ConsoleTestApp) => seedCases(t) },
  { name: 'case', role: 'officer' as Role, unitCode: CASES_DEMO_UNIT, path: (caseId: unknown) => `/console/cases/${String(caseId)}`, seed: async (t: ConsoleTestApp) => (await t.app.get(DataSource).query(`SELECT c.id FROM cases c JOIN units u ON u.id = c.unit_id WHERE u.code = $1 AND c.claimed_by IS NOT NULL LIMIT 1`, [CASES_DEMO_UNIT]))[0].id as string },
];
