import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { Role } from '../../src/auth/auth.decorators';
import { systemContext } from '../../src/common/request-context';
import { StaffService } from '../../src/staff/staff.service';
import { generateTotpSecret, totpCode, TOTP_STEP_SECONDS } from '../../src/staff/totp';
import { launchBrowser } from '../utils/browser';
import { markJavaScriptOff } from './page-checks';
import { ensureUnit } from '../utils/staff';
import { createTestApp, TestApp } from '../utils/test-app';

/** The whole app listening on 127.0.0.1 (a real port), for a browser. */
export interface ConsoleTestApp extends TestApp {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  baseUrl: string;
}

/** createTestApp (same module, same configureApp, fresh database) listening on a free port of 127.0.0.1. */
export async function startConsoleApp(env: Record<string, string> = {}): Promise<ConsoleTestApp> {
  const t = await createTestApp({ env });
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as { port: number };
  return { ...t, baseUrl: `http://127.0.0.1:${address.port}` };
}

/** A staff account ready to sign in: password already its own, TOTP enrolled (the secret known to the test). */
export interface ConsoleStaff {
  id: string;
  username: string;
  password: string;
  totpSecret: string;
  role: Role;
  unitId: string;
  recoveryCodes: string[];
  /** The last TOTP step used to sign in (codes are single use); signIn keeps it. */
  lastStep?: number;
}

/** The unit makeStaff puts staff in when none is given. */
export const CONSOLE_TEST_UNIT = 'CONSOLE-TEST-A';

export async function makeStaff(t: TestApp, opts: { role: Role; unitId?: string; username?: string; mustChangePassword?: boolean }): Promise<ConsoleStaff> {
  const unitId = opts.unitId ?? (await ensureUnit(t, CONSOLE_TEST_UNIT));
  const username = opts.username ?? `${opts.role.replace('_', '')}-${randomBytes(4).toString('hex')}`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  const totpSecret = generateTotpSecret();
  const created = await t.app.get(StaffService).create(systemContext('test'), {
    username,
    role: opts.role,
    unitId,
    password,
    totpSecret,
    mustChangePassword: opts.mustChangePassword ?? false,
  });
  return { id: created.account.id, username, password, totpSecret, role: opts.role, unitId, recoveryCodes: created.recoveryCodes };
}

const stepOf = (ms: number) => Math.floor(ms / 1000 / TOTP_STEP_SECONDS);

/**
 * A TOTP code this account has not used yet. The server accepts the steps now-1..now+1, each
 * once; a second sign-in within the same 30 s uses the next step's code, a third waits for it.
 */
export async function nextTotp(staff: ConsoleStaff): Promise<string> {
  for (;;) {
    const now = Date.now();
    const step = Math.max(stepOf(now), (staff.lastStep ?? -1) + 1);
    if (step <= stepOf(now) + 1) {
      staff.lastStep = step;
      return totpCode(staff.totpSecret, step * TOTP_STEP_SECONDS * 1000);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** A 6-digit code that is NOT valid for this secret now (none of the steps the server would accept). */
export function wrongTotp(secret: string): string {
  const now = Date.now();
  const valid = new Set([-2, -1, 0, 1, 2].map((d) => totpCode(secret, now + d * TOTP_STEP_SECONDS * 1000)));
  return ['000000', '111111', '222222', '333333', '444444', '555555'].find((c) => !valid.has(c))!;
}

/** Signs in through the console's form (works with JavaScript on or off); ends on the page after sign-in. */
export async function signIn(page: Page, baseUrl: string, staff: ConsoleStaff, next?: string): Promise<void> {
  await page.goto(`${baseUrl}/console/sign-in${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await fillSignIn(page, staff);
  const url = new URL(page.url());
  if (url.pathname === '/console/sign-in') throw new Error(`sign-in of ${staff.username} failed: ${await page.locator('main').innerText()}`);
}

/** Fills and sends the sign-in form already open in `page`; resolves with the answer to the navigation (after redirects). */
export async function fillSignIn(page: Page, staff: ConsoleStaff, code?: string): Promise<Response | null> {
  await page.fill('input[name=username]', staff.username);
  await page.fill('input[name=password]', staff.password);
  await page.fill('input[name=code]', code ?? (await nextTotp(staff)));
  return submit(page, 'main form[action="/console/sign-in"] button[type=submit]');
}

/** Clicks a submit button and waits for the page it leads to (after redirects); its answer, whose text() is the HTML sent. */
export async function submit(page: Page, selector: string): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

let shared: Promise<Browser> | undefined;

/** The test file's one headless Chromium (started on first use; closeConsoleBrowser in afterAll). */
export function consoleBrowser(): Promise<Browser> {
  shared ??= launchBrowser();
  return shared;
}

export async function closeConsoleBrowser(): Promise<void> {
  const b = shared;
  shared = undefined;
  if (b) await (await b).close();
}

/**
 * A fresh browser context (its own cookies) with JavaScript on or off; close it after the test.
 * (expectNoSeriousAxe knows a context made here with JavaScript off, and checks its pages in a twin.)
 */
export async function browserContext(opts: { javaScript: boolean; locale?: string; viewport?: { width: number; height: number } }): Promise<BrowserContext> {
  const browser = await consoleBrowser();
  const context = await browser.newContext({ javaScriptEnabled: opts.javaScript, locale: opts.locale ?? 'vi-VN', viewport: opts.viewport ?? { width: 1280, height: 900 } });
  if (!opts.javaScript) markJavaScriptOff(context);
  return context;
}
