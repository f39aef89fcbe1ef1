-- dataset employment: table `employment`
-- 1 aggregate request, 1 grouping
SELECT
  `c1`,
  `c0`,
  COUNT(*) AS `n`,
  COUNT(CASE WHEN (`c3` IS NULL) OR (`c3` < 0) THEN 1 END) AS `bad_weight`,
  SUM(CAST(`c3` AS DECIMAL(20, 0))) AS `r0_weight`,
  COUNT(CASE WHEN `c2` IS NOT NULL THEN 1 END) AS `r0_knownRows`,
  COUNT(CASE WHEN `c2` THEN 1 END) AS `r0_hitRows`,
  SUM(CASE WHEN `c2` THEN CAST(`c3` AS DECIMAL(20, 0)) END) AS `r0_hits`
FROM (
  SELECT
    NULLIF(`city`, '') AS `c0`,
    NULLIF(`quarter`, '') AS `c1`,
    `job` AS `c2`,
    `persons` AS `c3`
  FROM `employment`
) AS `t`
GROUP BY `c1`, `c0`;

-- dataset social: table `social`
-- 2 aggregate requests, 2 groupings
SELECT
  `c1`,
  `c3`,
  `c2`,
  GROUPING(`c1`) AS `g1`,
  GROUPING(`c3`) AS `g3`,
  GROUPING(`c2`) AS `g2`,
  COUNT(*) AS `n`,
  COUNT(CASE WHEN `c4` IS NOT NULL THEN 1 END) AS `r0_knownRows`,
  COUNT(CASE WHEN `c4` THEN 1 END) AS `r0_hitRows`
FROM (
  SELECT
    NULLIF(`quarter`, '') AS `c1`,
    NULLIF(`age_group`, '') AS `c2`,
    NULLIF(`dimension`, '') AS `c3`,
    `reached` AS `c4`
  FROM `social`
) AS `t`
GROUP BY GROUPING SETS (
  (`c1`, `c3`),
  (`c1`, `c2`, `c3`)
);

-- dataset social_progress: table `social_progress`
-- 1 aggregate request, 1 grouping
SELECT
  `c0`,
  `c1`,
  `c2`,
  COUNT(*) AS `n`,
  COUNT(CASE WHEN (`c5` IS NULL) OR (`c5` < 0) THEN 1 END) AS `bad_weight`,
  SUM(CAST(`c5` AS DECIMAL(20, 0))) AS `r0_weight`,
  COUNT(CASE WHEN (`c3` OR `c4`) IS NOT NULL THEN 1 END) AS `r0_knownRows`,
  COUNT(CASE WHEN `c3` OR `c4` THEN 1 END) AS `r0_hitRows`,
  SUM(CASE WHEN `c3` OR `c4` THEN CAST(`c5` AS DECIMAL(20, 0)) END) AS `r0_hits`
FROM (
  SELECT
    NULLIF(`quarter`, '') AS `c0`,
    NULLIF(`age_group`, '') AS `c1`,
    NULLIF(`dimension`, '') AS `c2`,
    `reached` AS `c3`,
    `progressed` AS `c4`,
    `citizens` AS `c5`
  FROM `social_progress`
) AS `t`
GROUP BY `c0`, `c1`, `c2`;
