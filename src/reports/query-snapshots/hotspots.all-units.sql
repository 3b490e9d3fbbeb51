-- hotspots.all-units
-- parameters: ["2025-01-01T00:00:00+07:00","2027-01-01T00:00:00+07:00","2026-06-15",2026,"2026-06-15T03:00:00.000Z"]
-- in a read-only transaction after: SELECT set_config('work_mem', '128MB', true), set_config('jit', 'off', true)
WITH RECURSIVE facts AS (
  SELECT sc.hotspot_id,
         extract(year FROM sc.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS year,
         CASE WHEN sc.from_status IS NULL THEN 'found' ELSE sc.to_status END AS metric
    FROM hotspot_status_changes sc JOIN hotspots h ON h.id = sc.hotspot_id
   WHERE sc.at >= $1::timestamptz AND sc.at < $2::timestamptz AND sc.at <= $5::timestamptz
  UNION
  SELECT sc.hotspot_id, extract(year FROM sc.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int, sc.to_status
    FROM hotspot_status_changes sc JOIN hotspots h ON h.id = sc.hotspot_id
   WHERE sc.from_status IS NULL AND sc.to_status <> 'suspected'
     AND sc.at >= $1::timestamptz AND sc.at < $2::timestamptz AND sc.at <= $5::timestamptz
),
origin AS (
  SELECT h.id AS hotspot_id, l.code, l.valid_from, l.valid_to
    FROM hotspots h
    JOIN LATERAL (SELECT l.code, l.valid_from, l.valid_to FROM localities l
                   WHERE l.code = h.locality_code AND l.valid_from <= (h.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date
                   ORDER BY l.valid_from DESC LIMIT 1) l ON true
   WHERE h.id IN (SELECT hotspot_id FROM facts)
),
succ AS (
  SELECT s.from_code, s.from_valid_from, s.to_code, s.to_valid_from, s.relation,
         count(*) OVER (PARTITION BY s.from_code, s.from_valid_from) AS n
    FROM locality_successors s
),
walk AS (
  SELECT o.hotspot_id, o.code, o.valid_from, o.valid_to, 1::numeric AS share, ARRAY[]::text[] AS via, false AS split
    FROM origin o
  UNION ALL
  SELECT w.hotspot_id, s.to_code, s.to_valid_from, l.valid_to, w.share / s.n, w.via || w.code, w.split OR s.n > 1
    FROM walk w
    JOIN succ s ON s.from_code = w.code AND s.from_valid_from = w.valid_from
    JOIN localities l ON l.code = s.to_code AND l.valid_from = s.to_valid_from
   WHERE w.valid_to IS NOT NULL AND w.valid_to < $3::date
),
terminal AS (
  SELECT w.* FROM walk w
   WHERE w.valid_to IS NULL OR w.valid_to >= $3::date
      OR NOT EXISTS (SELECT 1 FROM succ s WHERE s.from_code = w.code AND s.from_valid_from = w.valid_from)
),
placed AS (
  SELECT DISTINCT ON (t.hotspot_id) t.hotspot_id, t.code, t.valid_from
    FROM terminal t JOIN cases c ON c.hotspot_id = t.hotspot_id AND c.locality_code = t.code
                                 AND c.created_at >= (t.valid_from::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
   WHERE t.split
   ORDER BY t.hotspot_id, c.created_at DESC
),
mapped AS (
  SELECT t.hotspot_id, t.code, t.valid_from, t.via,
         CASE WHEN NOT t.split THEN NULL WHEN pl.hotspot_id IS NULL THEN 'equal_share' ELSE 'case_place' END AS apportioned,
         CASE WHEN NOT t.split OR pl.hotspot_id IS NULL THEN t.share WHEN pl.code = t.code AND pl.valid_from = t.valid_from THEN 1 ELSE 0 END AS share
    FROM terminal t LEFT JOIN placed pl ON pl.hotspot_id = t.hotspot_id
),
rows AS (
  SELECT m.code, m.valid_from,
         COALESCE(sum(m.share) FILTER (WHERE x.metric = 'found' AND x.year = $4::int), 0)::float8 AS found, COALESCE(sum(m.share) FILTER (WHERE x.metric = 'found' AND x.year = $4::int - 1), 0)::float8 AS found_prev,
         COALESCE(sum(m.share) FILTER (WHERE x.metric = 'verified' AND x.year = $4::int), 0)::float8 AS verified, COALESCE(sum(m.share) FILTER (WHERE x.metric = 'verified' AND x.year = $4::int - 1), 0)::float8 AS verified_prev,
         COALESCE(sum(m.share) FILTER (WHERE x.metric = 'dismantled' AND x.year = $4::int), 0)::float8 AS dismantled, COALESCE(sum(m.share) FILTER (WHERE x.metric = 'dismantled' AND x.year = $4::int - 1), 0)::float8 AS dismantled_prev,
         COALESCE(sum(m.share) FILTER (WHERE x.metric = 're_emerged' AND x.year = $4::int), 0)::float8 AS re_emerged, COALESCE(sum(m.share) FILTER (WHERE x.metric = 're_emerged' AND x.year = $4::int - 1), 0)::float8 AS re_emerged_prev,
         bool_or(cardinality(m.via) > 0) AS mapped,
         array_to_string(array(SELECT DISTINCT unnest(array_agg(array_to_string(m.via, '>')) FILTER (WHERE cardinality(m.via) > 0)) ORDER BY 1), ', ') AS mapped_from,
         string_agg(DISTINCT m.apportioned, ', ') AS apportioned
    FROM mapped m JOIN facts x ON x.hotspot_id = m.hotspot_id
   WHERE m.share > 0
   GROUP BY m.code, m.valid_from
),
placed_rows AS (
  SELECT r.*, l.full_name, l.level,
         CASE WHEN l.level = 'province' THEN l.code WHEN par.level = 'district' THEN par.parent_code ELSE l.parent_code END AS province_code
    FROM rows r
    JOIN localities l ON l.code = r.code AND l.valid_from = r.valid_from
    LEFT JOIN LATERAL (SELECT pl.level, pl.parent_code FROM localities pl
                        WHERE pl.code = l.parent_code AND pl.valid_from <= l.valid_from
                        ORDER BY pl.valid_from DESC LIMIT 1) par ON true
)
SELECT r.province_code, r.code AS locality_code, r.full_name AS locality_name,
       r.found, r.found_prev, r.found - r.found_prev AS found_change,
       CASE WHEN r.found > r.found_prev THEN 'up' WHEN r.found < r.found_prev THEN 'down' ELSE 'same' END AS found_direction,
       r.verified, r.verified_prev, r.verified - r.verified_prev AS verified_change,
       CASE WHEN r.verified > r.verified_prev THEN 'up' WHEN r.verified < r.verified_prev THEN 'down' ELSE 'same' END AS verified_direction,
       r.dismantled, r.dismantled_prev, r.dismantled - r.dismantled_prev AS dismantled_change,
       CASE WHEN r.dismantled > r.dismantled_prev THEN 'up' WHEN r.dismantled < r.dismantled_prev THEN 'down' ELSE 'same' END AS dismantled_direction,
       r.re_emerged, r.re_emerged_prev, r.re_emerged - r.re_emerged_prev AS re_emerged_change,
       CASE WHEN r.re_emerged > r.re_emerged_prev THEN 'up' WHEN r.re_emerged < r.re_emerged_prev THEN 'down' ELSE 'same' END AS re_emerged_direction,
       r.mapped, NULLIF(r.mapped_from, '') AS mapped_from, r.apportioned
  FROM placed_rows r
 ORDER BY r.province_code, r.code
