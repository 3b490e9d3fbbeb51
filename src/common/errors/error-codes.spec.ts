import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CODES, httpStatusFor } from './error-codes';
import { CODE_MESSAGES } from './error-messages';

/** The README's "Errors" table: what clients were promised, code by code. */
function documentedStatuses(): Map<string, number> {
  const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.split('\n## Errors\n')[1]?.split('\n## ')[0] ?? '';
  const rows = [...section.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|$/gm)];
  return new Map(rows.map((m) => [m[1], Number(m[2])]));
}

describe('error codes', () => {
  const documented = documentedStatuses();

  it('the README documents every code once, with the status the filter sends', () => {
    expect([...documented.keys()].sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) expect([code, httpStatusFor(code)]).toEqual([code, documented.get(code)]);
  });

  it('client mistakes are 4xx: only internal_error and service_unavailable are 5xx', () => {
    expect(ERROR_CODES.filter((c) => httpStatusFor(c) >= 500).sort()).toEqual(['internal_error', 'service_unavailable']);
  });

  it('every code has a generic message in Vietnamese and English, and they differ', () => {
    for (const code of ERROR_CODES) {
      expect(CODE_MESSAGES[code].vi.length).toBeGreaterThan(3);
      expect(CODE_MESSAGES[code].en.length).toBeGreaterThan(3);
      expect([code, CODE_MESSAGES[code].vi]).not.toEqual([code, CODE_MESSAGES[code].en]);
    }
  });
});
