import { HtmlValidate } from 'html-validate';
import { render } from 'preact-render-to-string';
import type { Role } from '../../auth/auth.decorators';
import type { ConsoleCtx } from '../shell/console-context';
import { formToActionInput } from './action-form';
import { CasePage, CasePageData, CaseView } from './case.page';
import { formatInstant } from './display';
import { HotspotListPage, HotspotPage } from './hotspots.page';
import { apiQueryOf, filtersOf } from './queue-filters';
import { NO_FILTERS, QueuePage, QueuePageData, queueQuery } from './queue.page';

// The console's own html-validate settings (test/web/page-checks.ts).
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off', 'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }] },
});
async function htmlErrors(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
}
const page = (vnode: preact.VNode) => `<!DOCTYPE html>${render(vnode)}`;

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CASE_ID = '33333333-3333-4333-8333-333333333333';
const UNIT = '44444444-4444-4444-8444-444444444444';
const CLOCK = '55555555-5555-4555-8555-555555555555';
const HOTSPOT = '66666666-6666-4666-8666-666666666666';

const ctxOf = (role: Role, lang: 'vi' | 'en' = 'vi'): ConsoleCtx => ({ lang, user: { id: ME, username: 'an', role, unitId: UNIT, sessionId: 's' }, csrf: 'CSRF-TOKEN', path: `/console/cases/${CASE_ID}` });

function queueData(over: Partial<QueuePageData> = {}): QueuePageData {
  return {
    filters: NO_FILTERS,
    items: [
      { id: CASE_ID, reference: 'TL-AAAA-BBBB', status: 'new', category: 'dealing_point', localityCode: '00004', place: 'Phường Ba Đình', priority: 'high', createdAt: '2026-12-01T02:00:00.000Z', nextDeadlineAt: '2026-12-01T10:00:00.000Z', deadlineState: 'breached', assignee: null, claimedBy: OTHER, possiblyRelated: true, replyWaiting: true },
      { id: OTHER, reference: 'TL-CCCC-DDDD', status: 'acknowledged', category: 'use_hotspot', localityCode: null, place: null, priority: 'normal', createdAt: '2026-12-01T03:00:00.000Z', nextDeadlineAt: null, deadlineState: 'on_time', assignee: { id: ME, name: 'Nguyễn Văn An' }, claimedBy: null, possiblyRelated: false, replyWaiting: false },
    ],
    nextCursor: 'NEXT',
    prevCursor: 'PREV',
    paged: true,
    atRisk: [{ clockId: CLOCK, caseId: CASE_ID, reference: 'TL-AAAA-BBBB', kind: 'acknowledge', legal: false, dueAt: '2026-12-01T10:00:00.000Z', state: 'at_risk' }],
    ...over,
  };
}

function caseView(over: Partial<CaseView> = {}): CaseView {
  return {
    id: CASE_ID, reference: 'TL-AAAA-BBBB', unitId: UNIT, status: 'verifying', outcome: null, actionTaken: null, priority: 'high', category: 'dealing_point', localityCode: '00004',
    possiblyRelated: false, replyWaiting: true, hotspotId: HOTSPOT, duplicateOf: null, nextDeadlineAt: '2026-12-02T02:00:00.000Z', deadlineState: 'at_risk', version: 7,
    claimedBy: { id: ME, name: 'Nguyễn Văn An', until: '2026-12-01T03:15:00.000Z' }, assignee: null,
    routing: { ruleId: null, reason: { rule: null, place: { requested: '00004', status: 'current', chain: ['00004@2025-07-01'] }, conflictOfInterest: { applies: false, because: [] }, skipped: [] } },
    observedAt: '2026-11-30T20:00:00.000Z', channel: 'web', timestamps: { createdAt: '2026-12-01T02:00:00.000Z' }, content: { destroyed: false, note: null },
    clocks: [
      { id: CLOCK, kind: 'legal_verify', legal: true, status: 'running', state: 'on_time', dueAt: '2026-12-21T02:00:00.000Z', extensions: 0, legalReference: 'BLTTHS 2015, Điều 147' },
      { id: OTHER, kind: 'acknowledge', legal: false, status: 'paused', state: 'paused', dueAt: null, extensions: 0, legalReference: null },
    ],
    tips: [{ id: OTHER, channel: 'web', category: 'dealing_point', localityCode: '00004', observedAt: '2026-11-30T20:00:00.000Z', narrative: '<script>alert(1)</script> bán sau chợ', details: { people: 2 }, placeDescription: 'gầm cầu', coordinates: null, localPoliceInvolved: false, createdAt: '2026-12-01T02:00:00.000Z', photos: [{ id: CLOCK, mime: 'image/jpeg', width: 64, height: 48, bytes: 1000 }] }],
    timeline: [{ id: OTHER, type: 'verification_started', at: '2026-12-01T02:30:00.000Z', actor: { type: 'staff', id: ME }, metadata: { from: 'acknowledged', to: 'verifying' }, reason: null }],
    messages: [{ id: OTHER, at: '2026-12-01T02:40:00.000Z', author: 'tipster', authorStaff: null, visibility: 'tipster', body: 'Họ đi xe máy đỏ.', destroyed: false }],
    ...over,
  };
}

function caseData(over: Partial<CasePageData> = {}, view: Partial<CaseView> = {}): CasePageData {
  return {
    view: caseView(view),
    names: { [ME]: 'Nguyễn Văn An' },
    units: [{ id: OTHER, code: 'CA-X', name: 'Công an xã X' }],
    unitQuery: '',
    officers: [{ id: ME, name: 'Nguyễn Văn An' }],
    hotspots: [{ id: HOTSPOT, description: 'Bãi đất sau chợ', status: 'verified' }],
    ...over,
  };
}

/** The action paths of every form on the page. */
const formActions = (html: string) => [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1].replace(`/console/cases/${CASE_ID}/`, ''));

describe('queue page', () => {
  it('is valid HTML and shows each clock state by colour class AND words, in both languages', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const html = page(<QueuePage ctx={ctxOf('officer', lang)} data={queueData()} />);
      expect(await htmlErrors(html)).toEqual([]);
      expect(html).toContain('class="state state-breached"');
      expect(html).toContain(lang === 'vi' ? 'Quá hạn' : 'Breached');
      expect(html).toContain(lang === 'vi' ? 'Đúng hạn' : 'On time');
      expect(html).toContain(lang === 'vi' ? 'Sắp quá hạn' : 'At risk');
    }
  });

  it('links the previous and next pages with the filters kept, and every case', () => {
    const f = { ...NO_FILTERS, status: ['new'], priority: ['high', 'urgent'], sort: 'priority' };
    const html = page(<QueuePage ctx={ctxOf('officer')} data={queueData({ filters: f })} />);
    expect(html).toContain('href="/console/queue?status=new&amp;priority=high&amp;priority=urgent&amp;sort=priority&amp;cursor=NEXT" rel="next"');
    expect(html).toContain('href="/console/queue?status=new&amp;priority=high&amp;priority=urgent&amp;sort=priority&amp;before=PREV" rel="prev"');
    expect(html).toContain(`href="/console/cases/${CASE_ID}"`);
    expect(html).toMatch(/<script src="\/console\/assets\/cases-queue\.js\?v=[0-9a-f]{12}" defer><\/script>/);
  });

  it('has no paging links on a lone first page, and says when nothing matches', async () => {
    const html = page(<QueuePage ctx={ctxOf('officer', 'en')} data={queueData({ items: [], nextCursor: null, prevCursor: null, paged: false, atRisk: [] })} />);
    expect(html).not.toContain('rel="next"');
    expect(html).not.toContain('rel="prev"');
    expect(html).toContain('No case matches the filters.');
    expect(await htmlErrors(html)).toEqual([]);
  });

  it('shows a filter problem next to its field', async () => {
    const html = page(<QueuePage ctx={ctxOf('officer', 'en')} data={queueData({ items: [], filters: { ...NO_FILTERS, locality: 'x' }, problems: [{ field: 'locality', message: 'locality must be a locality code' }] })} />);
    expect(html).toContain('id="q-locality-error"');
    expect(await htmlErrors(html)).toEqual([]);
  });
});

describe('queue filters', () => {
  it('reads checkboxes, comma lists and radios into the API query of GET /api/v1/cases', () => {
    const f = filtersOf({ status: ['new', 'acknowledged'], category: 'dealing_point,use_hotspot', assignment: 'me', possiblyRelated: 'true', deadlineBefore: '2026-12-05', locality: ' 00004 ', lang: 'en' });
    expect(apiQueryOf(f, { cursor: 'C' })).toEqual({
      status: ['new', 'acknowledged'], category: ['dealing_point', 'use_hotspot'], locality: '00004', deadlineBefore: '2026-12-05T00:00:00+07:00',
      assignedToMe: 'true', possiblyRelated: 'true', sort: 'deadline', cursor: 'C',
    });
    expect(queueQuery(f)).toBe('?status=new&status=acknowledged&category=dealing_point&category=use_hotspot&locality=00004&deadlineBefore=2026-12-05&assignment=me&possiblyRelated=true');
  });

  it('refuses a date that is not a day', () => {
    expect(() => apiQueryOf({ ...NO_FILTERS, deadlineBefore: 'tomorrow' }, {})).toThrow(expect.objectContaining({ code: 'validation_failed' }));
  });
});

describe('case page', () => {
  it('is valid HTML for every role and status, in both languages', async () => {
    for (const role of ['officer', 'unit_lead', 'supervisor'] as const) {
      for (const status of ['new', 'acknowledged', 'verifying', 'actioned', 'closed']) {
        for (const lang of ['vi', 'en'] as const) {
          const html = page(<CasePage ctx={ctxOf(role, lang)} data={caseData({}, { status })} />);
          expect({ role, status, lang, errors: await htmlErrors(html) }).toEqual({ role, status, lang, errors: [] });
        }
      }
    }
  });

  it('escapes tip content (no raw HTML from data)', () => {
    const html = page(<CasePage ctx={ctxOf('officer')} data={caseData()} />);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script>alert(1)&lt;/script> bán sau chợ');
  });

  it('gives every form the CSRF token and every versioned action the version seen', () => {
    const html = page(<CasePage ctx={ctxOf('unit_lead')} data={caseData()} />);
    const forms = [...html.matchAll(/<form method="post" action="\/console\/cases[\s\S]*?<\/form>/g)].map((m) => m[0]);
    expect(forms.length).toBeGreaterThan(5);
    for (const f of forms) {
      expect(f).toContain('name="_csrf" value="CSRF-TOKEN"');
      if (!f.includes('/messages"')) expect(f).toContain('name="version" value="7"');
    }
  });

  it('offers the actions the role and the status allow, as forms', () => {
    // an officer holding a verifying case: release, action, close, message, note, link (no lead or clock forms)
    const officer = formActions(page(<CasePage ctx={ctxOf('officer')} data={caseData()} />)).filter((a) => !a.startsWith('/'));
    expect(officer).toEqual(['release', 'action', 'close', 'messages', 'messages', 'link']);
    // a unit lead, someone else holding it: claim, break the lock, assign, transfer, extend, suspend, resume
    const lead = formActions(page(<CasePage ctx={ctxOf('unit_lead')} data={caseData({}, { claimedBy: { id: OTHER, name: 'B', until: '2026-12-01T03:15:00.000Z' } })} />));
    expect(lead).not.toContain('claim');
    expect(formActions(page(<CasePage ctx={ctxOf('unit_lead')} data={caseData({}, { claimedBy: null })} />))).toContain('claim');
    expect(lead).toEqual(expect.arrayContaining(['break-lock', 'assign', 'transfer', 'action', 'close', 'extend', 'suspend', 'resume', 'link', 'messages']));
    expect(lead).not.toContain('release');
    // a supervisor reads and works the clocks only
    const sup = formActions(page(<CasePage ctx={ctxOf('supervisor')} data={caseData()} />));
    expect(sup.filter((a) => !a.startsWith('/'))).toEqual(['extend', 'suspend', 'resume']);
    // a new case is acknowledged; a closed one only reopened (no claim, no clock forms)
    expect(formActions(page(<CasePage ctx={ctxOf('officer')} data={caseData({}, { status: 'new' })} />))).toContain('acknowledge');
    const closed = formActions(page(<CasePage ctx={ctxOf('unit_lead')} data={caseData({}, { status: 'closed', claimedBy: null })} />));
    expect(closed).toContain('reopen');
    expect(closed).not.toContain('claim');
    expect(closed).not.toContain('close');
    expect(closed).not.toContain('extend');
  });

  it('offers "substantiated" only once the case was actioned', () => {
    expect(page(<CasePage ctx={ctxOf('officer')} data={caseData()} />)).not.toContain('value="substantiated"');
    expect(page(<CasePage ctx={ctxOf('officer')} data={caseData({}, { status: 'actioned' })} />)).toContain('value="substantiated"');
  });

  it('shows a form problem next to its field and keeps what was typed', async () => {
    const data = caseData({ form: { action: 'transfer', problems: [{ field: 'reason', message: 'Trường này là bắt buộc.' }], values: { reason: '  ', unitId: OTHER } } });
    const html = page(<CasePage ctx={ctxOf('unit_lead')} data={data} />);
    expect(html).toContain('class="error-summary"');
    expect(html).toContain('Trường này là bắt buộc.');
    expect(html).toMatch(new RegExp(`<option value="${OTHER}" selected`));
    expect(await htmlErrors(html)).toEqual([]);
  });

  it('shows photos through the console photo route with their size and a text alternative', () => {
    const html = page(<CasePage ctx={ctxOf('officer', 'en')} data={caseData()} />);
    expect(html).toContain(`<img src="/console/cases/${CASE_ID}/photos/${CLOCK}" width="64" height="48" loading="lazy" alt="Photo sent with the tip 1"`);
  });
});

describe('hotspot pages', () => {
  it('list and page are valid HTML with the history and the linked cases', async () => {
    const ctx = ctxOf('officer', 'en');
    const list = page(<HotspotListPage ctx={ctx} data={{ items: [{ id: HOTSPOT, localityCode: '00004', description: 'Behind the market', status: 'verified', createdAt: '2026-11-01T00:00:00Z', statusChangedAt: '2026-11-02T00:00:00Z' }], nextCursor: 'N', paged: false, status: '', locality: '' }} />);
    expect(await htmlErrors(list)).toEqual([]);
    expect(list).toContain(`href="/console/hotspots/${HOTSPOT}"`);
    expect(list).toContain('href="/console/hotspots?cursor=N"');
    const one = page(
      <HotspotPage
        ctx={ctx}
        data={{
          hotspot: { id: HOTSPOT, localityCode: '00004', description: 'Behind the market', status: 'dismantled', createdAt: '2026-11-01T00:00:00Z', statusChangedAt: '2026-11-02T00:00:00Z', verifiedAt: null, dismantledAt: '2026-11-02T00:00:00Z', reEmergedAt: null },
          history: [{ from: null, to: 'suspected', at: '2026-11-01T00:00:00Z', actorId: ME, caseId: null }, { from: 'suspected', to: 'dismantled', at: '2026-11-02T00:00:00Z', actorId: ME, caseId: CASE_ID }],
          names: { [ME]: 'An' },
          cases: queueData().items,
          moreCases: false,
        }}
      />,
    );
    expect(await htmlErrors(one)).toEqual([]);
    expect(one).toContain('Dismantled');
    expect(one).toContain(`href="/console/cases/${CASE_ID}"`);
  });
});

describe('form bodies for the actions', () => {
  it('turns form strings into the API DTOs’ values', () => {
    expect(formToActionInput({ _csrf: 'x', version: '7', outcome: 'spam' })).toEqual({ version: 7, outcome: 'spam' });
    expect(formToActionInput({ version: '7', assigneeId: '' })).toEqual({ version: 7, assigneeId: null });
    expect(formToActionInput({ version: '3', hotspotId: '', duplicateOf: `http://x/console/cases/${CASE_ID.toUpperCase()}` })).toEqual({ version: 3, duplicateOf: CASE_ID });
    expect(formToActionInput({ version: '3', hotspotId: '-', duplicateOf: '' })).toEqual({ version: 3, hotspotId: null });
    expect(formToActionInput({ version: 'abc', value: '2', reason: '', legalReference: 'Điều 147', unitq: 'CA' })).toEqual({ version: 'abc', value: 2, reason: '', legalReference: 'Điều 147' });
  });
});

describe('times', () => {
  it('are Viet Nam times, dd/mm/yyyy hh:mm', () => {
    expect(formatInstant('2026-12-01T20:05:00Z', 'vi')).toBe('02/12/2026 03:05');
    expect(formatInstant('2026-12-01T20:05:00Z', 'en')).toBe('02/12/2026 03:05');
  });
});
