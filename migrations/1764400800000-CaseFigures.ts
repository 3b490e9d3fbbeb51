import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * case_figures: one row of report figures per case (src/case-figures), kept by whoever changes a
 * case in the same transaction; the supervisor reports aggregate it instead of the timelines.
 * The backfill below is CaseFiguresRepository's refresh statement over every case, frozen as it
 * was when this migration was written (the repository's copy may change later; this one must
 * not). It runs before the secondary indexes are built, which is faster on a large table.
 */
export class CaseFigures1764400800000 implements MigrationInterface {
  name = 'CaseFigures1764400800000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "case_figures" ("case_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "locality_code" text, "category" text NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "month" text NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "first_action_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "ack_hours" double precision, "first_action_hours" double precision, "close_hours" double precision, "paused_closed_seconds" numeric NOT NULL DEFAULT '0', "paused_since" TIMESTAMP WITH TIME ZONE, "extensions" integer NOT NULL DEFAULT '0', "suspensions" integer NOT NULL DEFAULT '0', "acknowledge_met" smallint NOT NULL DEFAULT '0', "acknowledge_breached" smallint NOT NULL DEFAULT '0', "acknowledge_paused" smallint NOT NULL DEFAULT '0', "acknowledge_due" TIMESTAMP WITH TIME ZONE, "first_action_met" smallint NOT NULL DEFAULT '0', "first_action_breached" smallint NOT NULL DEFAULT '0', "first_action_paused" smallint NOT NULL DEFAULT '0', "first_action_due" TIMESTAMP WITH TIME ZONE, "legal_transfer_met" smallint NOT NULL DEFAULT '0', "legal_transfer_breached" smallint NOT NULL DEFAULT '0', "legal_transfer_paused" smallint NOT NULL DEFAULT '0', "legal_transfer_due" TIMESTAMP WITH TIME ZONE, "legal_notify_met" smallint NOT NULL DEFAULT '0', "legal_notify_breached" smallint NOT NULL DEFAULT '0', "legal_notify_paused" smallint NOT NULL DEFAULT '0', "legal_notify_due" TIMESTAMP WITH TIME ZONE, "legal_verify_met" smallint NOT NULL DEFAULT '0', "legal_verify_breached" smallint NOT NULL DEFAULT '0', "legal_verify_paused" smallint NOT NULL DEFAULT '0', "legal_verify_due" TIMESTAMP WITH TIME ZONE, "open_clock_breached" boolean, "running_due" TIMESTAMP WITH TIME ZONE, "open_clock_paused" boolean, "open_clock_kind" text, "open_clock_due" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f54351ac6c990dfd746e6ebfe4a" PRIMARY KEY ("case_id"))`);
    await q.query(`ALTER TABLE "case_figures" ADD CONSTRAINT "case_figures_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(BACKFILL);
    await q.query(`CREATE INDEX "case_figures_open_unit_idx" ON "case_figures" ("unit_id") WHERE "status" <> 'closed'`);
    await q.query(`CREATE INDEX "case_figures_locality_created_idx" ON "case_figures" ("locality_code", "created_at") `);
    await q.query(`CREATE INDEX "case_figures_unit_created_idx" ON "case_figures" ("unit_id", "created_at") `);
    await q.query(`CREATE INDEX "case_figures_created_at_idx" ON "case_figures" ("created_at") `);
    await q.query(`ANALYZE "case_figures"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "case_figures"`);
  }
}

const BACKFILL = `WITH c AS (
  SELECT c.id, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
         CASE WHEN c.status = 'closed' THEN c.closed_at END AS close_at
    FROM cases c
   WHERE true
),
firsts AS (
  SELECT e.case_id,
         min(e.at) FILTER (WHERE e.type = 'acknowledged') AS ack_at,
         min(e.at) FILTER (WHERE e.type IN ('verification_started', 'actioned', 'closed')) AS first_action_at
    FROM case_events e
   WHERE true AND e.type IN ('acknowledged', 'verification_started', 'actioned', 'closed')
   GROUP BY e.case_id
),
raw_pauses AS (
  SELECT ev.case_id, ev.at AS s,
         COALESCE((SELECT min(r.at) FROM clock_events r
                    WHERE r.clock_id = ev.clock_id AND r.at >= ev.at AND r.type IN ('resumed', 'met', 'cancelled')), 'infinity') AS e
    FROM clock_events ev
   WHERE true AND ev.type = 'paused'
),
islands AS (
  SELECT case_id, s, e,
         count(*) FILTER (WHERE is_new) OVER (PARTITION BY case_id ORDER BY s, e) AS island
    FROM (SELECT case_id, s, e,
                 (s > max(e) OVER (PARTITION BY case_id ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) IS NOT FALSE AS is_new
            FROM raw_pauses) x
),
pauses AS (
  SELECT case_id, min(s) AS s, max(e) AS e FROM islands GROUP BY case_id, island
),
paused AS (
  SELECT pm.case_id,
         COALESCE(sum(extract(epoch FROM pm.e - pm.s)) FILTER (WHERE pm.e <> 'infinity'), 0) AS closed_s,
         min(pm.s) FILTER (WHERE pm.e = 'infinity') AS since,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.ack_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE f.ack_at IS NOT NULL) AS to_ack_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.first_action_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE f.first_action_at IS NOT NULL) AS to_first_action_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, c.close_at) - GREATEST(pm.s, c.created_at)))) FILTER (WHERE c.close_at IS NOT NULL) AS to_close_s
    FROM pauses pm JOIN c ON c.id = pm.case_id LEFT JOIN firsts f ON f.case_id = pm.case_id
   GROUP BY pm.case_id
),
changes AS (
  SELECT ev.case_id,
         count(DISTINCT ev.at) FILTER (WHERE ev.type = 'extended')::int AS extensions,
         count(DISTINCT ev.at) FILTER (WHERE ev.type = 'paused')::int AS suspensions
    FROM clock_events ev
   WHERE true AND ev.type IN ('extended', 'paused')
   GROUP BY ev.case_id
),
clocks AS (
  SELECT k.case_id,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS acknowledge_met,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS acknowledge_breached,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS acknowledge_paused,
         min(k.due_at) FILTER (WHERE k.kind = 'acknowledge' AND k.status = 'running' AND k.breached_at IS NULL) AS acknowledge_due,
         count(*) FILTER (WHERE k.kind = 'first_action' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS first_action_met,
         count(*) FILTER (WHERE k.kind = 'first_action' AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS first_action_breached,
         count(*) FILTER (WHERE k.kind = 'first_action' AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS first_action_paused,
         min(k.due_at) FILTER (WHERE k.kind = 'first_action' AND k.status = 'running' AND k.breached_at IS NULL) AS first_action_due,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS legal_transfer_met,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS legal_transfer_breached,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS legal_transfer_paused,
         min(k.due_at) FILTER (WHERE k.kind = 'legal_transfer' AND k.status = 'running' AND k.breached_at IS NULL) AS legal_transfer_due,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS legal_notify_met,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS legal_notify_breached,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS legal_notify_paused,
         min(k.due_at) FILTER (WHERE k.kind = 'legal_notify' AND k.status = 'running' AND k.breached_at IS NULL) AS legal_notify_due,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::smallint AS legal_verify_met,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND (k.breached_at IS NOT NULL OR k.status = 'breached'))::smallint AS legal_verify_breached,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND k.status = 'paused' AND k.breached_at IS NULL)::smallint AS legal_verify_paused,
         min(k.due_at) FILTER (WHERE k.kind = 'legal_verify' AND k.status = 'running' AND k.breached_at IS NULL) AS legal_verify_due,
         bool_or(k.status = 'breached') FILTER (WHERE k.status IN ('running', 'paused', 'breached')) AS open_clock_breached,
         min(k.due_at) FILTER (WHERE k.status = 'running') AS running_due,
         bool_or(k.status = 'paused') FILTER (WHERE k.status IN ('running', 'paused', 'breached')) AS open_clock_paused
    FROM case_clocks k
   WHERE true AND k.status <> 'cancelled'
   GROUP BY k.case_id
),
shown AS (
  SELECT DISTINCT ON (k.case_id) k.case_id, k.kind, k.due_at
    FROM case_clocks k
   WHERE true AND k.status IN ('running', 'paused', 'breached')
   ORDER BY k.case_id, (k.status = 'breached') DESC, k.due_at NULLS LAST, k.kind
)
INSERT INTO case_figures (case_id, unit_id, locality_code, category, status, created_at, month, acknowledged_at, first_action_at, closed_at, ack_hours, first_action_hours, close_hours, paused_closed_seconds, paused_since, extensions, suspensions, acknowledge_met, acknowledge_breached, acknowledge_paused, acknowledge_due, first_action_met, first_action_breached, first_action_paused, first_action_due, legal_transfer_met, legal_transfer_breached, legal_transfer_paused, legal_transfer_due, legal_notify_met, legal_notify_breached, legal_notify_paused, legal_notify_due, legal_verify_met, legal_verify_breached, legal_verify_paused, legal_verify_due, open_clock_breached, running_due, open_clock_paused, open_clock_kind, open_clock_due)
SELECT c.id, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
       to_char(c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM'),
       f.ack_at, f.first_action_at, c.close_at,
       ((extract(epoch FROM f.ack_at - c.created_at) - COALESCE(pa.to_ack_s, 0)) / 3600)::float8,
       ((extract(epoch FROM f.first_action_at - c.created_at) - COALESCE(pa.to_first_action_s, 0)) / 3600)::float8,
       ((extract(epoch FROM c.close_at - c.created_at) - COALESCE(pa.to_close_s, 0)) / 3600)::float8,
       COALESCE(pa.closed_s, 0), pa.since, COALESCE(ch.extensions, 0), COALESCE(ch.suspensions, 0),
       COALESCE(k.acknowledge_met, 0), COALESCE(k.acknowledge_breached, 0), COALESCE(k.acknowledge_paused, 0), k.acknowledge_due,
       COALESCE(k.first_action_met, 0), COALESCE(k.first_action_breached, 0), COALESCE(k.first_action_paused, 0), k.first_action_due,
       COALESCE(k.legal_transfer_met, 0), COALESCE(k.legal_transfer_breached, 0), COALESCE(k.legal_transfer_paused, 0), k.legal_transfer_due,
       COALESCE(k.legal_notify_met, 0), COALESCE(k.legal_notify_breached, 0), COALESCE(k.legal_notify_paused, 0), k.legal_notify_due,
       COALESCE(k.legal_verify_met, 0), COALESCE(k.legal_verify_breached, 0), COALESCE(k.legal_verify_paused, 0), k.legal_verify_due,
       k.open_clock_breached, k.running_due, k.open_clock_paused, sh.kind, sh.due_at
  FROM c
  LEFT JOIN firsts f ON f.case_id = c.id
  LEFT JOIN paused pa ON pa.case_id = c.id
  LEFT JOIN changes ch ON ch.case_id = c.id
  LEFT JOIN clocks k ON k.case_id = c.id
  LEFT JOIN shown sh ON sh.case_id = c.id
ON CONFLICT (case_id) DO UPDATE SET
  unit_id = EXCLUDED.unit_id,
  locality_code = EXCLUDED.locality_code,
  category = EXCLUDED.category,
  status = EXCLUDED.status,
  created_at = EXCLUDED.created_at,
  month = EXCLUDED.month,
  acknowledged_at = EXCLUDED.acknowledged_at,
  first_action_at = EXCLUDED.first_action_at,
  closed_at = EXCLUDED.closed_at,
  ack_hours = EXCLUDED.ack_hours,
  first_action_hours = EXCLUDED.first_action_hours,
  close_hours = EXCLUDED.close_hours,
  paused_closed_seconds = EXCLUDED.paused_closed_seconds,
  paused_since = EXCLUDED.paused_since,
  extensions = EXCLUDED.extensions,
  suspensions = EXCLUDED.suspensions,
  acknowledge_met = EXCLUDED.acknowledge_met,
  acknowledge_breached = EXCLUDED.acknowledge_breached,
  acknowledge_paused = EXCLUDED.acknowledge_paused,
  acknowledge_due = EXCLUDED.acknowledge_due,
  first_action_met = EXCLUDED.first_action_met,
  first_action_breached = EXCLUDED.first_action_breached,
  first_action_paused = EXCLUDED.first_action_paused,
  first_action_due = EXCLUDED.first_action_due,
  legal_transfer_met = EXCLUDED.legal_transfer_met,
  legal_transfer_breached = EXCLUDED.legal_transfer_breached,
  legal_transfer_paused = EXCLUDED.legal_transfer_paused,
  legal_transfer_due = EXCLUDED.legal_transfer_due,
  legal_notify_met = EXCLUDED.legal_notify_met,
  legal_notify_breached = EXCLUDED.legal_notify_breached,
  legal_notify_paused = EXCLUDED.legal_notify_paused,
  legal_notify_due = EXCLUDED.legal_notify_due,
  legal_verify_met = EXCLUDED.legal_verify_met,
  legal_verify_breached = EXCLUDED.legal_verify_breached,
  legal_verify_paused = EXCLUDED.legal_verify_paused,
  legal_verify_due = EXCLUDED.legal_verify_due,
  open_clock_breached = EXCLUDED.open_clock_breached,
  running_due = EXCLUDED.running_due,
  open_clock_paused = EXCLUDED.open_clock_paused,
  open_clock_kind = EXCLUDED.open_clock_kind,
  open_clock_due = EXCLUDED.open_clock_due`;
