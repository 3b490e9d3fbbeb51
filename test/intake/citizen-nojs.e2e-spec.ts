import { writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../utils/browser';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../utils/test-app';
import { COMMUNE, jpegWithExif } from './intake-helpers';

// Long enough that the first, too early post is certainly early on a slow, loaded machine (the
// browser needs a few seconds to fill the form); the test then waits out what remains.
const WAIT = 30;

/**
 * The citizen's path with JavaScript off, in a real browser: step 1 as a POST (nothing in the
 * URL), "too fast" keeps the original wait and says what remains and to re-attach photos, the
 * receipt page cannot be left by a link, dates are Viet Nam dates (dd/mm/yyyy), a reply
 * redirects after the post, and free text is never autocompleted.
 */
describe('the citizen path without JavaScript (real browser)', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;
  const photoPath = join(tmpdir(), `tipline-nojs-${process.pid}.jpg`);

  beforeAll(async () => {
    t = await createTestApp({ env: { INTAKE_POW_DIFFICULTY: '3000', INTAKE_FORM_MIN_AGE_SECONDS: '1', INTAKE_NOJS_WAIT_SECONDS: String(WAIT) } });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchBrowser();
    writeFileSync(photoPath, await jpegWithExif('nojs-camera'));
  }, 300_000); // the first run unpacks the bundled Chromium (test/utils/browser.ts)
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function fill(page: Page): Promise<void> {
    await page.selectOption('#locality', COMMUNE);
    await page.fill('#f-place', 'gầm cầu cạnh chợ');
    await page.fill('#f-observedAt', '2026-11-20T21:30');
    await page.fill('#f-narrative', 'Mỗi tối có khoảng năm người tụ tập sử dụng ma túy dưới gầm cầu.');
  }

  it('walks from step 1 to the receipt and the reply without leaking or losing anything', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/`);
    await page.selectOption('#f-province', '24');
    await page.check('#cat-use_hotspot');
    await page.click('#step1 button[type=submit]');
    await page.waitForSelector('#tip-form');
    // Step 1 was a POST: province and kind of tip are not in the URL (nor the history).
    expect(page.url()).toBe(`${base}/`);
    expect(await page.$eval('#step1', () => 1).catch(() => 0)).toBe(0);

    // Free text is never offered from (or saved to) the browser's autocomplete on a shared device.
    for (const sel of ['#f-place', '#f-coordinates', '#f-narrative']) {
      expect([sel, await page.getAttribute(sel, 'autocomplete')]).toEqual([sel, 'off']);
    }
    const textDetails = await page.$$eval('input[type=text][name^="details["]', (els) => els.map((e) => e.getAttribute('autocomplete')));
    expect(textDetails.every((a) => a === 'off')).toBe(true);

    // Too fast: the same token comes back (the wait is not restarted), with what remains and a
    // reminder to attach the photos again.
    const token = await page.inputValue('input[name=proof]');
    await fill(page);
    await page.setInputFiles('#f-photos', photoPath);
    await page.click('#f-proof');
    await page.waitForSelector('#notices');
    const notice = (await page.textContent('#notices'))!;
    const remaining = Number(/đợi thêm (\d+) giây/.exec(notice)?.[1]);
    expect(remaining).toBeGreaterThanOrEqual(1);
    expect(remaining).toBeLessThanOrEqual(WAIT);
    expect(notice).toContain('vui lòng chọn lại ảnh');
    expect(await page.inputValue('input[name=proof]')).toBe(token);
    expect(await page.inputValue('#f-narrative')).toContain('gầm cầu');
    await page.waitForTimeout((remaining + 0.5) * 1000);
    await page.setInputFiles('#f-photos', photoPath);
    await page.click('#f-proof');
    await page.waitForSelector('#receipt, #errors');
    expect(await page.$('#errors')).toBeNull();

    // The receipt page has no link at all (not even the language switch): nothing loses it.
    const receipt = (await page.textContent('#receipt'))!.trim();
    const reference = (await page.textContent('#reference'))!.trim();
    expect(await page.$$('a')).toHaveLength(0);

    // Status dates are Viet Nam dates: a tip opened at 20:00 UTC is the next day in Viet Nam.
    const ds = t.app.get(DataSource);
    await ds.query(`UPDATE case_events SET at = '2026-12-01T20:00:00Z' WHERE type = 'opened' AND case_id = (SELECT id FROM cases WHERE reference = $1)`, [reference]);
    await page.goto(`${base}/status`);
    await page.fill('#f-receipt', receipt);
    await page.click('button[type=submit]');
    await page.waitForSelector('#status');
    expect(await page.textContent('ul time')).toBe('02/12/2026');
    expect(await page.getAttribute('#f-body', 'autocomplete')).toBe('off');

    // A reply redirects after the post: reloading the next page sends nothing again.
    await page.fill('#f-body', 'Thêm: họ đi xe máy màu đỏ.');
    await page.click('#f-body ~ button[type=submit]');
    await page.waitForSelector('#notice');
    expect(page.url()).toBe(`${base}/status?sent=1`);
    await page.reload();
    await page.waitForSelector('#notice');
    const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM case_messages m JOIN cases c ON c.id = m.case_id WHERE c.reference = $1`, [reference]);
    expect(n).toBe(1);
    await context.close();
  }, 240_000);
});
