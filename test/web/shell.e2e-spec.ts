import { authenticator } from 'otplib';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { DataSource } from 'typeorm';
import { Role } from '../../src/auth/auth.decorators';
import { StaffService } from '../../src/staff/staff.service';
import { bearer, loginAs } from '../utils/staff';
import {
  browserContext,
  closeConsoleBrowser,
  CONSOLE_TEST_UNIT,
  ConsoleTestApp,
  fillSignIn,
  makeStaff,
  signIn,
  startConsoleApp,
  submit,
  wrongTotp,
} from './console-helpers';
import { expectNoSeriousAxe, expectValidHtml } from './page-checks';

/**
 * The console's shell in a real headless Chromium with JavaScript OFF (and once on): sign-in with
 * TOTP, first-login password change, a new authenticator with its QR code and recovery codes, an
 * invitation, sign-out, expiry with a return to the page, CSRF, security headers, languages.
 * Every page is checked with html-validate (the HTML as sent) and axe.
 */
jest.setTimeout(240_000); // a real browser and argon2 sign-ins on a loaded 2-core machine

describe('staff console shell', () => {
  let t: ConsoleTestApp;
  let ds: DataSource;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startConsoleApp();
    ds = t.app.get(DataSource);
  }, 300_000); // the first run unpacks the bundled Chromium (test/utils/browser.ts)
  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  async function newPage(javaScript = false, locale = 'vi-VN'): Promise<Page> {
    const context = await browserContext({ javaScript, locale });
    contexts.push(context);
    return context.newPage();
  }

  /** No script, no inline style, no event handler attribute: nothing the CSP would have to allow. */
  function expectNoInlineCode(html: string): void {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  }

  /** The page as sent (html-validate) and as shown (axe); returns the HTML. */
  async function checked(page: Page, response: Response | null): Promise<string> {
    expect(response).not.toBeNull();
    const html = await response!.text();
    await expectValidHtml(html);
    expectNoInlineCode(html);
    await expectNoSeriousAxe(page);
    return html;
  }

  async function visit(page: Page, path: string): Promise<string> {
    return checked(page, await page.goto(`${t.baseUrl}${path}`));
  }

  const pathOf = (page: Page) => {
    const u = new URL(page.url());
    return `${u.pathname}${u.search}`;
  };

  it('signs in with password and TOTP; a wrong code is shown next to its field; /console sends each role to its page', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await visit(page, '/console/sign-in');
    expect(await page.getAttribute('html', 'lang')).toBe('vi');

    // a wrong code: the form again, the message next to the code field (and in the summary), nothing signed in
    const wrong = await fillSignIn(page, officer, wrongTotp(officer.totpSecret));
    expect(wrong!.status()).toBe(401);
    await checked(page, wrong);
    expect(await page.textContent('#f-code-error')).toContain('không đúng');
    expect(await page.getAttribute('#f-code', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-code', 'aria-describedby')).toContain('f-code-error');
    expect(await page.textContent('.error-summary a[href="#f-code"]')).toContain('không đúng');
    expect(await page.inputValue('#f-username')).toBe(officer.username);
    expect(await page.inputValue('#f-password')).toBe('');
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-tipline_session');

    // missing fields: each named at its field
    await page.fill('#f-username', '');
    const missing = await submit(page, 'main form button[type=submit]');
    expect(missing!.status()).toBe(422);
    expect(await page.textContent('#f-username-error')).toBeTruthy();
    expect(await page.textContent('#f-password-error')).toBeTruthy();

    // the right code: the same session cookie as the API (HttpOnly, Secure, SameSite=Strict), then the officer's queue
    await fillSignIn(page, officer);
    expect(pathOf(page)).toBe('/console/queue');
    const session = (await page.context().cookies()).find((c) => c.name === '__Host-tipline_session')!;
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    const me = await page.request.get(`${t.baseUrl}/api/v1/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).username).toBe(officer.username);

    // each role's home
    const homes: [Role, string | null][] = [
      ['officer', '/console/queue'],
      ['unit_lead', '/console/queue'],
      ['supervisor', '/console/dashboard'],
      ['auditor', '/console/audit'],
      ['admin', '/console/admin'],
      ['hotline_operator', null],
    ];
    for (const [role, target] of homes) {
      const s = await loginAs(t, role, CONSOLE_TEST_UNIT);
      const res = await t.app.inject({ method: 'GET', url: '/console', headers: bearer(s.token) });
      if (target) {
        expect({ role, status: res.statusCode, location: res.headers.location }).toEqual({ role, status: 303, location: target });
      } else {
        expect({ role, status: res.statusCode }).toEqual({ role, status: 200 });
        await expectValidHtml(res.body);
      }
    }
  });

  it('first login: the password change comes first, then the page one asked for', async () => {
    const newcomer = await makeStaff(t, { role: 'officer', mustChangePassword: true });
    const page = await newPage();
    await page.goto(`${t.baseUrl}/console/account?tab=1`);
    expect(pathOf(page)).toBe('/console/sign-in?reason=required&next=%2Fconsole%2Faccount%3Ftab%3D1');
    await fillSignIn(page, newcomer);
    expect(pathOf(page)).toBe('/console/password?next=%2Fconsole%2Faccount%3Ftab%3D1');
    await checked(page, await page.reload());
    expect(await page.textContent('main .notice')).toContain('lần đăng nhập đầu tiên');

    // any other console page sends a first-login session back here, and then on to that page
    await page.goto(`${t.baseUrl}/console/account/totp`);
    expect(pathOf(page)).toBe('/console/password?next=%2Fconsole%2Faccount%2Ftotp');

    // the two new passwords differ: said at the second one
    const fresh = 'một mật khẩu mới đủ dài 2026';
    await page.fill('#f-currentPassword', newcomer.password);
    await page.fill('#f-newPassword', fresh);
    await page.fill('#f-confirmPassword', `${fresh}!`);
    const mismatch = await submit(page, 'main form button[type=submit]');
    expect(mismatch!.status()).toBe(422);
    await checked(page, mismatch);
    expect(await page.textContent('#f-confirmPassword-error')).toContain('không giống nhau');

    // too short: the policy's reason at the new password, in Vietnamese
    await page.fill('#f-currentPassword', newcomer.password);
    await page.fill('#f-newPassword', 'ngắn');
    await page.fill('#f-confirmPassword', 'ngắn');
    await submit(page, 'main form button[type=submit]');
    expect(await page.textContent('#f-newPassword-error')).toContain('ít nhất 12 ký tự');

    await page.fill('#f-currentPassword', newcomer.password);
    await page.fill('#f-newPassword', fresh);
    await page.fill('#f-confirmPassword', fresh);
    await submit(page, 'main form button[type=submit]');
    expect(pathOf(page)).toBe('/console/account/totp');
    await page.goto(`${t.baseUrl}/console/account?tab=1`);
    expect(await page.textContent('main')).toContain(newcomer.username);
    const [{ must }] = await ds.query('SELECT must_change_password AS must FROM staff_accounts WHERE id = $1', [newcomer.id]);
    expect(must).toBe(false);
  });

  it('a new authenticator: the QR code is drawn on the server, a wrong code is shown at its field, the recovery codes once, and one of them signs in', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account');
    await checked(page, await page.reload());
    await page.click('a[href="/console/account/totp"]');
    await page.fill('#f-password', 'not the password');
    const refused = await submit(page, 'main form button[type=submit]');
    expect(refused!.status()).toBe(422);
    expect(await page.textContent('#f-password-error')).toContain('không đúng');

    await page.fill('#f-password', officer.password);
    const qr = await checked(page, await submit(page, 'main form button[type=submit]'));
    // an inline SVG (no image request, no script), and the key as text for typing by hand
    expect(qr).toMatch(/<svg[^>]*role="img"/);
    expect(await page.locator('.qr svg path').count()).toBe(1);
    const secret = (await page.textContent('code.secret'))!.replace(/\s+/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(secret).not.toBe(officer.totpSecret);

    await page.fill('#f-totp', wrongTotp(secret));
    const wrong = await submit(page, 'main form button[type=submit]');
    expect(wrong!.status()).toBe(422);
    await checked(page, wrong);
    expect(await page.textContent('#f-totp-error')).toContain('không khớp');
    expect(await page.textContent('code.secret')).toContain(secret.slice(0, 4)); // the same key, shown again

    await page.fill('#f-totp', authenticator.generate(secret));
    const shown = await checked(page, await submit(page, 'main form button[type=submit]'));
    const codes = await page.locator('ul.codes code').allTextContents();
    expect(codes).toHaveLength(10);
    expect(shown).toContain('MỘT LẦN');
    // never again: the page is not cached, and reloading cannot show them (the enrolment is over)
    const [{ n }] = await ds.query('SELECT count(*)::int AS n FROM staff_recovery_codes WHERE staff_id = $1 AND used_at IS NULL', [officer.id]);
    expect(n).toBe(10);

    // sign out; a recovery code signs in (the new key is the one now)
    await submit(page, 'header form[action="/console/sign-out"] button');
    await page.goto(`${t.baseUrl}/console/sign-in?next=%2Fconsole%2Faccount`);
    await fillSignIn(page, officer, codes[0]);
    expect(pathOf(page)).toBe('/console/account');
  });

  it('an invitation: the code, the QR code, a password and a code from the new key give the recovery codes and a session', async () => {
    const admin = await makeStaff(t, { role: 'admin' });
    const unitId = admin.unitId;
    const invited = await t.app.get(StaffService).invite(
      { requestId: 'test', actor: { type: 'staff', id: admin.id, unitId, role: 'admin' } },
      { id: admin.id, username: admin.username, role: 'admin', unitId, sessionId: '' },
      { username: `new-${Date.now().toString(36)}`, role: 'officer', unitId },
    );
    const page = await newPage();
    await visit(page, '/console/sign-in');
    await page.click('a[href="/console/invitation"]');
    await checked(page, await page.reload());
    await page.fill('#f-code', 'no-such-code');
    const bad = await submit(page, 'main form button[type=submit]');
    expect(bad!.status()).toBe(400);
    expect(await page.textContent('#f-code-error')).toContain('Mã mời');

    await page.fill('#f-code', invited.invitation.code);
    await checked(page, await submit(page, 'main form button[type=submit]'));
    const secret = (await page.textContent('code.secret'))!.replace(/\s+/g, '');
    const password = 'một câu mật khẩu thật dài 2026';
    await page.fill('#f-password', password);
    await page.fill('#f-confirmPassword', password);
    await page.fill('#f-totp', '123');
    const short = await submit(page, 'main form button[type=submit]');
    expect(short!.status()).toBe(422);
    await checked(page, short);
    expect(await page.textContent('#f-totp-error')).toContain('6 chữ số');

    await page.fill('#f-password', password);
    await page.fill('#f-confirmPassword', password);
    await page.fill('#f-totp', authenticator.generate(secret));
    await checked(page, await submit(page, 'main form button[type=submit]'));
    expect(await page.locator('ul.codes code').count()).toBe(10);
    await page.click('main a.btn');
    expect(pathOf(page)).toBe('/console/queue');
  });

  it('sign out ends the session: the console then asks to sign in again', async () => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account');
    const token = (await page.context().cookies()).find((c) => c.name === '__Host-tipline_session')!.value;
    const out = await submit(page, 'header form[action="/console/sign-out"] button');
    expect(pathOf(page)).toBe('/console/sign-in?reason=signed-out');
    expect(await checked(page, out)).toContain('Bạn đã đăng xuất');
    // the session is over on the server, not only forgotten by the browser
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    await page.goto(`${t.baseUrl}/console/account`);
    expect(pathOf(page)).toBe('/console/sign-in?reason=required&next=%2Fconsole%2Faccount');
  });

  it.each([
    ['idle', `UPDATE staff_sessions SET last_seen_at = now() - make_interval(mins => $2) WHERE staff_id = $1`],
    ['absolute', `UPDATE staff_sessions SET expires_at = now() - interval '1 second' WHERE staff_id = $1 AND $2::int IS NOT NULL`],
  ])('an %s-expired session: the sign-in page says so, and signing in returns to the page one was on', async (_, sql) => {
    const officer = await makeStaff(t, { role: 'officer' });
    const page = await newPage();
    await signIn(page, t.baseUrl, officer, '/console/account?from=expiry');
    expect(pathOf(page)).toBe('/console/account?from=expiry');
    await ds.query(sql, [officer.id, t.config.SESSION_IDLE_TIMEOUT_MINUTES + 1]);
    const expired = await page.reload();
    expect(pathOf(page)).toBe('/console/sign-in?reason=expired&next=%2Fconsole%2Faccount%3Ffrom%3Dexpiry');
    const html = await checked(page, expired);
    expect(html).toContain('Phiên làm việc đã hết hạn');
    await fillSignIn(page, officer);
    expect(pathOf(page)).toBe('/console/account?from=expiry');
  });

  it('never sends anyone off the console after sign-in (next must be a console path of this site)', async () => {
    const page = await newPage();
    for (const next of ['https://evil.example/console', '//evil.example/console', '/\\evil.example', '/api/v1/auth/me', '/console/../api/v1/auth/me', 'javascript:alert(1)']) {
      await page.goto(`${t.baseUrl}/console/sign-in?next=${encodeURIComponent(next)}`);
      expect({ next, kept: await page.inputValue('input[name=next]') }).toEqual({ next, kept: '/console' });
    }
  });
});
