import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { reportQuerySnapshots } from './report-query-snapshots';

const DIR = path.join(__dirname, 'query-snapshots');

describe('report query snapshots (update with `npm run reports:snapshots`, then review the diff)', () => {
  const rendered = reportQuerySnapshots();

  it.each(rendered.map((r) => [r.name, r.text]))('%s matches its committed snapshot', (name, text) => {
    const file = path.join(DIR, `${name}.sql`);
    let committed: string;
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`no snapshot ${file}: run npm run reports:snapshots`);
    }
    expect(text).toBe(committed);
  });

  it('has no stale snapshot files', () => {
    expect(readdirSync(DIR).sort()).toEqual(rendered.map((r) => `${r.name}.sql`).sort());
  });
});
