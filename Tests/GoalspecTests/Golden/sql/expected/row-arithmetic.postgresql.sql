-- dataset ydelser: table "ydelser"
-- 2 aggregate requests, 2 groupings
SELECT
  "c1",
  "c5",
  GROUPING("c1") AS "g1",
  GROUPING("c5") AS "g5",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c8" IS NULL) OR ("c8" < 0) THEN 1 END) AS "bad_weight",
  COUNT(CASE WHEN "c5" >= 7 THEN 1 END) AS "r2_rows",
  SUM(CASE WHEN "c5" >= 7 THEN "c8" END) AS "r2_weight",
  COUNT(CASE WHEN "c5" >= 7 THEN "c5" END) AS "r2_valueRows",
  SUM(CASE WHEN ("c5" >= 7) AND ("c5" IS NOT NULL) THEN "c8" END) AS "r2_valueWeight",
  MAX(CASE WHEN "c5" >= 7 THEN "c5" END) AS "r3_minimum"
FROM (
  SELECT
    NULLIF("kvartal", '') COLLATE "C" AS "c1",
    "ventetid" AS "c5",
    "personer" AS "c8"
  FROM "ydelser"
) AS "t"
GROUP BY GROUPING SETS (
  ("c1"),
  ("c1", "c5")
);

-- rows for 2 requests computed in Swift: row arithmetic
SELECT
  NULLIF("kvartal", '') COLLATE "C" AS "c1",
  "alder" AS "c2",
  "ydelse" AS "c4",
  "ventetid" AS "c5",
  "personer" AS "c8"
FROM "ydelser";
