-- dataset hjemmepleje: table "hjemmepleje"
-- 7 aggregate requests, 1 grouping
SELECT
  "c1",
  "c0",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c2" IS NULL) OR ("c2" < 0) THEN 1 END) AS "bad_weight",
  SUM("c2") AS "r0_weight",
  COUNT("c3") AS "r0_valueRows",
  SUM(CASE WHEN "c3" IS NOT NULL THEN "c2" END) AS "r0_valueWeight",
  SUM("c3" * "c2") AS "r0_weightedSum",
  COUNT("c4") AS "r1_valueRows",
  SUM(CASE WHEN "c4" IS NOT NULL THEN "c2" END) AS "r1_valueWeight",
  SUM("c4" * "c2") AS "r1_weightedSum",
  COUNT("c5") AS "r2_valueRows",
  SUM(CASE WHEN "c5" IS NOT NULL THEN "c2" END) AS "r2_valueWeight",
  SUM("c5" * "c2") AS "r2_weightedSum",
  COUNT("c6") AS "r3_valueRows",
  SUM(CASE WHEN "c6" IS NOT NULL THEN "c2" END) AS "r3_valueWeight",
  SUM("c6" * "c2") AS "r3_weightedSum",
  COUNT("c7") AS "r4_valueRows",
  SUM(CASE WHEN "c7" IS NOT NULL THEN "c2" END) AS "r4_valueWeight",
  SUM("c7" * "c2") AS "r4_weightedSum",
  COUNT("c8") AS "r5_valueRows",
  SUM(CASE WHEN "c8" IS NOT NULL THEN "c2" END) AS "r5_valueWeight",
  SUM("c8" * "c2") AS "r5_weightedSum",
  COUNT("c9") AS "r6_valueRows",
  SUM(CASE WHEN "c9" IS NOT NULL THEN "c2" END) AS "r6_valueWeight",
  SUM("c9" * "c2") AS "r6_weightedSum"
FROM (
  SELECT
    NULLIF("team", '') COLLATE "C" AS "c0",
    NULLIF("år", '') COLLATE "C" AS "c1",
    "borgere" AS "c2",
    "selvhjulpne" AS "c3",
    "forebyggelige_indlæggelser" AS "c4",
    "oplever_indflydelse" AS "c5",
    "faste_medarbejdere" AS "c6",
    "tilfredse" AS "c7",
    "ensomme" AS "c8",
    "i_fællesskaber" AS "c9"
  FROM "hjemmepleje"
) AS "t"
GROUP BY "c1", "c0";
