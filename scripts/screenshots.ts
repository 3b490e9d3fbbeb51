/**
 * `npm run screenshots`: the README's pictures of the console, docs/screenshots/<name>-<width>.png
 * at 1280 and 360 px. Starts the test database server (jest's global setup: embedded PostgreSQL
 * and the migrated template), the whole app on 127.0.0.1 with demo data, and the tests' headless
 * Chromium; signs in as each page's role and photographs the full page. Not a test: nothing is
 * asserted, and the pictures change with the demo data.
 *
 * Add a page: an entry in SHOTS (its own `// == <area> ==` section), with `seed` when it needs
 * data of its own.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditCheckpointService } from '../src/audit/audit-checkpoint.service';
import type { Role } from '../src/auth/auth.decorators';
import { CATEGORY_CODES } from '../src/categories/category-codes';
import globalSetup from '../test/global-setup';
import globalTeardown from '../test/global-teardown';
import { openTestCase } from '../test/utils/cases';
import { clearClocks, insertClock } from '../test/utils/clocks';
import { ensureUnit } from '../test/utils/staff';
import { browserContext, closeConsoleBrowser, ConsoleTestApp, makeStaff, signIn, startConsoleApp } from '../test/web/console-helpers';
import { CASES_SHOTS } from './screenshots-cases';

const OUT = path.join(__dirname, '..', 'docs', 'screenshots');
const WIDTHS = [1280, 360] as const;

interface Shot {
  /** File name stem: docs/screenshots/<name>-<width>.png */
  name: string;
  role: Role;
  /** The unit code the signed-in account belongs to (default DEMO_PROVINCE). */
  unitCode?: string;
  /** Page path, or a function of what seed() returned. */
  path: string | ((seeded: unknown) => string);
  seed?: (t: ConsoleTestApp) => Promise<unknown>;
}

const DEMO_PROVINCE = 'DEMO-PROV';
const H = 3_600_000;

// == supervisor ==
/**
 * Three communes' units under a province unit; 60 cases over the last 4 months, most acknowledged
 * and many closed, their clocks met or breached; a few open ones near or past their deadline.
 */
async function seedDashboard(t: ConsoleTestApp): Promise<void> {
  const ds = t.app.get(DataSource);
  await ensureUnit(t, DEMO_PROVINCE, { kind: 'provincial_drug_police' });
  const units = [await ensureUnit(t, 'DEMO-A', { parentCode: DEMO_PROVINCE }), await ensureUnit(t, 'DEMO-B', { parentCode: DEMO_PROVINCE }), await ensureUnit(t, 'DEMO-C', { parentCode: DEMO_PROVINCE })];
  const now = Date.now();
  let seed = 7;
  const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  for (let i = 0; i < 60; i++) {
    const unitId = units[i % 3];
    const { caseId } = await openTestCase(t, unitId, { category: CATEGORY_CODES[i % 4], localityCode: '00001' });
    const t0 = now - (5 + rnd() * 110) * 24 * H;
    const ack = 1 + rnd() * (i % 3 === 2 ? 40 : 18);
    const first = ack + 4 + rnd() * 60;
    const open = i % 7 === 0;
    const close = open ? null : first + 24 + rnd() * 300;
    await ds.query(`UPDATE cases SET created_at = $2, stage_started_at = $2, status = $3, outcome = $4, closed_at = $5, next_deadline_at = $6 WHERE id = $1`, [
      caseId,
      new Date(t0),
      open ? 'acknowledged' : 'closed',
      open ? null : 'unsubstantiated',
      close === null ? null : new Date(t0 + close * H),
      open ? new Date(now + (i % 2 ? 2 : -5) * H) : null,
    ]);
    await ds.query(`UPDATE case_events SET at = $2 WHERE case_id = $1 AND type = 'opened'`, [caseId, new Date(t0)]);
    const events: [string, number][] = [['acknowledged', ack], ['verification_started', first]];
    if (close !== null) events.push(['closed', close]);
    for (const [type, h] of events) {
      await ds.query(`INSERT INTO case_events (id, case_id, type, actor_type, at) VALUES ($1, $2, $3, 'system', $4)`, [randomUUID(), caseId, type, new Date(t0 + h * H)]);
    }
    await clearClocks(ds, caseId);
    const ackOk = ack <= 24;
    await insertClock(ds, caseId, 'acknowledge', { status: ackOk ? 'met' : 'breached', startedAt: new Date(t0), dueAt: new Date(t0 + 24 * H), metAt: ackOk ? new Date(t0 + ack * H) : null, breachedAt: ackOk ? null : new Date(t0 + 24 * H) });
    if (open) {
      await insertClock(ds, caseId, 'first_action', { status: 'running', startedAt: new Date(t0 + ack * H), dueAt: new Date(now + (i % 2 ? 2 : -5) * H) });
    } else {
      const faOk = first - ack <= 48;
      await insertClock(ds, caseId, 'first_action', {
        status: faOk ? 'met' : 'breached',
        startedAt: new Date(t0 + ack * H),
        dueAt: new Date(t0 + (ack + 48) * H),
        metAt: faOk ? new Date(t0 + first * H) : null,
        breachedAt: faOk ? null : new Date(t0 + (ack + 48) * H),
      });
    }
  }

  // hotspots this year and last, in a few communes (status changes a year apart: year on year)
  const year = new Date(now).getUTCFullYear();
  const spots: [string, number, [string | null, string, string][]][] = [
    ['00001', 0, [[null, 'suspected', `${year - 1}-03-01`], ['suspected', 'verified', `${year - 1}-05-01`], ['verified', 'dismantled', `${year}-02-01`]]],
    ['00001', 1, [[null, 'suspected', `${year}-04-01`], ['suspected', 'verified', `${year}-06-01`]]],
    ['00004', 2, [[null, 'suspected', `${year - 1}-06-01`], ['suspected', 'dismantled', `${year - 1}-09-01`], ['dismantled', 're_emerged', `${year}-09-01`]]],
    ['00007', 0, [[null, 'suspected', `${year}-01-15`]]],
    ['00007', 1, [[null, 'suspected', `${year}-07-15`]]],
    ['00025', 2, [[null, 'suspected', `${year - 1}-08-01`], ['suspected', 'verified', `${year - 1}-10-01`]]],
  ];
  for (const [locality, u, changes] of spots) {
    const id = randomUUID();
    const last = changes[changes.length - 1];
    await ds.query(`INSERT INTO hotspots (id, unit_id, locality_code, description, status, created_at, status_changed_at) VALUES ($1, $2, $3, 'demo', $4, $5, $6)`, [
      id,
      units[u],
      locality,
      last[1],
      `${changes[0][2]}T03:00:00Z`,
      `${last[2]}T03:00:00Z`,
    ]);
    for (const [from, to, at] of changes) {
      await ds.query(`INSERT INTO hotspot_status_changes (id, hotspot_id, from_status, to_status, at) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), id, from, to, `${at}T03:00:00Z`]);
    }
  }
}

/** The dashboard over the demo's four months (the form's default is the last 30 days). */
const dashboardPath = () => `/console/dashboard?from=${new Date(Date.now() - 125 * 24 * H).toISOString().slice(0, 10)}&groupBy=unit`;

const SHOTS: Shot[] = [
  { name: 'dashboard', role: 'supervisor', path: dashboardPath, seed: seedDashboard },
  // == auditor ==
  { name: 'audit', role: 'auditor', path: '/console/audit', seed: (t) => t.app.get(AuditCheckpointService).checkpoint() },
  // == cases == (scripts/screenshots-cases.ts)
  ...CASES_SHOTS,
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  await globalSetup();
  const t = await startConsoleApp();
  try {
    for (const shot of SHOTS) {
      const seeded = shot.seed ? await shot.seed(t) : undefined;
      const unitId = await ensureUnit(t, shot.unitCode ?? DEMO_PROVINCE, shot.unitCode ? {} : { kind: 'provincial_drug_police' });
      const staff = await makeStaff(t, { role: shot.role, unitId, username: `demo-${shot.role.replace('_', '')}-${shot.name}` });
      const target = typeof shot.path === 'function' ? shot.path(seeded) : shot.path;
      for (const width of WIDTHS) {
        const context = await browserContext({ javaScript: true, locale: 'vi-VN', viewport: { width, height: 900 } });
        try {
          const page = await context.newPage();
          await signIn(page, t.baseUrl, staff, target);
          await page.goto(`${t.baseUrl}${target}`);
          const file = path.join(OUT, `${shot.name}-${width}.png`);
          await page.screenshot({ path: file, fullPage: true });
          process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
        } finally {
          await context.close();
        }
      }
    }
  } finally {
    await closeConsoleBrowser();
    await t.close();
    await globalTeardown();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`screenshots failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
