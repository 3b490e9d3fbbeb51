import AxeBuilder from '@axe-core/playwright';
import { HtmlValidate } from 'html-validate';
import type { BrowserContext, Page } from 'playwright-core';

/**
 * The recommended rules, with two settings that describe valid HTML rather than relax it: void
 * elements in either style (preact-render-to-string writes `<input/>`, the citizen pages
 * `<input>`), and checkboxes of one group sharing their name (like radio buttons; the citizen
 * form's "times of day").
 */
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'void-style': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'checkbox', 'button', 'reset', 'submit'] }],
  },
});

/** html-validate (recommended rules) finds no error in the document; the failure lists each one with its line. */
export async function expectValidHtml(html: string): Promise<void> {
  const report = await validator.validateString(html);
  const errors = report.results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  expect(errors).toEqual([]);
}

const javaScriptOff = new WeakSet<BrowserContext>();

/** Marks a context made with JavaScript off (browserContext() does it), for expectNoSeriousAxe. */
export function markJavaScriptOff(context: BrowserContext): void {
  javaScriptOff.add(context);
}

/**
 * axe-core finds no serious or critical violation on the page as the browser shows it. axe needs
 * the page's event loop (timers), which a context with JavaScript off does not run: such a page
 * is checked in a JavaScript-on twin that gets the same document (its DOM as rendered, served
 * at the same URL, so the stylesheet loads from the app as usual).
 */
export async function expectNoSeriousAxe(page: Page): Promise<void> {
  if (!javaScriptOff.has(page.context())) {
    expectNoSerious(await new AxeBuilder({ page } as never).analyze());
    return;
  }
  const html = await page.content();
  const url = page.url();
  const twin = await page.context().browser()!.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
  try {
    const copy = await twin.newPage();
    await copy.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.goto(url);
    expectNoSerious(await new AxeBuilder({ page: copy } as never).analyze());
  } finally {
    await twin.close();
  }
}

function expectNoSerious(results: { violations: { impact?: string | null; id: string; help: string; nodes: { target: unknown[] }[] }[] }): void {
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(serious).toEqual([]);
}

/** Validates the HTML the server sent (or, without it, the page's DOM), then runs axe on the page. */
export async function checkPage(page: Page, html?: string): Promise<void> {
  await expectValidHtml(html ?? (await page.content()));
  await expectNoSeriousAxe(page);
}
