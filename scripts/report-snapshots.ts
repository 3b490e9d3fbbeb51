/**
 * `npm run reports:snapshots`: rewrites src/reports/query-snapshots/*.sql from the report query
 * builders (fixed parameters). Review the diff: it is the change to what the reports run.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reportQuerySnapshots } from '../src/reports/report-query-snapshots';

const dir = path.join(__dirname, '..', 'src', 'reports', 'query-snapshots');
mkdirSync(dir, { recursive: true });
for (const f of readdirSync(dir)) if (f.endsWith('.sql')) rmSync(path.join(dir, f));
const snapshots = reportQuerySnapshots();
for (const s of snapshots) writeFileSync(path.join(dir, `${s.name}.sql`), s.text);
process.stdout.write(`wrote ${snapshots.length} report query snapshots to ${path.relative(process.cwd(), dir)}\n`);
