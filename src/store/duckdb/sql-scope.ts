/**
 * SQL text the DuckDB reads share: a quoted string literal, and the conditions that scope a read
 * to one workflow and to units whose first activity lies in [from, to).
 */

export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

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
