-- dataset hjemmepleje: table "hjemmepleje"
-- 3 aggregate requests, 1 grouping
SELECT
  "c1",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c2" IS NULL) OR ("c2" < 0) THEN 1 END) AS "bad_weight",
  SUM("c2") AS "r0_weight",
  COUNT("c3") AS "r0_valueRows",
  SUM(CASE WHEN "c3" IS NOT NULL THEN "c2" END) AS "r0_valueWeight",
  SUM("c3" * "c2") AS "r0_weightedSum",
  COUNT("c5") AS "r1_valueRows",
  SUM(CASE WHEN "c5" IS NOT NULL THEN "c2" END) AS "r1_valueWeight",
  SUM("c5" * "c2") AS "r1_weightedSum",
  COUNT("c8") AS "r2_valueRows",
  SUM(CASE WHEN "c8" IS NOT NULL THEN "c2" END) AS "r2_valueWeight",
  SUM("c8" * "c2") AS "r2_weightedSum"
FROM (
  SELECT
    NULLIF("år", '') AS "c1",
    "borgere" AS "c2",
    "selvhjulpne" AS "c3",
    "oplever_indflydelse" AS "c5",
    "ensomme" AS "c8"
  FROM "hjemmepleje"
) AS "t"
GROUP BY "c1";
