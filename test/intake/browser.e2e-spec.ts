import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { launchBrowser } from '../utils/browser';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, jpegWithExif } from './intake-helpers';

// The committed screenshots are refreshed with UPDATE_SCREENSHOTS=1; otherwise they go to a temporary folder.
const DOCS = process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'docs') : require('node:os').tmpdir();

/**
 * A real browser (Chromium via playwright-core: Debian's where installed, else the one
 * @sparticuz/chromium brings with `npm ci`; see test/utils/browser.ts) on the app listening on a
 * free loopback port: the form with JavaScript off (the wait token), then with it on (the page
 * solves the proof-of-work).
 */
describe('the form in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const photoPath = join(require('node:os').tmpdir(), `tipline-photo-${process.pid}.jpg`);

  beforeAll(async () => {
    t = await createTestApp({ env: { INTAKE_POW_DIFFICULTY: '3000', INTAKE_FORM_MIN_AGE_SECONDS: '1', INTAKE_NOJS_WAIT_SECONDS: '2' } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    require('node:fs').writeFileSync(photoPath, await jpegWithExif('browser-camera'));
  }, 300_000); // the first run unpacks the bundled Chromium (test/utils/browser.ts)
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function fillAndSend(javaScriptEnabled: boolean, screenshots: boolean) {
    const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const external: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base)) external.push(r.url());
    });
    await page.goto(`${base}/`);
    await page.selectOption('#f-province', '24');
    await page.check('#cat-use_hotspot');
    await page.click('button[type=submit]');
    await page.waitForSelector('#tip-form');
    if (javaScriptEnabled) {
      // Enhancement: switch province in place; the communes come from GET /api/v1/localities.
      await page.selectOption('#f-province2', '01');
      await page.waitForSelector('#locality option[value="00004"]', { state: 'attached' });
      expect(await page.$(`#locality option[value="${COMMUNE}"]`)).toBeNull();
      await page.selectOption('#f-province2', '24');
      await page.waitForSelector(`#locality option[value="${COMMUNE}"]`, { state: 'attached' });
    } else {
      expect(await page.isVisible('#province-switch')).toBe(false);
    }
    await page.selectOption('#locality', COMMUNE);
    await page.fill('#f-place', 'gầm cầu cạnh chợ');
    await page.fill('#f-observedAt', '2026-11-20T21:30');
    await page.fill('#f-narrative', 'Mỗi tối có khoảng năm người tụ tập sử dụng ma túy dưới gầm cầu.');
    await page.check('#d-timesOfDay-3');
    await page.fill('#d-people', '5');
    await page.setInputFiles('#f-photos', photoPath);
    if (javaScriptEnabled) {
      await page.waitForSelector('#tip-form[data-pow="solved"]', { timeout: 30_000 });
      expect(await page.inputValue('input[name=proof]')).toMatch(/^altcha:/);
    } else {
      expect(await page.inputValue('input[name=proof]')).toMatch(/^wait:/);
      await page.waitForTimeout(2200);
    }
    if (screenshots) {
      // A full-page capture disturbs later clicks on the page: take it on a copy of the filled form.
      const copy = await context.newPage();
      // Step 1 posts (nothing in the URL): open step 2 of the same choice by its link form.
      await copy.goto(`${base}/?province=24&category=use_hotspot`);
      await copy.selectOption('#locality', COMMUNE);
      await copy.fill('#f-observedAt', '2026-11-20T21:30');
      await copy.fill('#f-narrative', 'Mỗi tối có khoảng năm người tụ tập sử dụng ma túy dưới gầm cầu.');
      await copy.screenshot({ path: join(DOCS, 'form.png'), fullPage: true });
      await copy.close();
    }
    await page.click('#f-proof');
    await page.waitForSelector('#receipt, #errors', { timeout: 20_000 });
    const errors = await page.$('#errors');
    if (errors) throw new Error(`the form was refused: ${await errors.textContent()}`);
    const receipt = (await page.textContent('#receipt'))!.trim();
    const reference = (await page.textContent('#reference'))!.trim();
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);
    if (screenshots) await page.screenshot({ path: join(DOCS, 'receipt.png'), fullPage: true });

    await page.goto(`${base}/status`);
    await page.fill('#f-receipt', receipt);
    await page.click('button[type=submit]');
    expect(await page.textContent('#status')).toBe('Đã tiếp nhận');
    expect(await page.textContent('#status-h')).toContain(reference);
    expect(external).toEqual([]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
    return reference;
  }

  it('with JavaScript disabled: fills the form, gets the receipt, checks the status; the tip is routed', async () => {
    const reference = await fillAndSend(false, false);
    const [row] = await t.app.get(DataSource).query(
      `SELECT u.code, (SELECT count(*)::int FROM tip_photos p JOIN tips x ON x.id = p.tip_id WHERE x.case_id = c.id) AS photos
         FROM cases c JOIN units u ON u.id = c.unit_id WHERE c.reference = $1`,
      [reference],
    );
    expect(row).toEqual({ code: `CA-24-${COMMUNE}`, photos: 1 });
  });

  it('with JavaScript enabled: the page solves the proof-of-work itself', async () => {
    await fillAndSend(true, true);
  });
});
