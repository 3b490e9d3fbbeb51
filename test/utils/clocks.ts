import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** A clock row as a report fixture wants it (h15's case_clocks; CONTRACT-clocks.md). */
export interface FixtureClock {
  status: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
  startedAt: Date;
  dueAt?: Date | null;
  metAt?: Date | null;
  breachedAt?: Date | null;
  extensions?: number;
}

/**
 * Drops the clocks intake started for a case (their clock events go with them), so a fixture
 * sets the case's clock state itself instead of depending on when the test runs.
 */
export async function clearClocks(ds: DataSource, caseId: string): Promise<void> {
  await ds.query(`DELETE FROM case_clocks WHERE case_id = $1`, [caseId]);
}

/**
 * Inserts a clock on h15's real schema: a seeded policy of that kind (the policy FK), its base
 * duration copied from the policy as h15 does, and the given state; then its clock events.
 * Returns the clock id.
 */
export async function insertClock(ds: DataSource, caseId: string, kind: string, c: FixtureClock, events: [string, Date][] = []): Promise<string> {
  const policies: { id: string; legal: boolean; duration_value: number; duration_unit: string }[] = await ds.query(
    `SELECT id, legal, duration_value, duration_unit FROM clock_policies WHERE kind = $1 ORDER BY category NULLS FIRST, priority NULLS FIRST, valid_from LIMIT 1`,
    [kind],
  );
  if (!policies[0]) throw new Error(`no seeded clock policy of kind ${kind}`);
  const p = policies[0];
  const id = randomUUID();
  await ds.query(
    `INSERT INTO case_clocks (id, case_id, kind, legal, policy_id, started_at, due_at, status, met_at, breached_at, extensions, duration_value, duration_unit)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [id, caseId, kind, p.legal, p.id, c.startedAt, c.dueAt ?? null, c.status, c.metAt ?? null, c.breachedAt ?? null, c.extensions ?? 0, p.duration_value, p.duration_unit],
  );
  for (const [type, at] of events) {
    await ds.query(`INSERT INTO clock_events (id, clock_id, case_id, type, at) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), id, caseId, type, at]);
  }
  return id;
}
