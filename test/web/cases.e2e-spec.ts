import type { BrowserContext, Page, Response } from 'playwright-core';
import { DataSource } from 'typeorm';
import { systemContext } from '../../src/common/request-context';
import { HotspotsService } from '../../src/hotspots/hotspots.service';
import { FAST_PROOF_ENV, jpegWithExif, multipartBody, validTip } from '../intake/intake-helpers';
import { ensureUnit } from '../utils/staff';
import { browserContext, closeConsoleBrowser, CONSOLE_TEST_UNIT, ConsoleStaff, ConsoleTestApp, makeStaff, signIn, startConsoleApp, submit } from './console-helpers';
import { expectNoSeriousAxe, expectValidHtml } from './page-checks';

/**
 * The officers' console pages in a real headless Chromium, with JavaScript OFF (and once ON): an
 * officer signs in with TOTP, finds the case in the queue, claims it, asks the tipster a question,
 * the tipster answers on the public status page, the officer links it to a hotspot and closes it.
 * Another unit's officer gets the 404 page for the case's URL; a stale form gets the 409 page.
 * Every page is checked with html-validate (the HTML as sent) and axe (as shown).
 */
describe('staff console: queue, case page and hotspots', () => {
  // Real browsers on a shared, loaded machine: minutes, not seconds (no assertion depends on time).
  jest.setTimeout(900_000);
  let t: ConsoleTestApp;
  let ds: DataSource;
  let unitId: string;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startConsoleApp(FAST_PROOF_ENV);
    ds = t.app.get(DataSource);
    unitId = (await fileTip()).unitId;
  }, 300_000); // the first run unpacks the bundled Chromium (test/utils/browser.ts)
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  /** A web tip with a photo through the public API, as a citizen files it: its case, unit and receipt. */
  async function fileTip(): Promise<{ caseId: string; reference: string; receipt: string; unitId: string }> {
    const tip = await validTip(t);
    const fields = Object.entries(tip)
      .filter(([k]) => k !== 'details')
      .map(([k, v]) => [k, String(v)] as [string, string]);
    const body = multipartBody(fields, [{ name: 'photos', filename: 'p.jpg', type: 'image/jpeg', data: await jpegWithExif('console-camera') }]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: body.payload, headers: body.headers });
    if (res.statusCode !== 201) throw new Error(`tip not filed: ${res.statusCode} ${res.body}`);
    const { reference, receipt } = res.json() as { reference: string; receipt: string };
    const [row] = await ds.query('SELECT id, unit_id FROM cases WHERE reference = $1', [reference]);
    return { caseId: row.id, reference, receipt, unitId: row.unit_id };
  }

  async function newPage(javaScript: boolean): Promise<Page> {
    const context = await browserContext({ javaScript });
    contexts.push(context);
    return context.newPage();
  }

  /** The page as sent (html-validate) and as shown (axe); returns the HTML. */
  async function checked(page: Page, response: Response | null): Promise<string> {
    expect(response).not.toBeNull();
    const html = await response!.text();
    await expectValidHtml(html);
    await expectNoSeriousAxe(page);
    return html;
  }

  async function visit(page: Page, path: string): Promise<Response | null> {
    return page.goto(`${t.baseUrl}${path}`);
  }

  const statusOf = async (caseId: string): Promise<{ status: string; version: number; claimed_by: string | null; hotspot_id: string | null; outcome: string | null }> =>
    (await ds.query('SELECT status, version, claimed_by, hotspot_id, outcome FROM cases WHERE id = $1', [caseId]))[0];

  for (const javaScript of [false, true]) {
    it(`an officer works a case from the queue to closing, the tipster answering on the public page (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const tip = await fileTip();
      const officer: ConsoleStaff = await makeStaff(t, { role: 'officer', unitId: tip.unitId });
      const hotspot = await t.app.get(HotspotsService).create(
        { id: officer.id, username: officer.username, role: 'officer', unitId: officer.unitId, sessionId: '' },
        systemContext('test'),
        { localityCode: '07228', description: `Bãi đất trống sau chợ ${javaScript ? 'JS' : 'noJS'}` },
      );
      const page = await newPage(javaScript);

      // sign in (password + TOTP) lands on the queue, which lists the new case with its clock state in words
      await signIn(page, t.baseUrl, officer);
      expect(new URL(page.url()).pathname).toBe('/console/queue');
      const queueHtml = await checked(page, await page.reload());
      expect(queueHtml).toContain(tip.reference);
      expect(await page.textContent('#at-risk-title')).toBeTruthy();
      const row = page.locator('#queue tbody tr', { hasText: tip.reference });
      expect(await row.locator('.state').textContent()).toMatch(/Đúng hạn|Sắp quá hạn|Quá hạn/);
      // a filter that keeps it and one that drops it
      // (the at-risk list above the queue names it whatever the filters: look in the queue's table)
      await visit(page, '/console/queue?status=new&priority=urgent,high,normal,low&sort=age');
      expect(await page.locator('#queue tbody tr', { hasText: tip.reference }).count()).toBe(1);
      await checked(page, await visit(page, '/console/queue?status=closed'));
      expect(await page.locator('#queue tbody tr', { hasText: tip.reference }).count()).toBe(0);
      // a bad filter is shown next to its field (400), not an error page
      const bad = await visit(page, '/console/queue?locality=abc');
      expect(bad!.status()).toBe(400);
      await checked(page, bad);
      expect(await page.textContent('#q-locality-error')).toBeTruthy();

      // the case page: reading it is audited as the API's read is; content, cleaned photo, routing reason
      await visit(page, '/console/queue');
      const opened = await Promise.all([page.waitForNavigation(), page.click(`a:text("${tip.reference}")`)]);
      expect(new URL(page.url()).pathname).toBe(`/console/cases/${tip.caseId}`);
      const caseHtml = await checked(page, opened[0]);
      expect(caseHtml).toContain('gầm cầu');
      expect(await page.textContent('#routing-title')).toBeTruthy();
      const viewed = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.viewed' AND target_id = $1 AND actor_id = $2`, [tip.caseId, officer.id]);
      expect(viewed[0].n).toBeGreaterThanOrEqual(1);
      const photoSrc = await page.getAttribute('.photos img', 'src');
      const photo = await page.request.get(`${t.baseUrl}${photoSrc}`);
      expect(photo.status()).toBe(200);
      expect(photo.headers()['content-type']).toBe('image/jpeg');
      expect((await photo.body()).includes(Buffer.from('console-camera'))).toBe(false); // EXIF stripped at intake

      // claim
      let res = await submit(page, '#form-claim button');
      expect(new URL(page.url()).search).toBe('?done=claim');
      await checked(page, res);
      expect((await statusOf(tip.caseId)).claimed_by).toBe(officer.id);

      // a question to the tipster
      await page.fill('#f-body', 'Bạn có nhớ họ thường đến lúc mấy giờ không?');
      res = await submit(page, '#form-messages button');
      await checked(page, res);
      expect(await page.textContent('.notice')).toContain('Đã gửi tin nhắn');

      // the tipster reads it on the public status page and answers
      const citizen = await newPage(javaScript);
      await citizen.goto(`${t.baseUrl}/status`);
      await citizen.fill('#f-receipt', tip.receipt);
      await Promise.all([citizen.waitForNavigation(), citizen.click('button[type=submit]')]);
      expect(await citizen.textContent('main')).toContain('Bạn có nhớ họ thường đến lúc mấy giờ không?');
      await citizen.fill('#f-body', 'Khoảng 9 giờ tối.');
      await Promise.all([citizen.waitForNavigation(), citizen.click('#f-body ~ button[type=submit]')]);
      expect(new URL(citizen.url()).pathname).toBe('/status');

      // the officer sees the answer, links the case to the hotspot and closes it
      await checked(page, await page.reload());
      expect(await page.textContent('#messages-title + ol')).toContain('Khoảng 9 giờ tối.');
      await page.selectOption('#f-hotspotId', hotspot.id);
      res = await submit(page, '#form-link button');
      await checked(page, res);
      expect((await statusOf(tip.caseId)).hotspot_id).toBe(hotspot.id);
      await page.selectOption('#f-outcome', 'insufficient_information');
      res = await submit(page, '#form-close button');
      await checked(page, res);
      const closed = await statusOf(tip.caseId);
      expect(closed).toMatchObject({ status: 'closed', outcome: 'insufficient_information', claimed_by: null });
      expect(await page.locator('dl.facts').first().textContent()).toContain('Đã đóng');
      expect(await page.$('#form-reopen')).not.toBeNull();

      // the hotspot's pages list it with its history and the case
      await checked(page, await visit(page, '/console/hotspots'));
      await Promise.all([page.waitForNavigation(), page.click(`a:text("${hotspot.description}")`)]);
      const hotspotHtml = await checked(page, await page.reload());
      expect(hotspotHtml).toContain(tip.reference);
      expect(await page.textContent('#history-title')).toBeTruthy();
    });
  }

  it('an officer of another unit gets the 404 page for the case’s URL, and its photo, with nothing of the case', async () => {
    const tip = await fileTip();
    const outsider = await makeStaff(t, { role: 'officer' }); // the helpers' own unit, not the case's
    expect(outsider.unitId).not.toBe(unitId);
    const page = await newPage(false);
    await signIn(page, t.baseUrl, outsider);
    const res = await visit(page, `/console/cases/${tip.caseId}`);
    expect(res!.status()).toBe(404);
    const html = await checked(page, res);
    expect(html).not.toContain(tip.reference);
    expect(html).not.toContain('gầm cầu');
    // a form posted at it changes nothing either
    const csrf = await page.getAttribute('input[name=_csrf]', 'value');
    const post = await page.request.post(`${t.baseUrl}/console/cases/${tip.caseId}/claim`, { form: { _csrf: csrf!, version: '1' }, maxRedirects: 0 });
    expect(post.status()).toBe(404);
    expect((await statusOf(tip.caseId)).claimed_by).toBeNull();
    const denied = await ds.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.denied' AND target_id = $1 AND actor_id = $2`, [tip.caseId, outsider.id]);
    expect(denied[0].n).toBeGreaterThanOrEqual(2);
  });

  it('a form of a case that changed meanwhile gets the 409 "changed meanwhile" page and changes nothing', async () => {
    const tip = await fileTip();
    const officer = await makeStaff(t, { role: 'officer', unitId: tip.unitId });
    const page = await newPage(false);
    await signIn(page, t.baseUrl, officer);
    await visit(page, `/console/cases/${tip.caseId}`);
    const before = await statusOf(tip.caseId);
    // the same officer in a second tab acknowledges the case: the first tab's forms carry the old version
    const other = await page.context().newPage();
    await other.goto(`${t.baseUrl}/console/cases/${tip.caseId}`);
    await submit(other, '#form-acknowledge button');
    const after = await statusOf(tip.caseId);
    expect(after).toMatchObject({ status: 'acknowledged', version: before.version + 1 });
    const res = await submit(page, '#form-acknowledge button');
    expect(res!.status()).toBe(409);
    const html = await checked(page, res);
    expect(html).toContain('Dữ liệu đã thay đổi trong lúc bạn thao tác');
    expect(await page.getAttribute(`main a[href="/console/cases/${tip.caseId}"]`, 'href')).toBe(`/console/cases/${tip.caseId}`);
    expect(await statusOf(tip.caseId)).toEqual(after);
  });

  it('a form with a missing field shows the problem next to it (400) and keeps what was typed', async () => {
    const tip = await fileTip();
    await ensureUnit(t, CONSOLE_TEST_UNIT);
    const lead = await makeStaff(t, { role: 'unit_lead', unitId: tip.unitId });
    const page = await newPage(false);
    await signIn(page, t.baseUrl, lead);
    await visit(page, `/console/cases/${tip.caseId}?unitq=${encodeURIComponent('CONSOLE')}`);
    // the unit picker found the helpers' unit by its code
    const target = await page.locator('#f-unitId option', { hasText: 'CONSOLE-TEST-A' }).getAttribute('value');
    expect(target).toBeTruthy();
    // a blank reason: the browser would refuse the required field, so post the form as it would be sent without that check
    const csrf = await page.getAttribute('#form-transfer input[name=_csrf]', 'value');
    const version = await page.getAttribute('#form-transfer input[name=version]', 'value');
    const res = await page.request.post(`${t.baseUrl}/console/cases/${tip.caseId}/transfer`, { form: { _csrf: csrf!, version: version!, unitq: 'CONSOLE', unitId: target!, reason: '   ' } });
    expect(res.status()).toBe(400);
    const html = await res.text();
    await expectValidHtml(html);
    expect(html).toContain('id="f-reason-error"');
    expect(html.match(/class="field-error"/g)).toHaveLength(1);
    expect(html).toMatch(new RegExp(`<option value="${target}" selected`));
    expect((await statusOf(tip.caseId)).status).toBe('new');
    // with a reason, the transfer goes through; the case has left the unit, so the lead is back at the queue
    await page.selectOption('#f-unitId', target!);
    await page.fill('#f-reason', 'Địa bàn thuộc đơn vị khác.');
    const done = await submit(page, '#form-transfer button');
    expect(done!.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/console/queue');
    const [row] = await ds.query('SELECT unit_id FROM cases WHERE id = $1', [tip.caseId]);
    expect(row.unit_id).toBe(target);
  });
});
