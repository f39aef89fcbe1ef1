-- dataset fjendtlig: table "fjendtlig"
-- 2 aggregate requests, 1 grouping
SELECT
  "c1",
  "c0",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c6" IS NULL) OR ("c6" < 0) THEN 1 END) AS "bad_weight",
  COUNT(CASE WHEN ("c4" IN (E'a\\'' OR 1=1 --', '`x`')) AND ("c5" = 'Ærø') THEN 1 END) AS "r0_rows",
  SUM(CASE WHEN ("c4" IN (E'a\\'' OR 1=1 --', '`x`')) AND ("c5" = 'Ærø') THEN "c6" END) AS "r0_weight",
  COUNT(CASE WHEN ("c4" IN (E'a\\'' OR 1=1 --', '`x`')) AND ("c5" = 'Ærø') AND ("c2" IS NOT NULL) THEN 1 END) AS "r0_knownRows",
  COUNT(CASE WHEN ("c4" IN (E'a\\'' OR 1=1 --', '`x`')) AND ("c5" = 'Ærø') AND "c2" THEN 1 END) AS "r0_hitRows",
  SUM(CASE WHEN ("c4" IN (E'a\\'' OR 1=1 --', '`x`')) AND ("c5" = 'Ærø') AND "c2" THEN "c6" END) AS "r0_hits",
  SUM("c6") AS "r1_weight",
  COUNT(CASE WHEN "c2" IS NOT NULL THEN 1 END) AS "r1_knownRows",
  COUNT(CASE WHEN "c2" THEN 1 END) AS "r1_hitRows",
  SUM(CASE WHEN "c2" THEN "c6" END) AS "r1_hits"
FROM (
  SELECT
    NULLIF("'; DROP TABLE x; --", '') COLLATE "C" AS "c0",
    NULLIF("kvartal", '') COLLATE "C" AS "c1",
    "sag""s ""nr""" AS "c2",
    NULLIF("back\slash", '') COLLATE "C" AS "c4",
    NULLIF("ærø_å", '') COLLATE "C" AS "c5",
    "vægt" AS "c6"
  FROM "fjendtlig"
) AS "t"
GROUP BY "c1", "c0";
