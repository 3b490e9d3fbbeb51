-- at-risk
-- parameters: [["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"dealing_point","2026-06-15T03:00:00.000Z",24,200]
-- in a read-only transaction after: SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true)
WITH states AS (
  SELECT f.case_id AS id, f.unit_id, f.category, f.locality_code, f.status, f.created_at,
         f.open_clock_kind AS clock_kind, f.open_clock_due AS due_at,
         extract(epoch FROM $3::timestamptz - f.created_at) / 3600 AS age_h,
         CASE WHEN f.created_at > $3::timestamptz - interval '1 day' THEN 'lt_1d'
              WHEN f.created_at > $3::timestamptz - interval '3 days' THEN '1_3d'
              WHEN f.created_at > $3::timestamptz - interval '7 days' THEN '3_7d'
              WHEN f.created_at > $3::timestamptz - interval '30 days' THEN '7_30d'
              ELSE 'gt_30d' END AS age_bucket,
         CASE WHEN f.open_clock_breached OR f.running_due <= $3::timestamptz THEN 'breached'
              WHEN f.open_clock_due < $3::timestamptz + make_interval(hours => $4::int) THEN 'at_risk'
              WHEN f.open_clock_due IS NOT NULL THEN 'on_time'
              WHEN f.open_clock_paused THEN 'paused'
              ELSE 'none' END AS clock_state,
         extract(epoch FROM f.open_clock_due - $3::timestamptz) / 3600 AS hours_left
    FROM case_figures f
   WHERE f.status <> 'closed'
     AND f.unit_id = ANY($1::uuid[])
     AND f.category = $2
),
listed AS (
  SELECT s.* FROM states s
   WHERE s.clock_state IN ('breached', 'at_risk')
   ORDER BY s.due_at NULLS LAST, s.id
   LIMIT $5::int
)
SELECT c.reference, u.code AS unit_code, s.category, s.locality_code, s.status, s.created_at, s.age_h,
       s.clock_kind, s.due_at, s.hours_left, s.clock_state
  FROM listed s JOIN cases c ON c.id = s.id JOIN units u ON u.id = s.unit_id
 ORDER BY s.due_at NULLS LAST, s.id
