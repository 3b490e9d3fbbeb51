/** HTML that is already safe (built by `html` or deliberately marked with `raw`). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

function render(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof SafeHtml) return v.value;
  if (Array.isArray(v)) return v.map(render).join('');
  return escapeHtml(String(v));
}

/**
 * Tagged template for pages: every interpolated value is escaped unless it is SafeHtml, so
 * tipster input and data can never become markup. Interpolate only in text or in quoted
 * attribute values.
 */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return new SafeHtml(out);
}

/** Marks trusted markup (constants of this project, never input). */
export function raw(s: string): SafeHtml {
  return new SafeHtml(s);
}

/** JSON for a `<script type="application/json">` block: `<` is escaped so it cannot close the tag. */
export function jsonForScript(v: unknown): SafeHtml {
  return new SafeHtml(JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026'));
}
