import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { Role } from '../../auth/auth.decorators';
import type { RuleRow } from '../../routing/routing.repository';
import type { RoutingDecision } from '../../routing/routing.service';
import { expectValidHtml } from '../../../test/web/page-checks';
import type { StaffView } from '../../staff/staff-principal';
import type { ConsoleCtx } from '../shell/console-context';
import { CalendarPage, ExceptionRemovePage } from './calendar-pages';
import { ChannelConfirmPage, ChannelCredentialsPage, ChannelNewPage, ChannelsPage } from './channels-pages';
import { DeadlinesPage, PolicyNewPage, PolicyRow, policyValues } from './deadlines-pages';
import { AdminIndexPage } from './index-page';
import { policyInput, vietnamMoment } from './policy-input';
import { ExplainPage, RuleClosePage, RuleNewPage, RulesListPage } from './routing-pages';
import { StaffAccountPage, StaffCodePage, StaffConfirmPage, StaffListPage, StaffNewPage } from './staff-pages';
import { CoverageClosePage, UnitChangePage, UnitNewPage, UnitPage, UnitPageData, UnitsListPage } from './units-pages';

const ctxOf = (role: Role, lang: 'vi' | 'en' = 'vi'): ConsoleCtx => ({
  lang,
  user: { id: '00000000-0000-4000-8000-00000000000a', username: 'me', role, unitId: 'u1', sessionId: 's' },
  csrf: 'CSRF-TOKEN-1',
  path: '/console/admin',
});
const html = (page: VNode) => `<!DOCTYPE html>${render(page)}`;
/** The page's own content (the header has the sign-out form on every page). */
const mainOf = (page: VNode) => {
  const h = html(page);
  return h.slice(h.indexOf('<main'), h.indexOf('</main>'));
};

const account = (over: Partial<StaffView> = {}): StaffView => ({
  id: '00000000-0000-4000-8000-000000000001',
  username: 'an.nguyen',
  displayName: 'Nguyễn Văn An',
  role: 'officer',
  unitId: 'u2',
  unitCode: 'PC04-24',
  active: true,
  mustChangePassword: false,
  totpEnrolled: true,
  createdAt: '2026-12-01T03:00:00.000Z',
  ...over,
});

const unitData: UnitPageData = {
  unit: { id: 'u9', code: 'CA-24-07210', name: 'Công an phường Bắc Giang', kind: 'commune_police', parentId: 'u8', validFrom: '2025-07-01', validTo: null },
  parentCode: 'CAT-24',
  coverage: [{ id: '00000000-0000-4000-8000-0000000000d1', unitId: 'u9', localityCode: '07210', validFrom: '2025-07-01', validTo: null }],
  localityNames: new Map([['07210@2025-07-01', 'Phường Bắc Giang, Tỉnh Bắc Ninh']]),
  coverageMore: false,
};

const rule: RuleRow = {
  id: '00000000-0000-4000-8000-0000000000e1',
  category: 'dealing_point',
  scopeLevel: 'national' as const,
  scopeCode: null,
  target: { type: 'unit' as const, unitId: 'u7' },
  notify: [{ type: 'covering' as const, kind: 'commune_police' }],
  priority: 'high' as const,
  validFrom: '2025-07-01',
  validTo: null,
  description: 'test <rule>',
  replacesId: null,
};

const decision: RoutingDecision = {
  unit: { id: 'u9', code: 'TTR-24', name: 'Thanh tra tỉnh', kind: 'provincial_inspection' },
  notify: [],
  priority: 'high',
  ruleId: 'r1',
  resolvedLocalityCode: '07210',
  reason: {
    policy: 'tipline.routing/v1',
    snapshotVersion: '12',
    date: '2026-01-05',
    category: 'official_misconduct',
    localPoliceInvolved: false,
    place: { requested: '07210', status: 'in_force', version: { code: '07210', level: 'commune', fullName: 'Phường Bắc Giang', validFrom: '2025-07-01', validTo: null }, successors: [], chain: [] },
    rule: { id: 'r1', category: 'official_misconduct', scope: 'national', validFrom: '2025-07-01', description: null },
    target: { type: 'unit' },
    conflictOfInterest: { applies: true, because: ['official_misconduct'], excluded: ['CA-24-07210'] },
    skipped: [{ ruleId: 'r0', scope: 'commune:07210', why: 'conflict_of_interest' }],
    notifySkipped: [],
  },
};

const policy: PolicyRow = {
  id: 'p1',
  kind: 'acknowledge',
  legal: false,
  category: null,
  priority: 'urgent',
  unitKinds: null,
  durationValue: 2,
  durationUnit: 'hours',
  metBy: ['acknowledged', 'closed'],
  pausable: true,
  maxExtensions: 0,
  maxExtensionDays: null,
  legalReference: null,
  validFrom: new Date('2025-01-01T00:00:00Z'),
  validTo: null,
};

describe('admin index', () => {
  it('lists only the pages the role may open', () => {
    const admin = html(<AdminIndexPage ctx={ctxOf('admin')} />);
    expect(admin).toContain('/console/admin/staff');
    expect(admin).toContain('/console/admin/channels');
    const auditor = html(<AdminIndexPage ctx={ctxOf('auditor', 'en')} />);
    expect(auditor).toContain('/console/admin/units');
    expect(auditor).toContain('/console/admin/routing/explain');
    expect(auditor).not.toContain('/console/admin/staff');
    expect(auditor).not.toContain('/console/admin/channels');
    const supervisor = html(<AdminIndexPage ctx={ctxOf('supervisor')} />);
    expect(supervisor).toContain('/console/admin/deadlines');
    expect(supervisor).not.toContain('/console/admin/units');
  });
});

describe('staff pages', () => {
  it('escapes what accounts contain', () => {
    const page = html(<StaffListPage ctx={ctxOf('admin')} data={{ accounts: [account({ displayName: '<script>alert(1)</script>' })], pending: [] }} />);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('offers approve/refuse with the CSRF token, except to the admin who asked or the account concerned', () => {
    const other = account({ id: '00000000-0000-4000-8000-000000000002', username: 'requester' });
    const pending = (requestedBy: string, staffId = account().id) => ({
      id: '00000000-0000-4000-8000-0000000000c1',
      staffId,
      kind: 'create' as const,
      role: 'admin',
      unitId: 'u2',
      requestedBy,
      requestedAt: '2026-12-01T03:00:00.000Z',
      status: 'pending' as const,
      decidedBy: null,
      decidedAt: null,
    });
    const decidable = html(<StaffListPage ctx={ctxOf('admin')} data={{ accounts: [account(), other], pending: [pending(other.id)] }} />);
    expect(decidable).toContain('action="/console/admin/staff-changes/00000000-0000-4000-8000-0000000000c1/approve"');
    expect(decidable).toContain('CSRF-TOKEN-1');
    expect(decidable).toContain('requester');
    const mine = html(<StaffListPage ctx={ctxOf('admin')} data={{ accounts: [account()], pending: [pending(ctxOf('admin').user.id)] }} />);
    expect(mine).not.toContain('/approve');
  });

  it('shows a validation problem on the invitation form and keeps what was typed', () => {
    const page = html(
      <StaffNewPage ctx={ctxOf('admin', 'en')} values={{ username: 'Bad Name', role: 'auditor', unitCode: 'PC04-24' }} problems={[{ field: 'username', message: 'The username must be 3 to 64 of a-z.' }]} />,
    );
    expect(page).toContain('The username must be 3 to 64 of a-z.');
    expect(page).toContain('value="Bad Name"');
    expect(page).not.toContain('name="password"');
  });

  it('never offers an admin to disable or reset their own account', () => {
    const self = html(<StaffAccountPage ctx={ctxOf('admin')} account={account({ id: ctxOf('admin').user.id })} />);
    expect(self).not.toContain('/disable');
    expect(self).not.toContain('/totp-reset');
    const other = html(<StaffAccountPage ctx={ctxOf('admin')} account={account()} done="disabled" />);
    expect(other).toContain(`/console/admin/staff/${account().id}/disable`);
    expect(other).toContain('Đã vô hiệu hóa tài khoản.');
    expect(html(<StaffAccountPage ctx={ctxOf('admin')} account={account()} done="<b>x</b>" />)).not.toContain('x</b>');
  });

  it('shows the one-time code on the invitation result, with the second-admin note when pending', () => {
    const page = html(
      <StaffCodePage ctx={ctxOf('admin', 'en')} account={account()} invitation={{ code: 'one-time-code-123', expiresAt: '2026-12-04T03:00:00.000Z' }} kind="invite" pendingApproval />,
    );
    expect(page).toContain('one-time-code-123');
    expect(page).toContain('2026-12-04 10:00');
    expect(page).toContain('second administrator');
  });
});

describe('units and routing pages', () => {

  it('gives admins the coverage and change forms, auditors only the reading', () => {
    const admin = html(<UnitPage ctx={ctxOf('admin')} data={unitData} />);
    expect(admin).toContain('Phường Bắc Giang, Tỉnh Bắc Ninh');
    expect(admin).toContain('action="/console/admin/units/CA-24-07210/coverage"');
    expect(admin).toContain('href="/console/admin/units/CA-24-07210/change"');
    expect(admin).toContain('/console/admin/units/CA-24-07210/coverage/00000000-0000-4000-8000-0000000000d1/close');
    const auditor = mainOf(<UnitPage ctx={ctxOf('auditor')} data={unitData} />);
    expect(auditor).toContain('Phường Bắc Giang');
    expect(auditor).not.toContain('<form');
    expect(auditor).not.toContain('/close');
  });

  it('puts a coverage problem on the coverage form only', () => {
    const page = html(<UnitPage ctx={ctxOf('admin', 'en')} data={{ ...unitData, values: { localityCode: '99999' }, problems: [{ field: 'localityCode', message: 'Locality 99999 does not exist.' }] }} />);
    expect(page).toContain('value="99999"');
    expect(page.match(/Locality 99999 does not exist\./g)!.length).toBeGreaterThanOrEqual(1);
  });

  it('lists rules with their targets by unit code, and forms only for admins', () => {
    const data = { items: [rule], nextCursor: 'next-id', first: true, unitCodes: new Map([['u7', 'PC04-24']]) };
    const admin = html(<RulesListPage ctx={ctxOf('admin', 'en')} data={data} />);
    expect(admin).toContain('PC04-24');
    expect(admin).toContain('covering unit of kind Commune police');
    expect(admin).toContain('test &lt;rule>');
    expect(admin).toContain('/console/admin/routing/rules/00000000-0000-4000-8000-0000000000e1/close');
    expect(admin).toContain('cursor=next-id');
    expect(html(<RulesListPage ctx={ctxOf('auditor')} data={data} />)).not.toContain('/close');
  });

  it('keeps the rule form on a problem with the target', () => {
    const page = html(<RuleNewPage ctx={ctxOf('admin', 'en')} values={{ targetUnitCode: 'NOPE' }} problems={[{ field: 'targetUnitCode', message: 'Unit NOPE does not exist.' }]} />);
    expect(page).toContain('Unit NOPE does not exist.');
    expect(page).toContain('value="NOPE"');
  });

  it('explains a decision: unit, rule, place and conflict of interest', () => {
    const page = html(<ExplainPage ctx={ctxOf('auditor', 'en')} values={{ category: 'official_misconduct', locality: '07210' }} decision={decision} />);
    expect(page).toContain('TTR-24');
    expect(page).toContain('Phường Bắc Giang');
    expect(page).toContain('CA-24-07210');
    expect(page).toContain('conflict_of_interest');
    expect(page).toContain('method="get"');
  });
});

describe('deadline, calendar and channel pages', () => {

  it('shows each version with its state, and the new-version link to admins only', () => {
    const now = new Date('2026-12-02T00:00:00Z');
    const ended = { ...policy, id: 'p0', validTo: new Date('2025-01-01T00:00:00Z'), validFrom: new Date('2024-01-01T00:00:00Z') };
    const page = html(<DeadlinesPage ctx={ctxOf('admin', 'en')} policies={[ended, policy]} now={now} />);
    expect(page).toContain('In force');
    expect(page).toContain('Ended');
    expect(page).toContain('/console/admin/deadlines/new?from=p1');
    expect(html(<DeadlinesPage ctx={ctxOf('supervisor')} policies={[policy]} now={now} />)).not.toContain('/new');
  });

  it('turns the policy form into the API body, and a policy back into the form', () => {
    const body = policyInput({ ...policyValues(policy), durationValue: '3', validFrom: '2026-12-03T08:30', legal: 'true' });
    expect(body).toMatchObject({ kind: 'acknowledge', legal: true, category: null, priority: 'urgent', durationValue: 3, metBy: ['acknowledged', 'closed'], pausable: true, maxExtensionDays: null });
    expect(new Date(body.validFrom!).toISOString()).toBe('2026-12-03T01:30:00.000Z');
    expect(policyInput({ durationValue: 'two' }).durationValue).toBe('two');
    expect(vietnamMoment('2026-12-03')).toBe('2026-12-03T00:00:00+07:00');
    const form = html(<PolicyNewPage ctx={ctxOf('admin')} values={policyValues(policy)} problems={[{ field: 'durationValue', message: 'Hãy nhập một số nguyên.' }]} />);
    expect(form).toContain('Hãy nhập một số nguyên.');
    expect(form).toContain('value="acknowledged, closed"');
  });

  it('lists calendar exceptions with a remove link and confirms removal with a form', () => {
    const e = { date: '2026-01-02', kind: 'day_off' as const, note: 'Nghỉ bù <Tết>' };
    const page = html(<CalendarPage ctx={ctxOf('admin')} exceptions={[e]} problems={[{ field: 'note', message: 'Giá trị quá ngắn.' }]} />);
    expect(page).toContain('Nghỉ bù &lt;Tết>');
    expect(page).toContain('/console/admin/calendar/2026-01-02/remove');
    expect(page).toContain('Giá trị quá ngắn.');
    expect(html(<ExceptionRemovePage ctx={ctxOf('admin')} exception={e} />)).toContain('action="/console/admin/calendar/2026-01-02/remove"');
  });

  it('never lists a key or secret, shows credentials only on the result page, and never refills the secret', () => {
    const client = { id: 'c1', kind: 'hotline' as const, name: 'call-centre', status: 'active' as const, keyId: 'tlk_pub', publicUrl: null, createdAt: '2026-12-01T00:00:00Z', rotatedAt: null, disabledAt: null };
    const list = html(<ChannelsPage ctx={ctxOf('admin')} clients={[client]} />);
    expect(list).toContain('tlk_pub');
    expect(list).toContain('/console/admin/channels/call-centre/rotate');
    const result = html(<ChannelCredentialsPage ctx={ctxOf('admin')} credentials={{ id: 'c1', kind: 'hotline', name: 'call-centre', apiKey: 'tlk_pub.SECRET', signingSecret: 'tls_SECRET2', publicUrl: null }} kind="created" />);
    expect(result).toContain('tlk_pub.SECRET');
    expect(result).toContain('tls_SECRET2');
    const again = html(<ChannelNewPage ctx={ctxOf('admin')} values={{ name: 'x', kind: 'sms' }} problems={[{ field: 'url', message: 'needs url' }]} />);
    expect(again).toContain('needs url');
    expect(again).not.toMatch(/name="signingSecret"[^>]*value="[^"]+"/);
  });
});

describe('every admin page', () => {
  const admin = ctxOf('admin');
  const client = { id: 'c1', kind: 'sms' as const, name: 'gw', status: 'disabled' as const, keyId: 'tlk_x', publicUrl: 'https://x.example/in', createdAt: '2026-12-01T00:00:00Z', rotatedAt: null, disabledAt: '2026-12-01T01:00:00Z' };
  const problems = [{ field: 'name', message: 'bad' }, { field: '', message: 'general' }];
  const pages: [string, VNode][] = [
    ['index', <AdminIndexPage ctx={admin} />],
    ['staff list', <StaffListPage ctx={admin} data={{ accounts: [account()], pending: [], unit: 'PC04-24', problems: [{ field: 'unit', message: 'unknown' }] }} />],
    ['staff new', <StaffNewPage ctx={admin} problems={[{ field: 'username', message: 'bad' }]} />],
    ['staff account', <StaffAccountPage ctx={admin} account={account()} done="disabled" />],
    ['staff account, longest username', <StaffAccountPage ctx={admin} account={account({ username: 'a'.repeat(64) })} />],
    ['staff confirm', <StaffConfirmPage ctx={admin} account={account()} action="totp-reset" />],
    ['staff code', <StaffCodePage ctx={admin} account={account()} invitation={{ code: 'c', expiresAt: '2026-12-04T03:00:00.000Z' }} kind="totp_reset" />],
    ['units list', <UnitsListPage ctx={admin} data={{ items: [unitData.unit], nextCursor: 'n', first: false, codes: new Map() }} />],
    ['unit new', <UnitNewPage ctx={admin} problems={[{ field: 'code', message: 'bad' }]} />],
    ['unit', <UnitPage ctx={admin} data={{ ...unitData, problems: [{ field: 'validTo', message: 'bad' }] }} />],
    ['unit change', <UnitChangePage ctx={admin} unit={unitData.unit} parentCode="CAT-24" problems={[{ field: 'parentCode', message: 'cycle' }]} />],
    ['coverage close', <CoverageClosePage ctx={admin} unit={unitData.unit} coverage={unitData.coverage[0]} problems={[{ field: 'validTo', message: 'bad' }]} />],
    ['rules', <RulesListPage ctx={admin} data={{ items: [rule], nextCursor: null, first: true, unitCodes: new Map() }} />],
    ['rule new', <RuleNewPage ctx={admin} problems={[{ field: 'targetUnitCode', message: 'bad' }]} />],
    ['rule close', <RuleClosePage ctx={admin} rule={rule} unitCodes={new Map()} />],
    ['explain', <ExplainPage ctx={admin} values={{ category: 'official_misconduct', localPoliceInvolved: 'true' }} decision={decision} />],
    ['explain problem', <ExplainPage ctx={admin} values={{ category: 'other', at: '1800-01-01' }} problems={[{ field: 'at', message: 'no configuration' }]} />],
    ['deadlines', <DeadlinesPage ctx={admin} policies={[policy]} now={new Date()} done="policy_created" />],
    ['policy new', <PolicyNewPage ctx={admin} values={policyValues(policy)} problems={[{ field: 'metBy', message: 'bad' }]} />],
    ['calendar', <CalendarPage ctx={admin} exceptions={[{ date: '2026-01-02', kind: 'working_day', note: 'n' }]} problems={[{ field: 'date', message: 'bad' }]} />],
    ['exception remove', <ExceptionRemovePage ctx={admin} exception={{ date: '2026-01-02', kind: 'day_off', note: 'n' }} />],
    ['channels', <ChannelsPage ctx={admin} clients={[client]} done="channel_disabled" />],
    ['channel new', <ChannelNewPage ctx={admin} problems={problems} />],
    ['channel confirm', <ChannelConfirmPage ctx={admin} client={client} action="rotate" />],
    ['channel credentials', <ChannelCredentialsPage ctx={admin} credentials={{ id: 'c1', kind: 'sms', name: 'gw', apiKey: 'k', signingSecret: 's', publicUrl: 'https://x.example/in' }} kind="rotated" />],
  ];

  it.each(pages)('%s is valid HTML (html-validate, recommended rules)', async (_, page) => {
    await expectValidHtml(html(page));
  });
});
