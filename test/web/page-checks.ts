import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import type { Page } from 'playwright-core';

/**
 * The recommended rules, except the style of void elements: preact-render-to-string writes
 * `<input/>`, the citizen pages `<input>`; both are valid HTML and neither is an error.
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: { 'void-style': 'off' },
});

/** html-validate (recommended rules) finds no error in the document; the failure lists each one with its line. */
export async function expectValidHtml(html: string): Promise<void> {
  const report = await validator.validateString(html);
  const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  expect(errors).toEqual([]);
}

/** axe-core finds no serious or critical violation on the page as the browser shows it. */
export async function expectNoSeriousAxe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page } as never).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** Validates the HTML the server sent for the page's current URL, then runs axe on it. */
export async function checkPage(page: Page, html?: string): Promise<void> {
  await expectValidHtml(html ?? (await page.content()));
  await expectNoSeriousAxe(page);
}
