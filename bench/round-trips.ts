/**
 * `npm run bench:round-trips`: the statements one staff request sends to PostgreSQL (each is one
 * round trip), counted at node-postgres's Client.query inside the app, for the queue page and a
 * claim/release pair, with the SQL of each (first 110 characters) so a change can be seen to cut
 * them. The app runs in this process (as main.ts builds it) on a scratch database with a few
 * generated cases and an officer made by StaffService.
 */
import '../src/common/size-threadpool';
import 'reflect-metadata';
import { loadavg } from 'node:os';
import { systemContext } from '../src/common/request-context';
import { StaffService } from '../src/staff/staff.service';
import { totpCode } from '../src/staff/totp';
import { inProcessApp } from './in-process-app';

async function main(): Promise<void> {
  const { client: c, world, app, close } = await inProcessApp('roundtrips', { cases: 2000 });
  const unitCode: string = (await c.query('SELECT code FROM units WHERE id = $1', [world.target])).rows[0].code;
  try {
    const officer = await app.get(StaffService).create(systemContext('bench'), { username: `rt-officer-${Date.now()}`, role: 'officer', unitCode, mustChangePassword: false });
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: officer.account.username, password: officer.password, totp: totpCode(officer.totpSecret) } });
    if (login.statusCode !== 200) throw new Error(`login: ${login.statusCode} ${login.body}`);
    const auth = { authorization: `Bearer ${login.json().token}` };
    const [kase] = (await c.query(`SELECT id, version FROM cases WHERE unit_id = $1 AND status <> 'closed' AND claimed_by IS NULL ORDER BY id LIMIT 1`, [world.target])).rows as { id: string; version: number }[];

    // Count every statement any pooled client sends while one request runs.
    const proto = (await import('pg')).Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
    const real = proto.query;
    let log: string[] | null = null;
    proto.query = function (this: unknown, ...a: unknown[]) {
      if (log) {
        const q = a[0] as string | { text?: string };
        log.push((typeof q === 'string' ? q : (q?.text ?? '?')).replace(/\s+/g, ' ').slice(0, 110));
      }
      return real.apply(this, a);
    };
    const measure = async (label: string, send: () => Promise<{ statusCode: number; body: string }>) => {
      await send(); // warm (caches, prepared metadata)
      log = [];
      const res = await send();
      const sent = log;
      log = null;
      process.stdout.write(`${label}: ${sent.length} statements (status ${res.statusCode}) (load ${loadavg()[0].toFixed(1)})\n`);
      for (const s of sent) process.stdout.write(`    ${s}\n`);
      return res;
    };
    // A tip as the JSON API takes it (the proof solved beforehand, as a client would).
    const { solveForTest } = await import('../src/intake/proof-of-work');
    const commune: string = (await c.query(`SELECT code FROM localities WHERE level = 'commune' AND valid_to IS NULL ORDER BY code LIMIT 1`)).rows[0].code;
    let tipNo = 0;
    await measure('POST /api/v1/tips', async () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/tips',
        remoteAddress: `10.0.0.${++tipNo}`,
        payload: {
          category: 'use_hotspot',
          locality: commune,
          observedAt: '2026-11-20T21:30',
          narrative: 'Nhiều người tụ tập sử dụng ma túy dưới gầm cầu mỗi tối.',
          details: { people: 6, timesOfDay: ['night'] },
          proof: await solveForTest((await app.inject({ method: 'GET', url: '/api/v1/intake/challenge' })).json()),
        },
      }),
    );
    await measure('GET /api/v1/cases?limit=50', () => app.inject({ method: 'GET', url: '/api/v1/cases?limit=50', headers: auth }));
    let version = kase.version;
    const action = async (name: 'claim' | 'release') => {
      const res = await app.inject({ method: 'POST', url: `/api/v1/cases/${kase.id}/${name}`, headers: auth, payload: { version } });
      if (res.statusCode === 200) version = (res.json() as { version: number }).version;
      return res;
    };
    // claim then release (warm), then the measured claim and release.
    await action('claim');
    await action('release');
    log = [];
    const claimed = await action('claim');
    const claimLog = log as string[];
    log = [];
    const released = await action('release');
    const releaseLog = log as string[];
    log = null;
    for (const [label, res, sent] of [['claim', claimed, claimLog], ['release', released, releaseLog]] as const) {
      process.stdout.write(`POST /api/v1/cases/:id/${label}: ${sent.length} statements (status ${res.statusCode}) (load ${loadavg()[0].toFixed(1)})\n`);
      for (const s of sent) process.stdout.write(`    ${s}\n`);
    }
    proto.query = real;
  } finally {
    await close();
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
