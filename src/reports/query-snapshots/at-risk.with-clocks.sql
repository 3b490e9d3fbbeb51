-- at-risk.with-clocks
-- parameters: [["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"dealing_point","2026-06-15T03:00:00.000Z",24,200]
WITH open AS (
  SELECT c.id, c.reference, c.unit_id, c.category, c.locality_code, c.status, c.created_at, c.next_deadline_at
    FROM cases c
   WHERE c.status <> 'closed'
     AND c.unit_id = ANY($1::uuid[])
     AND c.category = $2
),
clocks_of AS (
  SELECT DISTINCT ON (k.case_id) k.case_id, k.kind, k.due_at,
         bool_or(k.status = 'breached' OR (k.status = 'running' AND k.due_at <= $3::timestamptz)) OVER (PARTITION BY k.case_id) AS breached,
         bool_or(k.status = 'paused') OVER (PARTITION BY k.case_id) AS paused
    FROM case_clocks k JOIN open o ON o.id = k.case_id
   WHERE k.status IN ('running', 'paused', 'breached')
   ORDER BY k.case_id, (k.status = 'breached') DESC, k.due_at NULLS LAST
),
states AS (
  SELECT o.*, k.kind AS clock_kind, k.due_at,
         extract(epoch FROM $3::timestamptz - o.created_at) / 3600 AS age_h,
         CASE WHEN o.created_at > $3::timestamptz - interval '1 day' THEN 'lt_1d'
              WHEN o.created_at > $3::timestamptz - interval '3 days' THEN '1_3d'
              WHEN o.created_at > $3::timestamptz - interval '7 days' THEN '3_7d'
              WHEN o.created_at > $3::timestamptz - interval '30 days' THEN '7_30d'
              ELSE 'gt_30d' END AS age_bucket,
         CASE WHEN k.breached THEN 'breached' WHEN k.due_at < $3::timestamptz + make_interval(hours => $4::int) THEN 'at_risk' WHEN k.due_at IS NOT NULL THEN 'on_time'
            WHEN k.paused THEN 'paused' ELSE 'none' END AS clock_state,
         extract(epoch FROM k.due_at - $3::timestamptz) / 3600 AS hours_left
    FROM open o LEFT JOIN clocks_of k ON k.case_id = o.id
)
SELECT s.reference, u.code AS unit_code, s.category, s.locality_code, s.status, s.created_at, s.age_h,
       s.clock_kind, s.due_at, s.hours_left, s.clock_state
  FROM states s JOIN units u ON u.id = s.unit_id
 WHERE s.clock_state IN ('breached', 'at_risk')
 ORDER BY s.due_at NULLS LAST, s.id
 LIMIT $5::int
