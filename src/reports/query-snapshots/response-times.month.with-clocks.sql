-- response-times.month.with-clocks
-- parameters: ["2025-12-31T17:00:00.000Z","2026-03-31T17:00:00.000Z",["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"trafficking","24","2026-06-15T03:00:00.000Z","2026-06-15T03:00:00.000Z"]
WITH base AS (
  SELECT c.id, c.reference, c.unit_id, c.locality_code, c.category, c.status, c.created_at,
         CASE WHEN c.status = 'closed' THEN c.closed_at END AS close_at
    FROM cases c
   WHERE c.created_at >= $1::timestamptz
     AND c.created_at < $2::timestamptz
     AND c.unit_id = ANY($3::uuid[])
     AND c.category = $4
     AND c.locality_code IN (SELECT $5::text
              UNION SELECT l1.code FROM localities l1 WHERE l1.parent_code = $5
              UNION SELECT l2.code FROM localities l1 JOIN localities l2 ON l2.parent_code = l1.code WHERE l1.parent_code = $5)
),
firsts AS (
  SELECT e.case_id,
         min(e.at) FILTER (WHERE e.type = 'acknowledged') AS ack_at,
         min(e.at) FILTER (WHERE e.type IN ('verification_started', 'actioned', 'closed')) AS first_action_at
    FROM case_events e JOIN base b ON b.id = e.case_id
   WHERE e.type IN ('acknowledged', 'verification_started', 'actioned', 'closed')
   GROUP BY e.case_id
),
raw_pauses AS (
  SELECT ev.case_id, ev.at AS s,
         LEAST(COALESCE((SELECT min(r.at) FROM clock_events r
                          WHERE r.clock_id = ev.clock_id AND r.at >= ev.at AND r.type IN ('resumed', 'met', 'cancelled')), $6::timestamptz), $6::timestamptz) AS e
    FROM clock_events ev JOIN base b ON b.id = ev.case_id
   WHERE ev.type = 'paused' AND ev.at < $6::timestamptz
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
         sum(extract(epoch FROM pm.e - pm.s)) AS total_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.ack_at) - GREATEST(pm.s, b.created_at)))) AS to_ack_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, f.first_action_at) - GREATEST(pm.s, b.created_at)))) AS to_first_action_s,
         sum(GREATEST(0, extract(epoch FROM LEAST(pm.e, b.close_at) - GREATEST(pm.s, b.created_at)))) AS to_close_s
    FROM pauses pm JOIN base b ON b.id = pm.case_id LEFT JOIN firsts f ON f.case_id = pm.case_id
   GROUP BY pm.case_id
),
case_rows AS (
  SELECT b.*,
         (extract(epoch FROM f.ack_at - b.created_at) - COALESCE(pa.to_ack_s, 0)) / 3600 AS ack_h,
         (extract(epoch FROM f.first_action_at - b.created_at) - COALESCE(pa.to_first_action_s, 0)) / 3600 AS first_action_h,
         (extract(epoch FROM b.close_at - b.created_at) - COALESCE(pa.to_close_s, 0)) / 3600 AS close_h,
         COALESCE(pa.total_s, 0) / 3600 AS paused_h
    FROM base b LEFT JOIN firsts f ON f.case_id = b.id LEFT JOIN paused pa ON pa.case_id = b.id
),
clock_stats AS (
  SELECT to_char(b.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS group_key,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS acknowledge_met,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $7::timestamptz)))::int AS acknowledge_breached,
         count(*) FILTER (WHERE k.kind = 'acknowledge' AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= $7::timestamptz))::int AS acknowledge_running,
         count(*) FILTER (WHERE k.kind = 'first_action' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS first_action_met,
         count(*) FILTER (WHERE k.kind = 'first_action' AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $7::timestamptz)))::int AS first_action_breached,
         count(*) FILTER (WHERE k.kind = 'first_action' AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= $7::timestamptz))::int AS first_action_running,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS legal_transfer_met,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $7::timestamptz)))::int AS legal_transfer_breached,
         count(*) FILTER (WHERE k.kind = 'legal_transfer' AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= $7::timestamptz))::int AS legal_transfer_running,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS legal_notify_met,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $7::timestamptz)))::int AS legal_notify_breached,
         count(*) FILTER (WHERE k.kind = 'legal_notify' AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= $7::timestamptz))::int AS legal_notify_running,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND k.met_at IS NOT NULL AND k.breached_at IS NULL)::int AS legal_verify_met,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND (k.breached_at IS NOT NULL OR k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $7::timestamptz)))::int AS legal_verify_breached,
         count(*) FILTER (WHERE k.kind = 'legal_verify' AND k.status IN ('running', 'paused') AND k.breached_at IS NULL AND NOT (k.status = 'running' AND k.due_at <= $7::timestamptz))::int AS legal_verify_running
    FROM case_clocks k JOIN base b ON b.id = k.case_id
   WHERE k.status <> 'cancelled'
   GROUP BY 1
),
clock_changes AS (
  SELECT to_char(b.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS group_key,
         count(DISTINCT (ev.case_id, ev.at)) FILTER (WHERE ev.type = 'extended')::int AS extensions,
         count(DISTINCT (ev.case_id, ev.at)) FILTER (WHERE ev.type = 'paused')::int AS suspensions
    FROM clock_events ev JOIN base b ON b.id = ev.case_id
   WHERE ev.type IN ('extended', 'paused')
   GROUP BY 1
),
groups AS (
  SELECT to_char(cr.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM') AS group_key,
         count(*)::int AS cases,
         count(cr.ack_h)::int AS acknowledged,
         count(cr.first_action_h)::int AS first_actioned,
         count(cr.close_h)::int AS closed,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY cr.ack_h) AS ack_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY cr.ack_h) AS ack_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY cr.first_action_h) AS first_action_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY cr.first_action_h) AS first_action_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY cr.close_h) AS close_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY cr.close_h) AS close_p90,
         sum(cr.paused_h) AS paused_hours,
         count(*) FILTER (WHERE cr.paused_h > 0)::int AS cases_paused
    FROM case_rows cr
   GROUP BY 1
)
SELECT g.group_key, g.group_key AS group_label, g.cases, g.acknowledged, g.first_actioned, g.closed,
       g.ack_p50, g.ack_p90, g.first_action_p50, g.first_action_p90, g.close_p50, g.close_p90,
       g.paused_hours, g.cases_paused,
       COALESCE(cs.acknowledge_met, 0) AS acknowledge_met,
       COALESCE(cs.acknowledge_breached, 0) AS acknowledge_breached,
       CASE WHEN COALESCE(cs.acknowledge_met, 0) + COALESCE(cs.acknowledge_breached, 0) > 0 THEN cs.acknowledge_met::float8 / (cs.acknowledge_met + cs.acknowledge_breached) END AS acknowledge_attainment,
       COALESCE(cs.acknowledge_running, 0) AS acknowledge_running,
       COALESCE(cs.first_action_met, 0) AS first_action_met,
       COALESCE(cs.first_action_breached, 0) AS first_action_breached,
       CASE WHEN COALESCE(cs.first_action_met, 0) + COALESCE(cs.first_action_breached, 0) > 0 THEN cs.first_action_met::float8 / (cs.first_action_met + cs.first_action_breached) END AS first_action_attainment,
       COALESCE(cs.first_action_running, 0) AS first_action_running,
       COALESCE(cs.legal_transfer_met, 0) AS legal_transfer_met,
       COALESCE(cs.legal_transfer_breached, 0) AS legal_transfer_breached,
       CASE WHEN COALESCE(cs.legal_transfer_met, 0) + COALESCE(cs.legal_transfer_breached, 0) > 0 THEN cs.legal_transfer_met::float8 / (cs.legal_transfer_met + cs.legal_transfer_breached) END AS legal_transfer_attainment,
       COALESCE(cs.legal_transfer_running, 0) AS legal_transfer_running,
       COALESCE(cs.legal_notify_met, 0) AS legal_notify_met,
       COALESCE(cs.legal_notify_breached, 0) AS legal_notify_breached,
       CASE WHEN COALESCE(cs.legal_notify_met, 0) + COALESCE(cs.legal_notify_breached, 0) > 0 THEN cs.legal_notify_met::float8 / (cs.legal_notify_met + cs.legal_notify_breached) END AS legal_notify_attainment,
       COALESCE(cs.legal_notify_running, 0) AS legal_notify_running,
       COALESCE(cs.legal_verify_met, 0) AS legal_verify_met,
       COALESCE(cs.legal_verify_breached, 0) AS legal_verify_breached,
       CASE WHEN COALESCE(cs.legal_verify_met, 0) + COALESCE(cs.legal_verify_breached, 0) > 0 THEN cs.legal_verify_met::float8 / (cs.legal_verify_met + cs.legal_verify_breached) END AS legal_verify_attainment,
       COALESCE(cs.legal_verify_running, 0) AS legal_verify_running,
       COALESCE(cc.extensions, 0) AS extensions,
       COALESCE(cc.suspensions, 0) AS suspensions
  FROM groups g
  LEFT JOIN clock_stats cs ON cs.group_key = g.group_key
  LEFT JOIN clock_changes cc ON cc.group_key = g.group_key
 ORDER BY g.group_key
