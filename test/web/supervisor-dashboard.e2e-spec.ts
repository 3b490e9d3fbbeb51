/**
 * The supervisor dashboard in a headless Chromium, JavaScript off and on: a case filed and closed
 * through the API shows up in the rendered figures, the charts are titled SVG images with their
 * tables, the download links give CSV and XLSX with the same filters, a bad filter is shown next
 * to its field, an officer gets a 403 page. Every page passes html-validate and axe.
 */
import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { COMMUNE, FAST_PROOF_ENV, validTip } from '../intake/intake-helpers';
import { bearer, loginAs, LoggedIn } from '../utils/staff';
import { browserContext, closeConsoleBrowser, ConsoleStaff, ConsoleTestApp, makeStaff, signIn, startConsoleApp } from './console-helpers';
import { checkPage, expectNoSeriousAxe, expectValidHtml } from './page-checks';

/** The commune police unit the seed routes the test tip to (test/intake/intake-helpers.ts). */
const UNIT_CODE = `CA-24-${COMMUNE}`;

// A browser, axe and html-validate on every page, on a loaded 2-core machine: minutes, not seconds (no assertion is about time).
jest.setTimeout(300_000);

describe('the supervisor dashboard (/console/dashboard)', () => {
  let t: ConsoleTestApp;
  let unitId: string;
  let supervisor: ConsoleStaff;
  let officerApi: LoggedIn;

  beforeAll(async () => {
    t = await startConsoleApp(FAST_PROOF_ENV);
    const rows: { id: string }[] = await t.app.get(DataSource).query('SELECT id FROM units WHERE code = $1', [UNIT_CODE]);
    unitId = rows[0].id;
    supervisor = await makeStaff(t, { role: 'supervisor', unitId });
    officerApi = await loginAs(t, 'officer', UNIT_CODE);
  });
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  /** A tip filed through the public API (routed to UNIT_CODE), acknowledged and closed by its officer through the API. */
  async function fileAndCloseCase(): Promise<string> {
    const tip = await t.app.inject({ method: 'POST', url: '/api/v1/tips', payload: await validTip(t) });
    expect(tip.statusCode).toBe(201);
    const [c]: { id: string; version: number }[] = await t.app.get(DataSource).query('SELECT id FROM cases WHERE reference = $1', [tip.json().reference]);
    const act = async (action: string, payload: object) => {
      const view = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${c.id}`, headers: bearer(officerApi.token) });
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/cases/${c.id}/${action}`, headers: bearer(officerApi.token), payload: { version: view.json().version, ...payload } });
      expect(res.statusCode).toBe(200);
    };
    await act('acknowledge', {});
    await act('close', { outcome: 'unsubstantiated' });
    return c.id;
  }

  /** The unit's figure in a column of the response-times table (0 when the unit has no row yet). */
  async function unitFigure(page: Page, col: 'cases' | 'closed' | 'acknowledged'): Promise<number> {
    const cell = page.locator(`#response-table tr[data-key="${unitId}"] td[data-col="${col}"]`);
    if ((await cell.count()) === 0) return 0;
    return Number((await cell.innerText()).replace(/[^\d]/g, ''));
  }

  async function openDashboard(page: Page, query = 'groupBy=unit'): Promise<string> {
    const res = await page.goto(`${t.baseUrl}/console/dashboard?${query}`);
    expect(res?.status()).toBe(200);
    const html = await res!.text();
    await checkPage(page, html);
    return html;
  }

  for (const javaScript of [false, true]) {
    it(`counts a case filed and closed through the API in the figures (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const context = await browserContext({ javaScript });
      try {
        const page = await context.newPage();
        await signIn(page, t.baseUrl, supervisor, '/console/dashboard');
        expect(new URL(page.url()).pathname).toBe('/console/dashboard');
        await openDashboard(page);
        const before = { cases: await unitFigure(page, 'cases'), closed: await unitFigure(page, 'closed') };

        await fileAndCloseCase();

        await openDashboard(page);
        expect(await unitFigure(page, 'cases')).toBe(before.cases + 1);
        expect(await unitFigure(page, 'closed')).toBe(before.closed + 1);
        // the month table counts it too (its month is in the default period: the last 30 days)
        const months = await page.locator('#month-table tbody tr td[data-col="cases"]').allInnerTexts();
        expect(months.map((m) => Number(m.replace(/[^\d]/g, ''))).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(before.cases + 1);

        // the charts: SVG images with a title and a description, each with a table of its figures
        const charts = page.locator('svg[role="img"]');
        expect(await charts.count()).toBe(4); // medians, months, breaches, backlog (no hotspots in this database)
        for (const id of ['chart-medians', 'chart-months', 'chart-breaches', 'chart-backlog']) {
          const svg = page.locator(`svg[aria-labelledby="${id}-title"]`);
          expect((await svg.locator('title').textContent())?.length).toBeGreaterThan(3);
          expect((await svg.locator('desc').textContent())?.length).toBeGreaterThan(10);
        }
        expect(await page.locator('#response-table caption, #breach-table caption, #backlog-table caption, .chart-data caption').count()).toBe(4);
      } finally {
        await context.close();
      }
    });
  }

  it('links CSV and XLSX downloads of the reports with the same filters', async () => {
    const context = await browserContext({ javaScript: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, supervisor, '/console/dashboard');
      await openDashboard(page, `unit=${UNIT_CODE}&groupBy=unit&lang=en`);
      const hrefs = await page.locator('ul.downloads a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs).toHaveLength(12);
      for (const href of hrefs) {
        const url = new URL(href, t.baseUrl);
        expect(url.pathname).toMatch(/^\/api\/v1\/reports\/(response-times|hotspots|backlog)$/);
        if (url.pathname !== '/api/v1/reports/hotspots') expect(url.searchParams.get('unit')).toBe(UNIT_CODE);
        // the browser's own session (cookie) fetches it, as a click would
        const res = await page.request.get(url.toString());
        expect(res.status()).toBe(200);
        const body = await res.body();
        if (url.searchParams.get('format') === 'csv') {
          expect(res.headers()['content-type']).toContain('text/csv');
          expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
        } else {
          expect(res.headers()['content-type']).toContain('spreadsheetml');
          expect(body.subarray(0, 2).toString()).toBe('PK');
        }
        expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="/);
      }
      const byUnit = hrefs.find((h) => h.includes('groupBy=unit') && h.includes('format=csv'))!;
      const csv = (await (await page.request.get(new URL(byUnit, t.baseUrl).toString())).text()).replace(/^\uFEFF/, '');
      expect(csv.split('\r\n')[0]).toContain('Cases');
      expect(csv).toContain(UNIT_CODE);
    } finally {
      await context.close();
    }
  });

  it('shows a bad filter next to its field (400) and a unit outside the scope as a field problem (404)', async () => {
    const context = await browserContext({ javaScript: false, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, supervisor, '/console/dashboard');
      const bad = await page.goto(`${t.baseUrl}/console/dashboard?from=2026-02-30&groupBy=case&lang=en`);
      expect(bad?.status()).toBe(400);
      await checkPage(page, await bad!.text());
      expect(await page.locator('#f-from-error').innerText()).toContain('real date');
      expect(await page.locator('#f-groupBy-error').innerText()).toContain('groupBy');
      expect(await page.locator('.error-summary a[href="#f-from"]').count()).toBe(1);
      expect(await page.locator('svg[role="img"]').count()).toBe(0);

      const foreign = await page.goto(`${t.baseUrl}/console/dashboard?unit=NO-SUCH-UNIT&lang=en`);
      expect(foreign?.status()).toBe(404);
      await checkPage(page, await foreign!.text());
      expect(await page.locator('#f-unit-error').innerText()).toContain('no such unit');
    } finally {
      await context.close();
    }
  });

  it('refuses an officer with a 403 page (the dashboard is for unit leads, supervisors and auditors)', async () => {
    const officer = await makeStaff(t, { role: 'officer', unitId });
    const context = await browserContext({ javaScript: true });
    try {
      const page = await context.newPage();
      await signIn(page, t.baseUrl, officer);
      const res = await page.goto(`${t.baseUrl}/console/dashboard`);
      expect(res?.status()).toBe(403);
      expect(res?.headers()['content-type']).toContain('text/html');
      const html = await res!.text();
      await expectValidHtml(html);
      await expectNoSeriousAxe(page);
      expect(await page.locator('#response-table').count()).toBe(0);
      // and the header offers the officer no dashboard link
      expect(await page.locator('header nav a[href="/console/dashboard"]').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
