/**
 * SQL text the DuckDB reads share: a quoted string literal, VALUES rows inserted into a per-read
 * temp table, and the conditions that scope a read to one workflow and to units whose first
 * activity lies in [from, to).
 */
import type { DuckDBConnection } from '@duckdb/node-api';

export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/** Rows per INSERT (a year of daily prices of a few models is a few thousand rows). */
const ROWS_PER_INSERT = 500;

/** Inserts `rows` (each a parenthesised VALUES tuple) into `table`, a few hundred per statement. */
export async function insertValues(
  connection: DuckDBConnection,
  table: string,
  rows: readonly string[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT)
    await connection.run(
      `INSERT INTO ${table} VALUES ${rows.slice(i, i + ROWS_PER_INSERT).join(', ')}`,
    );
}

interface Scope {
  workflow?: string | undefined;
  fromUnixNano?: bigint | undefined;
  toUnixNano?: bigint | undefined;
}

/**
 * The scope's conditions on a row whose workflow and first activity are `columns.workflow` and
 * `columns.time` (a read with no workflow column leaves `workflow` out of what it passes).
 */
export function scopeConditions(
  scope: Scope,
  columns: { workflow: string; time: string } = { workflow: 'workflow', time: 'first_seen' },
): string[] {
  const where: string[] = [];
  if (scope.workflow !== undefined) where.push(`${columns.workflow} = ${literal(scope.workflow)}`);
  if (scope.fromUnixNano !== undefined)
    where.push(`${columns.time} >= make_timestamp_ns(${scope.fromUnixNano})`);
  if (scope.toUnixNano !== undefined)
    where.push(`${columns.time} < make_timestamp_ns(${scope.toUnixNano})`);
  return where;
}
