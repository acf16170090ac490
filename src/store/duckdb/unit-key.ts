/**
 * A work unit's 128-bit key: MD5 of `workflow NUL work_unit_id`, read little-endian, which is
 * exactly DuckDB's `md5_number` of the same text. Reports group and join units on this fixed-width
 * key instead of two strings (several times faster over millions of units); 128 bits make a
 * collision between two units practically impossible (~1e-26 at a billion units).
 */
import { createHash } from 'node:crypto';

/** Steps linked to a unit without a workflow are reported under this workflow. */
export const NO_WORKFLOW = '(no workflow)';

export function unitKeyOf(workflow: string | null, workUnitId: string): bigint {
  const digest = createHash('md5')
    .update(`${workflow ?? NO_WORKFLOW}\u0000${workUnitId}`)
    .digest();
  let key = 0n;
  for (let index = 15; index >= 0; index--) key = (key << 8n) | BigInt(digest[index] ?? 0);
  return key;
}

/** The same key computed in SQL from a row's `workflow` and `work_unit_id` columns. */
export const UNIT_KEY_SQL = `CASE WHEN work_unit_id IS NOT NULL
  THEN md5_number(coalesce(workflow, '${NO_WORKFLOW}') || chr(0) || work_unit_id) END`;
