/**
 * How many rows two tables of the same columns do not share, counting duplicates (what
 * `EXCEPT ALL` both ways counts), by each row's hash: a grouping of 64-bit hashes spills to disk,
 * where `EXCEPT ALL` over the roll-ups of a million units ran out of the store's 1 GB. Two
 * different rows share a hash with a chance of about 1e-19 per pair, so a drift is not missed.
 */
export const driftSql = (kept: string, fresh: string): string =>
  `SELECT coalesce(sum(abs(side)), 0)::BIGINT FROM (
  SELECT sum(side) AS side FROM (
    SELECT hash(k) AS h, 1 AS side FROM ${kept} k
    UNION ALL
    SELECT hash(f), -1 FROM ${fresh} f
  ) GROUP BY h
)`;
