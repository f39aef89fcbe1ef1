-- dataset ydelser: table "ydelser"
-- 10 aggregate requests, 4 groupings
SELECT
  "c1",
  "c0",
  "c3",
  "c5",
  GROUPING("c1") AS "g1",
  GROUPING("c0") AS "g0",
  GROUPING("c3") AS "g3",
  GROUPING("c5") AS "g5",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c8" IS NULL) OR ("c8" < 0) THEN 1 END) AS "bad_weight",
  SUM("c8") AS "r0_weight",
  COUNT(CASE WHEN "c7" IS NOT NULL THEN 1 END) AS "r0_knownRows",
  COUNT(CASE WHEN "c7" THEN 1 END) AS "r0_hitRows",
  SUM(CASE WHEN "c7" THEN "c8" END) AS "r0_hits",
  COUNT(CASE WHEN ("c2" >= 50) AND ("c3" = 'k') THEN 1 END) AS "r1_rows",
  SUM(CASE WHEN ("c2" >= 50) AND ("c3" = 'k') THEN "c8" END) AS "r1_weight",
  COUNT(CASE WHEN (NOT ("c3" = 'm')) OR ("c2" < 30) THEN 1 END) AS "r2_rows",
  SUM(CASE WHEN (NOT ("c3" = 'm')) OR ("c2" < 30) THEN "c8" END) AS "r2_weight",
  COUNT(CASE WHEN (NOT ("c3" = 'm')) OR ("c2" < 30) THEN "c4" END) AS "r2_valueRows",
  SUM(CASE WHEN ((NOT ("c3" = 'm')) OR ("c2" < 30)) AND ("c4" IS NOT NULL) THEN "c8" END) AS "r2_valueWeight",
  SUM(CASE WHEN (NOT ("c3" = 'm')) OR ("c2" < 30) THEN "c4" * "c8" END) AS "r2_weightedSum",
  COUNT("c4") AS "r3_valueRows",
  SUM(CASE WHEN "c4" IS NOT NULL THEN "c8" END) AS "r3_valueWeight",
  SUM("c4" * "c8") AS "r3_weightedSum",
  COUNT(CASE WHEN "c0" IN ('Aarhus', 'Aalborg') THEN 1 END) AS "r4_rows",
  SUM(CASE WHEN "c0" IN ('Aarhus', 'Aalborg') THEN "c8" END) AS "r4_weight",
  COUNT(CASE WHEN "c0" IN ('Aarhus', 'Aalborg') THEN "c5" END) AS "r4_valueRows",
  SUM(CASE WHEN ("c0" IN ('Aarhus', 'Aalborg')) AND ("c5" IS NOT NULL) THEN "c8" END) AS "r4_valueWeight",
  COUNT("c5") AS "r5_valueRows",
  SUM(CASE WHEN "c5" IS NOT NULL THEN "c8" END) AS "r5_valueWeight",
  COUNT(CASE WHEN "c4" > 10000 THEN 1 END) AS "r6_rows",
  SUM(CASE WHEN "c4" > 10000 THEN "c8" END) AS "r6_weight",
  COUNT(CASE WHEN "c4" > 10000 THEN "c5" END) AS "r6_valueRows",
  SUM(CASE WHEN ("c4" > 10000) AND ("c5" IS NOT NULL) THEN "c8" END) AS "r6_valueWeight",
  MAX(CASE WHEN "c4" > 10000 THEN "c5" END) AS "r6_maximum",
  MIN(CASE WHEN "c4" > 10000 THEN "c5" END) AS "r7_minimum",
  COUNT("c6") AS "r8_valueRows",
  SUM(CASE WHEN "c6" IS NOT NULL THEN "c8" END) AS "r8_valueWeight",
  SUM("c6" * "c8") AS "r8_weightedSum",
  COUNT(CASE WHEN ("c7" OR ("c9" <> '')) IS NOT NULL THEN 1 END) AS "r9_knownRows",
  COUNT(CASE WHEN "c7" OR ("c9" <> '') THEN 1 END) AS "r9_hitRows",
  SUM(CASE WHEN "c7" OR ("c9" <> '') THEN "c8" END) AS "r9_hits"
FROM (
  SELECT
    NULLIF("kommune", '') AS "c0",
    NULLIF("kvartal", '') AS "c1",
    "alder" AS "c2",
    NULLIF("køn", '') AS "c3",
    "ydelse" AS "c4",
    "ventetid" AS "c5",
    "andel" AS "c6",
    "i_job" AS "c7",
    "personer" AS "c8",
    NULLIF("note", '') AS "c9"
  FROM "ydelser"
) AS "t"
GROUP BY GROUPING SETS (
  ("c1", "c0"),
  ("c1"),
  ("c1", "c3"),
  ("c1", "c5")
);

-- rows for 1 request computed in Swift: row arithmetic
SELECT
  NULLIF("kvartal", '') AS "c1",
  "alder" AS "c2",
  "ventetid" AS "c5",
  "personer" AS "c8"
FROM "ydelser";
