import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import type { BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { browserContext, closeConsoleBrowser, ConsoleTestApp, fillSignIn, makeStaff, signIn, startConsoleApp, submit } from './console-helpers';
import { expectNoSeriousAxe, expectValidHtml } from './page-checks';

jest.setTimeout(240_000); // a real browser and argon2 sign-ins on a loaded 2-core machine

const SESSION = '__Host-tipline_session';

/**
 * The console's defences in a real headless Chromium: forms posted from other sites (and posts
 * without or with a wrong token) change nothing; the headers (a strict CSP and the rest); the
 * language switch; error pages; JavaScript on. And the public citizen pages pass the same checks.
 */
describe('staff console shell: CSRF, headers, languages, errors', () => {
  let t: ConsoleTestApp;
  let ds: DataSource;
  let attacker: Server;
  let attackerPort: number;
  let attackerHtml = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startConsoleApp();
    ds = t.app.get(DataSource);
    // Another site's page (served at http://localhost:<port> and, same-site but another origin, http://127.0.0.1:<port>).
    attacker = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(attackerHtml);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  }, 300_000);
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await new Promise((resolve) => attacker?.close(resolve));
    await t?.close();
  });

  async function newPage(javaScript = false, locale = 'vi-VN'): Promise<Page> {
    const context = await browserContext({ javaScript, locale });
    contexts.push(context);
    return context.newPage();
  }

  const sessionOf = async (page: Page) => (await page.context().cookies()).find((c) => c.name === SESSION)?.value;
  const live = async (token: string) => (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })).statusCode === 200;
  const passwordHashOf = async (id: string) => (await ds.query('SELECT password_hash AS h FROM staff_accounts WHERE id = $1', [id]))[0].h as string;

  /** Serves a page of forms posting to the console, opens it at `origin`, submits form #n; returns the answer's status. */
  async function postFromAnotherSite(page: Page, origin: string, forms: string, button: string): Promise<number> {
    attackerHtml = `<!DOCTYPE html><html lang="en"><head><title>Win a prize</title></head><body>${forms}</body></html>`;
    await page.goto(`${origin}/`);
    const answer = page.waitForResponse((r) => r.url().startsWith(t.baseUrl) && r.request().method() === 'POST');
    await page.click(button);
    const status = (await answer).status();
    await page.waitForLoadState();
    return status;
  }

  it('a form on another site posting to the console changes nothing (cross-site: no cookie; same-site other origin: no token)', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account');
    const token = (await sessionOf(page))!;
    const hash = await passwordHashOf(officer.id);
    const forms = `
      <form id="out" method="post" action="${t.baseUrl}/console/sign-out"><button id="b-out">Claim</button></form>
      <form id="pw" method="post" action="${t.baseUrl}/console/password">
        <input type="hidden" name="currentPassword" value="${officer.password}">
        <input type="hidden" name="newPassword" value="attacker-chosen-password-2026">
        <input type="hidden" name="confirmPassword" value="attacker-chosen-password-2026">
        <input type="hidden" name="_csrf" value="guessed">
        <button id="b-pw">Claim</button>
      </form>`;

    // another site (localhost is not 127.0.0.1): the SameSite=Strict cookie is not sent, so it is a sign-in redirect
    for (const button of ['#b-out', '#b-pw']) {
      const status = await postFromAnotherSite(page, `http://localhost:${attackerPort}`, forms, button);
      expect({ button, status }).toEqual({ button, status: 303 });
      expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    }
    // same site, another origin (another port of 127.0.0.1): the cookie goes along, the token cannot: 403
    for (const button of ['#b-out', '#b-pw']) {
      const status = await postFromAnotherSite(page, `http://127.0.0.1:${attackerPort}`, forms, button);
      expect({ button, status }).toEqual({ button, status: 403 });
      const html = await page.content();
      expect(html).toContain('CSRF');
    }
    // nothing changed: the session lives, the password is the same
    expect(await live(token)).toBe(true);
    expect(await passwordHashOf(officer.id)).toBe(hash);
    expect(await sessionOf(page)).toBe(token);

    // a sign-in form on another site (login CSRF: signing the browser in as the attacker) is refused too
    const fresh = await newPage();
    const victimless = await makeStaff(t, { role: 'officer' });
    const status = await postFromAnotherSite(
      fresh,
      `http://127.0.0.1:${attackerPort}`,
      `<form method="post" action="${t.baseUrl}/console/sign-in"><input type="hidden" name="username" value="${victimless.username}"><input type="hidden" name="password" value="${victimless.password}"><input type="hidden" name="code" value="${victimless.recoveryCodes[0]}"><input type="hidden" name="_csrf" value="x"><button id="b-in">Go</button></form>`,
      '#b-in',
    );
    expect(status).toBe(400);
    expect(await sessionOf(fresh)).toBeUndefined();
  });

  it('a POST with the session cookie but without the form token, or with a wrong one, is refused; the right token works', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account');
    const token = (await sessionOf(page))!;
    const csrf = await page.inputValue('header form[action="/console/sign-out"] input[name=_csrf]');
    for (const form of [{}, { _csrf: 'wrong' }, { _csrf: `${csrf}x` }, { _csrf: '' }] as Record<string, string>[]) {
      const res = await page.request.post(`${t.baseUrl}/console/sign-out`, { form, maxRedirects: 0 });
      expect({ form, status: res.status() }).toEqual({ form, status: 403 });
      expect(res.headers()['content-type']).toContain('text/html');
      await expectValidHtml(await res.text());
    }
    expect(await live(token)).toBe(true);
    const ok = await page.request.post(`${t.baseUrl}/console/sign-out`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(ok.status()).toBe(303);
    expect(await live(token)).toBe(false);
  });

  it('console pages carry a strict CSP and the other security headers; the citizen pages and /docs keep their own', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    const signInPage = await page.goto(`${t.baseUrl}/console/sign-in`);
    await signIn(page, t.baseUrl, officer, '/console/account');
    const account = await page.goto(`${t.baseUrl}/console/account`);
    for (const res of [signInPage!, account!]) {
      const h = res.headers();
      const csp = h['content-security-policy'];
      for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "frame-ancestors 'none'", "form-action 'self'", "object-src 'none'", "base-uri 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(h).toMatchObject({ 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'same-origin' });
      expect(h['strict-transport-security']).toContain('max-age=');
    }
    // errors and unknown console paths too
    const missing = await t.app.inject({ method: 'GET', url: '/console/no-such-page' });
    expect(missing.statusCode).toBe(303); // signed out: to the sign-in page first
    expect(missing.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const refused = await t.app.inject({ method: 'POST', url: '/console/sign-out', headers: { cookie: `${SESSION}=${'x'.repeat(43)}` } });
    expect(refused.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    // the citizen form keeps its nonce policy (no helmet header added), /docs its own, the API its JSON
    const form = await t.app.inject({ method: 'GET', url: '/' });
    expect(form.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(form.headers['strict-transport-security']).toBeUndefined();
    expect(form.headers['referrer-policy']).toBe('no-referrer');
    const docs = await t.app.inject({ method: 'GET', url: '/docs' });
    if (docs.statusCode === 200) expect(docs.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.headers['content-security-policy']).toBeUndefined();
  });

  it('with JavaScript on: signs in with TOTP, shows a page and signs out; the browser reports no CSP violation', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage(true);
    const reports: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) reports.push(m.text());
    });
    page.on('pageerror', (e) => reports.push(e.message));
    await signIn(page, t.baseUrl, officer, '/console/account');
    const html = await (await page.reload())!.text();
    await expectValidHtml(html);
    await expectNoSeriousAxe(page);
    // the stylesheet applied (the CSP let it in): the header is the dark band
    expect(await page.$eval('header.top', (e) => getComputedStyle(e).backgroundColor)).toBe('rgb(11, 61, 102)');
    await submit(page, 'header form[action="/console/sign-out"] button');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(reports).toEqual([]);
  });

  it('speaks Vietnamese by default; the English switch keeps its choice in a cookie', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage(false, 'en-US');
    await page.goto(`${t.baseUrl}/console/sign-in`);
    // an English browser gets English; a Vietnamese (or any other) one Vietnamese
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    const vi = await newPage(false, 'fr-FR');
    await vi.goto(`${t.baseUrl}/console/sign-in`);
    expect(await vi.getAttribute('html', 'lang')).toBe('vi');
    await signIn(vi, t.baseUrl, officer, '/console/account');
    expect(await vi.textContent('h1')).toBe('Tài khoản của bạn');
    await vi.click('header a.lang');
    expect(await vi.getAttribute('html', 'lang')).toBe('en');
    expect(await vi.textContent('h1')).toBe('Your account');
    await expectValidHtml(await vi.content());
    await expectNoSeriousAxe(vi);
    // persisted: a page opened without ?lang stays English, and so does an error page
    await vi.goto(`${t.baseUrl}/console/account`);
    expect(await vi.textContent('h1')).toBe('Your account');
    const cookie = (await vi.context().cookies()).find((c) => c.name === 'tipline_console_lang');
    expect(cookie).toMatchObject({ value: 'en', httpOnly: true, sameSite: 'Strict' });
    const missing = await vi.goto(`${t.baseUrl}/console/no-such-page`);
    expect(missing!.status()).toBe(404);
    expect(await vi.textContent('h1')).toBe('Not found');
    // and back
    await vi.click('header a.lang');
    expect(await vi.getAttribute('html', 'lang')).toBe('vi');
  });

  it('errors under /console are pages in the user\'s language, with the navigation when signed in; the API still answers JSON', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account');
    const missing = await page.goto(`${t.baseUrl}/console/cases/00000000-0000-4000-8000-000000000000/nothing`);
    expect(missing!.status()).toBe(404);
    const html = await missing!.text();
    await expectValidHtml(html);
    await expectNoSeriousAxe(page);
    expect(await page.textContent('h1')).toBe('Không tìm thấy');
    expect(await page.locator('header nav a[href="/console/queue"]').count()).toBe(1);
    expect(html).not.toMatch(/"error"\s*:/);
    // a body the framework refuses (bad JSON to a console URL): still a page
    const bad = await t.app.inject({ method: 'POST', url: '/console/sign-in', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('text/html');
    await expectValidHtml(bad.body);
  });
});
