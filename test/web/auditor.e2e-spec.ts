/**
 * The auditor's pages in a headless Chromium (JavaScript on once, then off): run the verification
 * and see "valid"; list and download the checkpoints; a case's proof by its reference, and its
 * download; then a database superuser rewrites one event (triggers off, as in
 * test/audit/audit-tampering.e2e-spec.ts) and the verification page names the first bad event.
 * Every page passes html-validate and axe.
 */
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../../src/audit/audit-checkpoint.service';
import { openTestCase } from '../utils/cases';
import { ensureUnit } from '../utils/staff';
import { browserContext, closeConsoleBrowser, ConsoleStaff, ConsoleTestApp, makeStaff, signIn, startConsoleApp } from './console-helpers';
import { checkPage, expectNoSeriousAxe, expectValidHtml } from './page-checks';

// A browser, axe and html-validate on every page, on a loaded 2-core machine: minutes, not seconds (no assertion is about time).
jest.setTimeout(300_000);

describe('the auditor pages (/console/audit)', () => {
  let t: ConsoleTestApp;
  let auditor: ConsoleStaff;
  let unitId: string;

  beforeAll(async () => {
    t = await startConsoleApp();
    unitId = await ensureUnit(t, 'TEST-AUD-A');
    auditor = await makeStaff(t, { role: 'auditor', unitId });
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  /** The overview page in English, checked as the server sent it (the browser's DOM would write `required=""`). */
  async function openOverview(page: Page): Promise<void> {
    const res = await page.goto(`${t.baseUrl}/console/audit?lang=en`);
    expect(res?.status()).toBe(200);
    await checkPage(page, await res!.text());
  }

  /** Presses "Run verification" on the page open now and checks the result page. */
  async function runVerification(page: Page): Promise<void> {
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/console/audit/verify') && r.request().method() === 'POST'), page.click('main form[action="/console/audit/verify"] button')]);
    expect(res.status()).toBe(200);
    await page.waitForLoadState('load');
    await checkPage(page, await res.text());
  }

  it('runs the verification and shows the trail as valid (JavaScript on)', async () => {
    const context = await browserContext({ javaScript: true, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, auditor, '/console/audit?lang=en');
      expect(new URL(page.url()).pathname).toBe('/console/audit');
      await openOverview(page);
      await runVerification(page);
      expect(await page.locator('[data-result="valid"]').innerText()).toContain('Valid');
    } finally {
      await context.close();
    }
  });

  it('lists and exports checkpoints, shows a case proof, and names the first bad event after tampering (JavaScript off)', async () => {
    const { caseId, reference } = await openTestCase(t, unitId);
    const made = await t.app.get(AuditCheckpointService).checkpoint();
    expect(made.made).toBe(true);

    const context = await browserContext({ javaScript: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, auditor, '/console/audit?lang=en');
      await openOverview(page);

      // checkpoints: the one just made is listed, and the download is the CLI's JSON lines
      const rows = page.locator('#checkpoint-table tbody tr');
      expect(await rows.count()).toBeGreaterThanOrEqual(1);
      expect(await rows.first().locator('th').innerText()).toBe(made.checkpoint!.id);
      const href = await page.locator('a[href^="/console/audit/checkpoints.jsonl"]').getAttribute('href');
      const exported = await page.request.get(new URL(href!, t.baseUrl).toString());
      expect(exported.status()).toBe(200);
      expect(exported.headers()['content-disposition']).toMatch(/^attachment; filename="audit-checkpoints/);
      const lines = (await exported.text()).trim().split('\n').map((l) => JSON.parse(l) as { id: string; seq: string; signature: string });
      expect(lines[lines.length - 1]).toMatchObject({ id: made.checkpoint!.id, seq: made.checkpoint!.seq });
      expect(lines.every((l) => typeof l.signature === 'string' && l.signature.length > 40)).toBe(true);

      // a case's proof, asked for by its reference (lower case, as typed)
      await page.fill('input[name="case"]', reference.toLowerCase());
      const [proofRes] = await Promise.all([page.waitForResponse((r) => r.url().includes('/console/audit/proof')), page.click('main form[action="/console/audit/proof"] button')]);
      expect(proofRes.status()).toBe(200);
      await page.waitForLoadState('load');
      await checkPage(page, await proofRes.text());
      expect(await page.locator('[data-result="proof-valid"]').innerText()).toContain('covered by signed checkpoints');
      expect(await page.locator('#proof-table tbody tr').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringContaining('case.opened')]));
      const proofHref = await page.locator(`a[href="/api/v1/audit/cases/${caseId}/proof"]`).getAttribute('href');
      const proof = await page.request.get(new URL(proofHref!, t.baseUrl).toString());
      expect(proof.status()).toBe(200);
      expect(await proof.json()).toMatchObject({ version: 1, targetType: 'case', targetId: caseId });

      // an unknown reference is a problem next to the field
      const missing = await page.goto(`${t.baseUrl}/console/audit/proof?case=TL-0000-0000&lang=en`);
      expect(missing?.status()).toBe(404);
      await checkPage(page, await missing!.text());
      expect(await page.locator('#f-case-error').innerText()).toContain('no case');

      // still valid
      await openOverview(page);
      await runVerification(page);
      expect(await page.locator('[data-result="valid"]').count()).toBe(1);

      // a superuser rewrites the case's opening event with the append-only triggers off
      const [{ seq }]: { seq: string }[] = await t.app
        .get(DataSource)
        .query(`SELECT min(seq)::text AS seq FROM audit_events WHERE target_type = 'case' AND target_id = $1`, [caseId]);
      const su = new Client({ connectionString: t.db.url });
      await su.connect();
      try {
        await su.query('SET session_replication_role = replica');
        await su.query(`UPDATE audit_events SET request_id = 'forged' WHERE seq = $1`, [seq]);
      } finally {
        await su.end();
      }

      await openOverview(page);
      await runVerification(page);
      expect(await page.locator('[data-result="failed"]').innerText()).toContain('NOT valid');
      expect(await page.locator('[data-figure="first-bad"]').innerText()).toBe(seq);
      expect(await page.locator('[data-figure="kind"]').innerText()).toBe('hash');
      expect(await page.locator('[data-figure="last-good"]').innerText()).toBe(String(Number(seq) - 1));
    } finally {
      await context.close();
    }
  });

  it('refuses a supervisor with a 403 page, and a cross-site verification POST without the token', async () => {
    const supervisor = await makeStaff(t, { role: 'supervisor', unitId });
    const context = await browserContext({ javaScript: false });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, supervisor);
      const res = await page.goto(`${t.baseUrl}/console/audit`);
      expect(res?.status()).toBe(403);
      await expectValidHtml(await res!.text());
      await expectNoSeriousAxe(page);
    } finally {
      await context.close();
    }
    const auditorContext = await browserContext({ javaScript: false });
    try {
      const page = await auditorContext.newPage();
      await signIn(page, t.baseUrl, auditor, '/console/audit');
      // the session cookie goes along, the form token does not: refused, nothing run
      const forged = await page.request.post(`${t.baseUrl}/console/audit/verify`, { form: { _csrf: 'not-the-token' }, maxRedirects: 0 });
      expect(forged.status()).toBe(403);
      expect(await forged.text()).not.toContain('data-result');
    } finally {
      await auditorContext.close();
    }
  });
});
