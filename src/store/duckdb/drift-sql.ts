/**
 * How many rows two tables of the same columns do not share, counting duplicates (what
 * `EXCEPT ALL` both ways counts), by each row's hash: a grouping of 64-bit hashes spills to disk,
 * where `EXCEPT ALL` over the roll-ups of a million units ran out of the store's 1 GB. Two
 * different rows share a hash with a chance of about 1e-19 per pair, so a drift is not missed.
 * Each side's alias names its whole row; a column of that name would shadow it, so the aliases are
 * ones no table uses.
 */
export const driftSql = (kept: string, fresh: string): string =>
  `SELECT coalesce(sum(abs(side)), 0)::BIGINT FROM (
  SELECT sum(side) AS side FROM (
    SELECT hash(kept_row) AS h, 1 AS side FROM ${kept} kept_row
    UNION ALL
    SELECT hash(fresh_row), -1 FROM ${fresh} fresh_row
  ) GROUP BY h
)`;
