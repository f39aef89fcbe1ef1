-- dataset employment: table "employment"
-- 1 aggregate request, 1 grouping
SELECT
  "c1",
  "c0",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c3" IS NULL) OR ("c3" < 0) THEN 1 END) AS "bad_weight",
  SUM("c3") AS "r0_weight",
  COUNT(CASE WHEN "c2" IS NOT NULL THEN 1 END) AS "r0_knownRows",
  COUNT(CASE WHEN "c2" THEN 1 END) AS "r0_hitRows",
  SUM(CASE WHEN "c2" THEN "c3" END) AS "r0_hits"
FROM (
  SELECT
    NULLIF("city", '') COLLATE "C" AS "c0",
    NULLIF("quarter", '') COLLATE "C" AS "c1",
    "job" AS "c2",
    "persons" AS "c3"
  FROM "employment"
) AS "t"
GROUP BY "c1", "c0";

-- dataset social: table "social"
-- 3 aggregate requests, 3 groupings
SELECT
  "c1",
  "c3",
  "c2",
  GROUPING("c1") AS "g1",
  GROUPING("c3") AS "g3",
  GROUPING("c2") AS "g2",
  COUNT(*) AS "n",
  COUNT(CASE WHEN "c4" IS NOT NULL THEN 1 END) AS "r0_knownRows",
  COUNT(CASE WHEN "c4" THEN 1 END) AS "r0_hitRows"
FROM (
  SELECT
    NULLIF("quarter", '') COLLATE "C" AS "c1",
    NULLIF("age_group", '') COLLATE "C" AS "c2",
    NULLIF("dimension", '') COLLATE "C" AS "c3",
    "reached" AS "c4"
  FROM "social"
) AS "t"
GROUP BY GROUPING SETS (
  ("c1"),
  ("c1", "c3"),
  ("c1", "c2", "c3")
);
