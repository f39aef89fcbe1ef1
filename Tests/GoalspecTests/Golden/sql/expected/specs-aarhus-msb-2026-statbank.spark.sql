-- dataset beskæftigelse: table `beskæftigelse`
-- 1 aggregate request, 1 grouping
SELECT
  `c2`,
  `c0`,
  COUNT(*) AS `n`,
  COUNT(CASE WHEN (`c3` IS NULL) OR (`c3` < 0) THEN 1 END) AS `bad_weight`,
  COUNT(CASE WHEN `c1` <> 'I alt' THEN 1 END) AS `r0_rows`,
  SUM(CASE WHEN `c1` <> 'I alt' THEN `c3` END) AS `r0_weight`,
  COUNT(CASE WHEN (`c1` <> 'I alt') AND ((`c1` = 'I job eller uddannelse') IS NOT NULL) THEN 1 END) AS `r0_knownRows`,
  COUNT(CASE WHEN (`c1` <> 'I alt') AND (`c1` = 'I job eller uddannelse') THEN 1 END) AS `r0_hitRows`,
  SUM(CASE WHEN (`c1` <> 'I alt') AND (`c1` = 'I job eller uddannelse') THEN `c3` END) AS `r0_hits`
FROM (
  SELECT
    NULLIF(`OMRÅDE`, '') AS `c0`,
    NULLIF(`BESKSTATUS`, '') AS `c1`,
    NULLIF(`TID`, '') AS `c2`,
    `INDHOLD` AS `c3`
  FROM `beskæftigelse`
) AS `t`
GROUP BY `c2`, `c0`;
