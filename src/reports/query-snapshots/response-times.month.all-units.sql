-- response-times.month.all-units
-- parameters: ["2025-12-31T17:00:00.000Z","2026-03-31T17:00:00.000Z","2026-06-15T03:00:00.000Z"]
-- in a read-only transaction after: SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true), set_config('parallel_tuple_cost', '0.01', true)
WITH counts AS (
  SELECT f.month AS group_key,
         count(*)::int AS cases,
         count(f.ack_hours)::int AS acknowledged,
         count(f.first_action_hours)::int AS first_actioned,
         count(f.close_hours)::int AS closed,
         COALESCE(sum((f.paused_closed_seconds + COALESCE(extract(epoch FROM $3::timestamptz - f.paused_since), 0)) / 3600) FILTER (WHERE f.paused_closed_seconds > 0 OR f.paused_since IS NOT NULL), 0) AS paused_hours,
         count(*) FILTER (WHERE f.paused_closed_seconds > 0 OR f.paused_since < $3::timestamptz)::int AS cases_paused,
         sum(f.acknowledge_met)::int AS acknowledge_met,
         (sum(f.acknowledge_breached) + count(*) FILTER (WHERE f.acknowledge_due <= $3::timestamptz))::int AS acknowledge_breached,
         (sum(f.acknowledge_paused) + count(*) FILTER (WHERE f.acknowledge_due > $3::timestamptz))::int AS acknowledge_running,
         sum(f.first_action_met)::int AS first_action_met,
         (sum(f.first_action_breached) + count(*) FILTER (WHERE f.first_action_due <= $3::timestamptz))::int AS first_action_breached,
         (sum(f.first_action_paused) + count(*) FILTER (WHERE f.first_action_due > $3::timestamptz))::int AS first_action_running,
         sum(f.legal_transfer_met)::int AS legal_transfer_met,
         (sum(f.legal_transfer_breached) + count(*) FILTER (WHERE f.legal_transfer_due <= $3::timestamptz))::int AS legal_transfer_breached,
         (sum(f.legal_transfer_paused) + count(*) FILTER (WHERE f.legal_transfer_due > $3::timestamptz))::int AS legal_transfer_running,
         sum(f.legal_notify_met)::int AS legal_notify_met,
         (sum(f.legal_notify_breached) + count(*) FILTER (WHERE f.legal_notify_due <= $3::timestamptz))::int AS legal_notify_breached,
         (sum(f.legal_notify_paused) + count(*) FILTER (WHERE f.legal_notify_due > $3::timestamptz))::int AS legal_notify_running,
         sum(f.legal_verify_met)::int AS legal_verify_met,
         (sum(f.legal_verify_breached) + count(*) FILTER (WHERE f.legal_verify_due <= $3::timestamptz))::int AS legal_verify_breached,
         (sum(f.legal_verify_paused) + count(*) FILTER (WHERE f.legal_verify_due > $3::timestamptz))::int AS legal_verify_running,
         sum(f.extensions)::int AS extensions,
         sum(f.suspensions)::int AS suspensions
    FROM case_figures f
   WHERE f.created_at >= $1::timestamptz
   AND f.created_at < $2::timestamptz
   GROUP BY 1
),
percentiles AS (
  SELECT f.month AS group_key,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY f.ack_hours) AS ack_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY f.ack_hours) AS ack_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY f.first_action_hours) AS first_action_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY f.first_action_hours) AS first_action_p90,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY f.close_hours) AS close_p50, percentile_cont(0.9) WITHIN GROUP (ORDER BY f.close_hours) AS close_p90
    FROM case_figures f
   WHERE f.created_at >= $1::timestamptz
   AND f.created_at < $2::timestamptz
   GROUP BY 1
)
SELECT g.group_key::text AS group_key, g.group_key AS group_label, g.cases, g.acknowledged, g.first_actioned, g.closed,
       p.ack_p50, p.ack_p90, p.first_action_p50, p.first_action_p90, p.close_p50, p.close_p90,
       g.paused_hours, g.cases_paused,
       g.acknowledge_met,
       g.acknowledge_breached,
       CASE WHEN g.acknowledge_met + g.acknowledge_breached > 0 THEN g.acknowledge_met::float8 / (g.acknowledge_met + g.acknowledge_breached) END AS acknowledge_attainment,
       g.acknowledge_running,
       g.first_action_met,
       g.first_action_breached,
       CASE WHEN g.first_action_met + g.first_action_breached > 0 THEN g.first_action_met::float8 / (g.first_action_met + g.first_action_breached) END AS first_action_attainment,
       g.first_action_running,
       g.legal_transfer_met,
       g.legal_transfer_breached,
       CASE WHEN g.legal_transfer_met + g.legal_transfer_breached > 0 THEN g.legal_transfer_met::float8 / (g.legal_transfer_met + g.legal_transfer_breached) END AS legal_transfer_attainment,
       g.legal_transfer_running,
       g.legal_notify_met,
       g.legal_notify_breached,
       CASE WHEN g.legal_notify_met + g.legal_notify_breached > 0 THEN g.legal_notify_met::float8 / (g.legal_notify_met + g.legal_notify_breached) END AS legal_notify_attainment,
       g.legal_notify_running,
       g.legal_verify_met,
       g.legal_verify_breached,
       CASE WHEN g.legal_verify_met + g.legal_verify_breached > 0 THEN g.legal_verify_met::float8 / (g.legal_verify_met + g.legal_verify_breached) END AS legal_verify_attainment,
       g.legal_verify_running,
       g.extensions, g.suspensions
  FROM counts g JOIN percentiles p ON p.group_key = g.group_key
 ORDER BY g.group_key
