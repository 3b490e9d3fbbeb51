/**
 * Reading an HTML form's urlencoded body. Console forms are read field by field (not through a DTO
 * with forbidNonWhitelisted) so that a bad value re-renders the form with the problem next to its
 * field instead of an error page.
 */
export type FormBody = Record<string, unknown> | null | undefined;

/** A text field: trimmed unless `raw` (passwords), cut to `max` characters; '' when absent or repeated. */
export function formText(body: FormBody, name: string, opts: { max?: number; raw?: boolean } = {}): string {
  const v = body?.[name];
  if (typeof v !== 'string') return '';
  const s = opts.raw ? v : v.trim();
  return s.slice(0, opts.max ?? 1000);
}
