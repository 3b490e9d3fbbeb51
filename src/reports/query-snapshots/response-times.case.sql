-- response-times.case
-- parameters: ["2025-12-31T17:00:00.000Z","2026-03-31T17:00:00.000Z",["00000000-0000-4000-8000-000000000001","00000000-0000-4000-8000-000000000002"],"trafficking","24","2026-06-15T03:00:00.000Z"]
-- in a read-only transaction after: SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true)
SELECT c.reference, u.code AS unit_code, f.locality_code, f.category, f.status, f.created_at,
       f.ack_hours AS ack_h, f.first_action_hours AS first_action_h, f.close_hours AS close_h, (f.paused_closed_seconds + COALESCE(extract(epoch FROM $6::timestamptz - f.paused_since), 0)) / 3600 AS paused_h
  FROM case_figures f JOIN cases c ON c.id = f.case_id JOIN units u ON u.id = f.unit_id
 WHERE f.created_at >= $1::timestamptz
   AND f.created_at < $2::timestamptz
   AND f.unit_id = ANY($3::uuid[])
   AND f.category = $4
   AND f.locality_code IN (SELECT $5::text
              UNION SELECT l1.code FROM localities l1 WHERE l1.parent_code = $5
              UNION SELECT l2.code FROM localities l1 JOIN localities l2 ON l2.parent_code = l1.code WHERE l1.parent_code = $5)
 ORDER BY f.created_at, f.case_id
