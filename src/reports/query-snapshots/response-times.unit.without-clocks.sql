-- response-times.unit.without-clocks
-- parameters: ["2025-12-31T17:00:00.000Z","2026-03-31T17:00:00.000Z",["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"trafficking","24"]
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
case_rows AS (
  SELECT b.*,
         (extract(epoch FROM f.ack_at - b.created_at) - 0) / 3600 AS ack_h,
         (extract(epoch FROM f.first_action_at - b.created_at) - 0) / 3600 AS first_action_h,
         (extract(epoch FROM b.close_at - b.created_at) - 0) / 3600 AS close_h,
         NULL::numeric AS paused_h
    FROM base b LEFT JOIN firsts f ON f.case_id = b.id 
),
groups AS (
  SELECT cr.unit_id::text AS group_key,
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
SELECT g.group_key, (SELECT u.code || ' – ' || u.name FROM units u WHERE u.id = g.group_key::uuid) AS group_label, g.cases, g.acknowledged, g.first_actioned, g.closed,
       g.ack_p50, g.ack_p90, g.first_action_p50, g.first_action_p90, g.close_p50, g.close_p90,
       g.paused_hours, g.cases_paused,
       NULL::int AS acknowledge_met,
       NULL::int AS acknowledge_breached,
       NULL::float8 AS acknowledge_attainment,
       NULL::int AS acknowledge_running,
       NULL::int AS first_action_met,
       NULL::int AS first_action_breached,
       NULL::float8 AS first_action_attainment,
       NULL::int AS first_action_running,
       NULL::int AS legal_transfer_met,
       NULL::int AS legal_transfer_breached,
       NULL::float8 AS legal_transfer_attainment,
       NULL::int AS legal_transfer_running,
       NULL::int AS legal_notify_met,
       NULL::int AS legal_notify_breached,
       NULL::float8 AS legal_notify_attainment,
       NULL::int AS legal_notify_running,
       NULL::int AS legal_verify_met,
       NULL::int AS legal_verify_breached,
       NULL::float8 AS legal_verify_attainment,
       NULL::int AS legal_verify_running,
       NULL::int AS extensions,
       NULL::int AS suspensions
  FROM groups g
 ORDER BY g.group_key
