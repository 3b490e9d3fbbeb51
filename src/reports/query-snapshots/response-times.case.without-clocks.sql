-- response-times.case.without-clocks
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
)
SELECT cr.reference, u.code AS unit_code, cr.locality_code, cr.category, cr.status, cr.created_at,
       cr.ack_h, cr.first_action_h, cr.close_h, cr.paused_h
  FROM case_rows cr JOIN units u ON u.id = cr.unit_id
 ORDER BY cr.created_at, cr.id
