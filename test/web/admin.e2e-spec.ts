import type { BrowserContext, Page, Response } from 'playwright-core';
import { DataSource } from 'typeorm';
import { CalendarService } from '../../src/calendar/calendar.service';
import { ChannelClientsService } from '../../src/channel-clients/channel-clients.service';
import { browserContext, closeConsoleBrowser, ConsoleStaff, ConsoleTestApp, makeStaff, signIn, startConsoleApp, submit } from './console-helpers';
import { expectNoSeriousAxe, expectValidHtml } from './page-checks';

/**
 * The console's admin pages in a headless Chromium, JavaScript off (and the same work once with it
 * on): an invitation (a validation problem shown at its field first), disabling an account, a
 * calendar exception, a channel client whose credentials are shown once, routing explain; the
 * role checks; every page through html-validate (as sent) and axe (as shown).
 */
describe('staff console: admin pages', () => {
  let t: ConsoleTestApp;
  let ds: DataSource;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startConsoleApp({ ROUTING_CACHE_CHECK_MS: '0' });
    ds = t.app.get(DataSource);
  }, 300_000); // the first run unpacks the bundled Chromium (test/utils/browser.ts)
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  async function signedIn(staff: ConsoleStaff, javaScript = false): Promise<Page> {
    const context = await browserContext({ javaScript });
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, t.baseUrl, staff);
    return page;
  }

  /** The page as sent (html-validate) and as shown (axe); returns the HTML. */
  async function checked(page: Page, response: Response | null): Promise<string> {
    expect(response).not.toBeNull();
    const html = await response!.text();
    await expectValidHtml(html);
    await expectNoSeriousAxe(page);
    return html;
  }

  const visit = async (page: Page, path: string) => checked(page, await page.goto(`${t.baseUrl}${path}`));

  const audited = async (action: string, targetId: string, actorId: string): Promise<number> =>
    (await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND target_id = $2 AND actor_type = 'staff' AND actor_id = $3`, [action, targetId, actorId]))[0].n;

  const mainText = (page: Page) => page.locator('main').innerText();
  const uniq = () => Math.random().toString(36).slice(2, 8);

  /** Checks the page as sent with html-validate and, unless `axe` is off, as shown with axe. */
  type Check = (page: Page, response: Response | null) => Promise<string>;
  const htmlOnly: Check = async (_page, response) => {
    expect(response).not.toBeNull();
    const html = await response!.text();
    await expectValidHtml(html);
    return html;
  };

  /** An invitation: a problem first, shown next to its field, then the one-time code, shown once. */
  async function invite(page: Page, admin: ConsoleStaff, check: Check): Promise<void> {
    const index = await check(page, await page.goto(`${t.baseUrl}/console/admin`));
    expect(index).toContain('href="/console/admin/staff"');
    await check(page, await page.goto(`${t.baseUrl}/console/admin/staff/new`));
    await page.fill('#f-username', 'Bad Name!');
    await page.selectOption('#f-role', 'officer');
    await page.fill('#f-unitCode', 'PC04-24');
    const refused = await submit(page, 'main form button[type=submit]');
    expect(refused!.status()).toBe(400);
    await check(page, refused);
    expect(await page.locator('#f-username-error').innerText()).toMatch(/a-z/);
    expect(await page.getAttribute('#f-username', 'aria-describedby')).toContain('f-username-error');
    expect(await page.inputValue('#f-unitCode')).toBe('PC04-24');

    const username = `new.officer-${uniq()}`;
    await page.fill('#f-username', username);
    const created = await submit(page, 'main form button[type=submit]');
    expect(created!.status()).toBe(200);
    const result = await check(page, created);
    const code = (await page.locator('#invitation-code').innerText()).trim();
    expect(code.length).toBeGreaterThan(20);
    const [account] = (await ds.query('SELECT id, active, totp_secret FROM staff_accounts WHERE username = $1', [username])) as { id: string; active: boolean; totp_secret: unknown }[];
    expect(account).toMatchObject({ active: true, totp_secret: null });
    expect(await audited('staff.invited', account.id, admin.id)).toBe(1);
    expect(result).not.toMatch(/password|mật khẩu:/i); // no password exists yet, none is shown
    // the code is real: the invited person can open the invitation with it
    const opened = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitation', payload: { code } });
    expect(opened.statusCode).toBe(200);
    // and shown only once: the account's page and the list never show it again
    expect(await check(page, await page.goto(`${t.baseUrl}/console/admin/staff/${account.id}`))).not.toContain(code);
    expect(await htmlOnly(page, await page.goto(`${t.baseUrl}/console/admin/staff`))).not.toContain(code);
  }

  /** Disabling an account, after a confirmation page; one's own account offers no such thing. */
  async function disable(page: Page, admin: ConsoleStaff, check: Check): Promise<void> {
    const officer = await makeStaff(t, { role: 'officer' });
    await check(page, await page.goto(`${t.baseUrl}/console/admin/staff/${officer.id}`));
    await check(page, await page.goto(`${t.baseUrl}/console/admin/staff/${officer.id}/disable`));
    const disabled = await submit(page, 'main form button[type=submit]');
    expect(new URL(page.url()).pathname).toBe(`/console/admin/staff/${officer.id}`);
    await check(page, disabled);
    expect(await page.locator('main [role=status]').innerText()).toContain('Đã vô hiệu hóa tài khoản');
    expect((await ds.query('SELECT active FROM staff_accounts WHERE id = $1', [officer.id]))[0].active).toBe(false);
    expect(await audited('staff.disabled', officer.id, admin.id)).toBe(1);
    expect(await htmlOnly(page, await page.goto(`${t.baseUrl}/console/admin/staff/${admin.id}`))).not.toContain('/disable');
  }

  /** A calendar exception: a too-short note first (at its field), then the day. */
  async function calendarException(page: Page, day: string, check: Check): Promise<void> {
    await check(page, await page.goto(`${t.baseUrl}/console/admin/calendar`));
    await page.fill('#f-date', day);
    await page.selectOption('#f-kind', 'working_day');
    await page.fill('#f-note', 'ab');
    const short = await submit(page, 'main form button[type=submit]');
    expect(short!.status()).toBe(400);
    await check(page, short);
    expect(await page.locator('#f-note-error').innerText()).toMatch(/ngắn/);
    await page.fill('#f-note', 'Quyết định làm bù (kiểm thử)');
    const set = await submit(page, 'main form button[type=submit]');
    expect(await check(page, set)).toContain(day);
    expect((await t.app.get(CalendarService).listExceptions()).items).toContainEqual({ date: day, kind: 'working_day', note: 'Quyết định làm bù (kiểm thử)' });
  }

  /** A channel client: an SMS client needs its URL (at its field); the credentials are shown once and work. */
  async function channelClient(page: Page, admin: ConsoleStaff, check: Check): Promise<void> {
    await check(page, await page.goto(`${t.baseUrl}/console/admin/channels/new`));
    const name = `call-centre-${uniq()}`;
    await page.selectOption('#f-kind', 'sms');
    await page.fill('#f-name', name);
    const noUrl = await submit(page, 'main form button[type=submit]');
    expect(noUrl!.status()).toBe(400);
    await check(page, noUrl);
    expect(await page.locator('#f-url-error').innerText()).toMatch(/URL|địa chỉ/);
    await page.selectOption('#f-kind', 'hotline');
    const made = await submit(page, 'main form button[type=submit]');
    expect(made!.status()).toBe(200);
    await check(page, made);
    const apiKey = (await page.locator('#channel-api-key').innerText()).trim();
    const secret = (await page.locator('#channel-signing-secret').innerText()).trim();
    const authenticated = await t.app.get(ChannelClientsService).authenticate(apiKey, 'hotline');
    expect(authenticated).toMatchObject({ client: { name }, secret });
    expect(await audited('channel_client.created', authenticated.client.id, admin.id)).toBe(1);
    const list = await check(page, await page.goto(`${t.baseUrl}/console/admin/channels`));
    expect(list).toContain(name);
    expect(list).not.toContain(apiKey);
    expect(list).not.toContain(secret);
  }

  /** Routing explain: a bad place at its field, then the decision and why. */
  async function explain(page: Page, check: Check): Promise<void> {
    await check(page, await page.goto(`${t.baseUrl}/console/admin/routing/explain`));
    await page.selectOption('#f-category', 'use_hotspot');
    await page.fill('#f-locality', 'abc');
    const badPlace = await submit(page, 'main form button[type=submit]');
    expect(badPlace!.status()).toBe(400);
    await check(page, badPlace);
    expect(await page.locator('#f-locality-error').innerText()).toContain('2–5');
    await page.fill('#f-locality', '07210');
    await page.fill('#f-at', '2025-08-01');
    await page.check('#f-localPoliceInvolved');
    const explained = await submit(page, 'main form button[type=submit]');
    expect(explained!.status()).toBe(200);
    await check(page, explained);
    expect(await page.locator('#explain-unit').innerText()).toContain('TRIAGE-24');
    expect(await mainText(page)).toContain('CA-24-07210'); // excluded: local police may be involved
  }

  describe('with JavaScript off', () => {
    it('an admin creates a staff invitation: a bad username is shown at its field, the code once', async () => {
      const admin = await makeStaff(t, { role: 'admin' });
      await invite(await signedIn(admin), admin, checked);
    }, 300_000);

    it('an admin disables an account after a confirmation', async () => {
      const admin = await makeStaff(t, { role: 'admin' });
      await disable(await signedIn(admin), admin, checked);
    }, 300_000);

    it('an admin adds a calendar exception', async () => {
      const admin = await makeStaff(t, { role: 'admin' });
      await calendarException(await signedIn(admin), '2031-01-03', checked);
    }, 300_000);

    it('an admin creates a channel client; its credentials are shown once', async () => {
      const admin = await makeStaff(t, { role: 'admin' });
      await channelClient(await signedIn(admin), admin, checked);
    }, 300_000);

    it('an admin runs routing explain', async () => {
      const admin = await makeStaff(t, { role: 'admin' });
      await explain(await signedIn(admin), checked);
    }, 300_000);
  });

  it('with JavaScript on: the same five jobs (the pages as sent checked with html-validate; axe ran on them above)', async () => {
    const admin = await makeStaff(t, { role: 'admin' });
    const page = await signedIn(admin, true);
    await invite(page, admin, htmlOnly);
    await disable(page, admin, htmlOnly);
    await calendarException(page, '2031-01-06', htmlOnly);
    await channelClient(page, admin, htmlOnly);
    await explain(page, htmlOnly);
  }, 300_000);

  it('units and coverage: the list, a unit, a new unit, coverage added and ended (a bad day at its field)', async () => {
    const admin = await makeStaff(t, { role: 'admin' });
    const page = await signedIn(admin);
    await visit(page, '/console/admin/units');
    const unit = await visit(page, '/console/admin/units/CA-24-07210');
    expect(unit).toContain('07210');
    await visit(page, '/console/admin/units/new');
    await visit(page, '/console/admin/units/CA-24-07210/change');

    // a new unit and its coverage, then the coverage ended
    const code = `CA-TEST-${uniq().toUpperCase()}`;
    await visit(page, '/console/admin/units/new');
    await page.fill('#f-code', code);
    await page.fill('#f-name', 'Đơn vị kiểm thử');
    await page.selectOption('#f-kind', 'social_affairs');
    await page.fill('#f-validFrom', '2025-07-01');
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect(new URL(page.url()).pathname).toBe(`/console/admin/units/${code}`);
    await page.fill('#f-localityCode', '07210');
    await page.fill('#f-validFrom', '2025-07-01');
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect(await mainText(page)).toContain('Phường Bắc Giang');
    const [coverage] = await ds.query(`SELECT c.id FROM unit_coverage c JOIN units u ON u.id = c.unit_id WHERE u.code = $1`, [code]);
    await visit(page, `/console/admin/units/${code}/coverage/${coverage.id}/close`);
    await page.fill('#f-validTo', '2025-06-01');
    const early = await submit(page, 'main form button[type=submit]');
    expect(early!.status()).toBe(400);
    await checked(page, early);
    expect(await page.locator('#f-validTo-error').isVisible()).toBe(true);
    await page.fill('#f-validTo', '2026-06-30');
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect(await mainText(page)).toContain('2025-07-01 – 2026-06-30');
    expect(await audited('unit_coverage.closed', coverage.id, admin.id)).toBe(1);
  }, 300_000);

  it('rules, policies, a TOTP reset, a channel client rotated and disabled, an exception removed: each page checked', async () => {
    const admin = await makeStaff(t, { role: 'admin' });
    const page = await signedIn(admin);
    const rules = await visit(page, '/console/admin/routing');
    const ruleId = /\/console\/admin\/routing\/rules\/([0-9a-f-]{36})\/close/.exec(rules)![1];
    await visit(page, `/console/admin/routing/rules/${ruleId}/close`);
    await visit(page, '/console/admin/routing/rules/new');
    await visit(page, '/console/admin/deadlines');
    await visit(page, '/console/admin/deadlines/new');
    await visit(page, '/console/admin/staff');

    // a second-factor reset: confirmation, then the one-time code
    const officer = await makeStaff(t, { role: 'officer' });
    await visit(page, `/console/admin/staff/${officer.id}/totp-reset`);
    const reset = await submit(page, 'main form button[type=submit]');
    await checked(page, reset);
    expect((await page.locator('#invitation-code').innerText()).trim().length).toBeGreaterThan(20);
    expect((await ds.query('SELECT totp_secret FROM staff_accounts WHERE id = $1', [officer.id]))[0].totp_secret).toBeNull();

    // a channel client rotated (new credentials once) and disabled, each after a confirmation
    const made = await t.app.get(ChannelClientsService).create({ requestId: 'test', actor: { type: 'system' } }, { kind: 'open311', name: `app-${uniq()}` });
    await visit(page, `/console/admin/channels/${made.name}/rotate`);
    await checked(page, await submit(page, 'main form button[type=submit]'));
    const rotatedKey = (await page.locator('#channel-api-key').innerText()).trim();
    expect(rotatedKey).not.toBe(made.apiKey);
    await visit(page, `/console/admin/channels/${made.name}/disable`);
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect(await audited('channel_client.disabled', made.id, admin.id)).toBe(1);
    await expect(t.app.get(ChannelClientsService).authenticate(rotatedKey, 'open311')).rejects.toMatchObject({ code: 'channel_client_disabled' });

    // a calendar exception removed after a confirmation
    await t.app.get(CalendarService).setException({ requestId: 'test', actor: { type: 'system' } }, '2031-02-03', 'day_off', 'Nghỉ bù kiểm thử');
    await visit(page, '/console/admin/calendar/2031-02-03/remove');
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect((await t.app.get(CalendarService).listExceptions()).items.map((e) => e.date)).not.toContain('2031-02-03');
  }, 300_000);

  it('an officer gets the 403 page; an auditor reads units and routing but changes nothing; an unknown unit is a 404 page', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await signedIn(officer);
    for (const path of ['/console/admin', '/console/admin/staff', '/console/admin/channels', '/console/admin/units']) {
      const res = await page.goto(`${t.baseUrl}${path}`);
      expect({ path, status: res!.status(), type: res!.headers()['content-type'] }).toEqual({ path, status: 403, type: 'text/html; charset=utf-8' });
      await (path === '/console/admin' ? checked : htmlOnly)(page, res);
    }

    const auditor = await makeStaff(t, { role: 'auditor' });
    const read = await signedIn(auditor);
    const index = await visit(read, '/console/admin');
    expect(index).toContain('/console/admin/units');
    expect(index).not.toContain('/console/admin/staff');
    const unit = await visit(read, '/console/admin/units/PC04-24');
    expect(unit).not.toContain('/coverage"'); // no coverage form
    const rules = await visit(read, '/console/admin/routing');
    expect(rules).not.toContain('/close');
    await visit(read, '/console/admin/deadlines');
    expect((await read.goto(`${t.baseUrl}/console/admin/staff`))!.status()).toBe(403);
    const missing = await read.goto(`${t.baseUrl}/console/admin/units/NO-SUCH-UNIT`);
    expect(missing!.status()).toBe(404);
    await checked(read, missing);
  }, 300_000);
});
