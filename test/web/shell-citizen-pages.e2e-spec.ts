import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COMMUNE, jpegWithExif } from '../intake/intake-helpers';
import { browserContext, closeConsoleBrowser, ConsoleTestApp, startConsoleApp, submit } from './console-helpers';
import { expectNoSeriousAxe, expectValidHtml } from './page-checks';

jest.setTimeout(240_000);

/**
 * The public citizen pages pass the console's page checks too (issue #18): html-validate on the
 * HTML as sent and axe on the page as shown, for the form (both steps), the receipt and the
 * status pages, in a real browser with JavaScript off.
 */
describe('citizen pages: valid HTML and no serious accessibility problem', () => {
  let t: ConsoleTestApp;
  const photo = join(tmpdir(), `tipline-shell-citizen-${process.pid}.jpg`);

  beforeAll(async () => {
    t = await startConsoleApp({ INTAKE_POW_DIFFICULTY: '3000', INTAKE_FORM_MIN_AGE_SECONDS: '1', INTAKE_NOJS_WAIT_SECONDS: '1' });
    writeFileSync(photo, await jpegWithExif('shell-check'));
  }, 300_000);
  afterAll(async () => {
    await closeConsoleBrowser();
    await t?.close();
  });

  it('the form, the receipt and the status page', async () => {
    const context = await browserContext({ javaScript: false, viewport: { width: 360, height: 740 } });
    try {
      const page = await context.newPage();
      const checkedAnswer = async (answer: Awaited<ReturnType<typeof submit>>) => {
        await expectValidHtml(await answer!.text());
        await expectNoSeriousAxe(page);
      };
      await checkedAnswer(await page.goto(`${t.baseUrl}/`));
      await checkedAnswer(await page.goto(`${t.baseUrl}/?lang=en`));
      await page.goto(`${t.baseUrl}/`);
      await page.selectOption('#f-province', '24');
      await page.check('#cat-use_hotspot');
      await checkedAnswer(await submit(page, '#step1 button[type=submit]'));

      await page.selectOption('#locality', COMMUNE);
      await page.fill('#f-observedAt', '2026-11-20T21:30');
      await page.fill('#f-narrative', 'Mỗi tối có khoảng năm người tụ tập dưới gầm cầu.');
      await page.check('#d-timesOfDay-3');
      // the no-JavaScript wait (1 s here): a form sent too early comes back with what remains; send again until received
      let receipt: string | null = null;
      for (let attempt = 0; attempt < 5 && receipt === null; attempt++) {
        await page.setInputFiles('#f-photos', photo);
        const answer = await submit(page, '#f-proof');
        if (await page.$('#receipt')) {
          await checkedAnswer(answer);
          receipt = (await page.textContent('#receipt'))!.trim();
        } else {
          expect(await page.$('#errors')).toBeNull();
          await page.waitForTimeout(1100);
        }
      }
      expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/);

      await checkedAnswer(await page.goto(`${t.baseUrl}/status`));
      await page.fill('#f-receipt', receipt!);
      await checkedAnswer(await submit(page, 'button[type=submit]'));
      expect(await page.textContent('#status')).toBeTruthy();
      // a wrong receipt: the status page with its error
      await page.goto(`${t.baseUrl}/status`);
      await page.fill('#f-receipt', '0000 0000 0000 0000');
      await checkedAnswer(await submit(page, 'button[type=submit]'));
    } finally {
      await context.close();
    }
  });
});
