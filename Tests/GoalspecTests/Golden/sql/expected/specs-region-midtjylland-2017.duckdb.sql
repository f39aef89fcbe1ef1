-- dataset sundhed: table "sundhed"
-- 6 aggregate requests, 1 grouping
SELECT
  "c1",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c2" IS NULL) OR ("c2" < 0) THEN 1 END) AS "bad_weight",
  SUM("c2") AS "r0_weight",
  COUNT("c6") AS "r0_valueRows",
  SUM(CASE WHEN "c6" IS NOT NULL THEN "c2" END) AS "r0_valueWeight",
  SUM("c6" * "c2") AS "r0_weightedSum",
  COUNT("c5") AS "r1_valueRows",
  SUM(CASE WHEN "c5" IS NOT NULL THEN "c2" END) AS "r1_valueWeight",
  SUM("c5" * "c2") AS "r1_weightedSum",
  COUNT("c7") AS "r2_valueRows",
  SUM(CASE WHEN "c7" IS NOT NULL THEN "c2" END) AS "r2_valueWeight",
  SUM("c7" * "c2") AS "r2_weightedSum",
  COUNT("c3") AS "r3_valueRows",
  SUM(CASE WHEN "c3" IS NOT NULL THEN "c2" END) AS "r3_valueWeight",
  SUM("c3" * "c2") AS "r3_weightedSum",
  COUNT("c4") AS "r4_valueRows",
  SUM(CASE WHEN "c4" IS NOT NULL THEN "c2" END) AS "r4_valueWeight",
  SUM("c4" * "c2") AS "r4_weightedSum",
  COUNT("c8") AS "r5_valueRows",
  SUM(CASE WHEN "c8" IS NOT NULL THEN "c2" END) AS "r5_valueWeight",
  SUM("c8" * "c2") AS "r5_weightedSum"
FROM (
  SELECT
    NULLIF("år", '') AS "c1",
    "patienter" AS "c2",
    "akutte_genindlæggelser" AS "c3",
    "forebyggelige_indlæggelser_ældre" AS "c4",
    "hospitalserhvervede_infektioner" AS "c5",
    "kvalitetsindikatorer_opfyldt" AS "c6",
    "udredt_inden_30_dage" AS "c7",
    "oplever_inddragelse" AS "c8"
  FROM "sundhed"
) AS "t"
GROUP BY "c1";

-- dataset sundhedsøkonomi: table "sundhedsøkonomi"
-- 4 aggregate requests, 1 grouping
SELECT
  "c1",
  COUNT(*) AS "n",
  COUNT("c2") AS "r0_valueRows",
  SUM("c2") AS "r0_weightedSum",
  COUNT("c3") AS "r1_valueRows",
  SUM("c3") AS "r1_weightedSum",
  COUNT("c4") AS "r2_valueRows",
  SUM("c4") AS "r2_weightedSum",
  COUNT("c5") AS "r3_valueRows",
  SUM("c5") AS "r3_weightedSum"
FROM (
  SELECT
    NULLIF("år", '') AS "c1",
    "forbrug" AS "c2",
    "budget" AS "c3",
    "aktivitet" AS "c4",
    "aktivitetskrav" AS "c5"
  FROM "sundhedsøkonomi"
) AS "t"
GROUP BY "c1";

-- dataset nøgletal: table "nøgletal"
-- 7 aggregate requests, 1 grouping
SELECT
  "c0",
  COUNT(*) AS "n",
  COUNT("c1") AS "r0_valueRows",
  SUM("c1") AS "r0_weightedSum",
  COUNT("c7") AS "r1_valueRows",
  SUM("c7") AS "r1_weightedSum",
  COUNT("c5") AS "r2_valueRows",
  SUM("c5") AS "r2_weightedSum",
  COUNT("c2") AS "r3_valueRows",
  SUM("c2") AS "r3_weightedSum",
  COUNT("c3") AS "r4_valueRows",
  SUM("c3") AS "r4_weightedSum",
  COUNT("c4") AS "r5_valueRows",
  SUM("c4") AS "r5_weightedSum",
  COUNT("c6") AS "r6_valueRows",
  SUM("c6") AS "r6_weightedSum"
FROM (
  SELECT
    NULLIF("år", '') AS "c0",
    "dagligrygere" AS "c1",
    "vælger_eud" AS "c2",
    "gennemfører_eud" AS "c3",
    "kultur_øger_livskvalitet" AS "c4",
    "grundvand_kortlagt" AS "c5",
    "overnatninger" AS "c6",
    "kortlagte_råstofområder" AS "c7"
  FROM "nøgletal"
) AS "t"
GROUP BY "c0";

-- dataset trafik: table "trafik"
-- 1 aggregate request, 1 grouping
SELECT
  "c1",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c2" IS NULL) OR ("c2" < 0) THEN 1 END) AS "bad_weight",
  SUM("c2") AS "r0_weight",
  COUNT("c3") AS "r0_valueRows",
  SUM(CASE WHEN "c3" IS NOT NULL THEN "c2" END) AS "r0_valueWeight",
  SUM("c3" * "c2") AS "r0_weightedSum"
FROM (
  SELECT
    NULLIF("kvartal", '') AS "c1",
    "indbyggere" AS "c2",
    "bruger_kollektiv_trafik" AS "c3"
  FROM "trafik"
) AS "t"
GROUP BY "c1";

-- dataset miljø: table "miljø"
-- 2 aggregate requests, 1 grouping
SELECT
  "c1",
  "c0",
  COUNT(*) AS "n",
  COUNT("c3") AS "r1_valueRows",
  SUM("c3") AS "r1_weightedSum",
  COUNT("c4") AS "r2_valueRows",
  SUM("c4") AS "r2_weightedSum"
FROM (
  SELECT
    NULLIF("region", '') AS "c0",
    NULLIF("år", '') AS "c1",
    "co2_tons" AS "c3",
    "ressourceforbrug_tons" AS "c4"
  FROM "miljø"
) AS "t"
GROUP BY "c1", "c0";

-- rows for 1 request computed in Swift: row arithmetic
SELECT
  NULLIF("region", '') AS "c0",
  NULLIF("år", '') AS "c1",
  "indbyggere" AS "c2",
  "co2_tons" AS "c3"
FROM "miljø";

-- dataset erhverv: table "erhverv"
-- 5 aggregate requests, 2 groupings
SELECT
  "c2",
  "c0",
  "c1",
  GROUPING("c2") AS "g2",
  GROUPING("c0") AS "g0",
  GROUPING("c1") AS "g1",
  COUNT(*) AS "n",
  COUNT("c4") AS "r0_valueRows",
  SUM("c4") AS "r0_weightedSum",
  COUNT("c3") AS "r1_valueRows",
  SUM("c3") AS "r1_weightedSum",
  COUNT("c5") AS "r2_valueRows",
  SUM("c5") AS "r2_weightedSum",
  COUNT(CASE WHEN "c1" IN ('Fødevarer', 'Energi og miljø', 'Produktionserhverv', 'Kreative erhverv', 'IKT', 'Turisme') THEN 1 END) AS "r3_rows",
  COUNT(CASE WHEN "c1" IN ('Fødevarer', 'Energi og miljø', 'Produktionserhverv', 'Kreative erhverv', 'IKT', 'Turisme') THEN "c3" END) AS "r3_valueRows",
  SUM(CASE WHEN "c1" IN ('Fødevarer', 'Energi og miljø', 'Produktionserhverv', 'Kreative erhverv', 'IKT', 'Turisme') THEN "c3" END) AS "r3_weightedSum"
FROM (
  SELECT
    NULLIF("region", '') AS "c0",
    NULLIF("sektor", '') AS "c1",
    NULLIF("år", '') AS "c2",
    "beskæftigede" AS "c3",
    "bvt" AS "c4",
    "eksport" AS "c5"
  FROM "erhverv"
) AS "t"
GROUP BY GROUPING SETS (
  ("c2", "c0"),
  ("c2", "c0", "c1")
);

-- dataset dækning: table "dækning"
-- 2 aggregate requests, 1 grouping
SELECT
  "c1",
  "c0",
  COUNT(*) AS "n",
  COUNT(CASE WHEN ("c4" IS NULL) OR ("c4" < 0) THEN 1 END) AS "bad_weight",
  SUM("c4") AS "r0_weight",
  COUNT(CASE WHEN "c2" IS NOT NULL THEN 1 END) AS "r0_knownRows",
  COUNT(CASE WHEN "c2" THEN 1 END) AS "r0_hitRows",
  SUM(CASE WHEN "c2" THEN "c4" END) AS "r0_hits",
  COUNT(CASE WHEN "c3" IS NOT NULL THEN 1 END) AS "r1_knownRows",
  COUNT(CASE WHEN "c3" THEN 1 END) AS "r1_hitRows",
  SUM(CASE WHEN "c3" THEN "c4" END) AS "r1_hits"
FROM (
  SELECT
    NULLIF("kommune", '') AS "c0",
    NULLIF("år", '') AS "c1",
    "bredbånd" AS "c2",
    "mobil" AS "c3",
    "adresser" AS "c4"
  FROM "dækning"
) AS "t"
GROUP BY "c1", "c0";
