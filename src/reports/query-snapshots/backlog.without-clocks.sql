-- backlog.without-clocks
-- parameters: [["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"dealing_point","2026-06-15T03:00:00.000Z",24]
WITH open AS (
  SELECT c.id, c.reference, c.unit_id, c.category, c.locality_code, c.status, c.created_at, c.next_deadline_at
    FROM cases c
   WHERE c.status <> 'closed'
     AND c.unit_id = ANY($1::uuid[])
     AND c.category = $2
),
states AS (
  SELECT o.*, NULL::text AS clock_kind, o.next_deadline_at AS due_at,
         extract(epoch FROM $3::timestamptz - o.created_at) / 3600 AS age_h,
         CASE WHEN o.created_at > $3::timestamptz - interval '1 day' THEN 'lt_1d'
              WHEN o.created_at > $3::timestamptz - interval '3 days' THEN '1_3d'
              WHEN o.created_at > $3::timestamptz - interval '7 days' THEN '3_7d'
              WHEN o.created_at > $3::timestamptz - interval '30 days' THEN '7_30d'
              ELSE 'gt_30d' END AS age_bucket,
         CASE WHEN o.next_deadline_at IS NULL THEN 'none' WHEN o.next_deadline_at <= $3::timestamptz THEN 'breached'
            WHEN o.next_deadline_at < $3::timestamptz + make_interval(hours => $4::int) THEN 'at_risk' ELSE 'on_time' END AS clock_state,
         extract(epoch FROM o.next_deadline_at - $3::timestamptz) / 3600 AS hours_left
    FROM open o
)
SELECT u.code AS unit_code, u.name AS unit_name, s.age_bucket, s.clock_state, count(*)::int AS cases
  FROM states s JOIN units u ON u.id = s.unit_id
 GROUP BY u.code, u.name, s.age_bucket, s.clock_state
 ORDER BY u.code, s.age_bucket, s.clock_state
