/**
 * Traces whose steps arrived over several transactions have several roll-up parts; this merges a
 * trace's parts into its single row (the SQL reports use for those traces) and, once enough
 * continued parts have piled up, rewrites them as one part per trace so reports stay one row per
 * trace.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UNIT_KEY_SQL } from './unit-key.js';

/** One merged row per trace among the parts matching `where`, in `trace_parts` column order. */
export function mergedPartsSql(where: string): string {
  return `SELECT *, ${UNIT_KEY_SQL} AS unit_key FROM (SELECT trace_id, false AS continued,
    min(unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS unit_start,
    arg_min(work_unit_id, unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
    arg_min(link_attributes, unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS link_attributes,
    min(workflow_start) FILTER (WHERE workflow IS NOT NULL) AS workflow_start,
    arg_min(workflow, workflow_start) FILTER (WHERE workflow IS NOT NULL) AS workflow,
    min(attempt_start) FILTER (WHERE attempt IS NOT NULL) AS attempt_start,
    arg_min(attempt, attempt_start) FILTER (WHERE attempt IS NOT NULL) AS attempt,
    min(started) AS started, max(last_seen) AS last_seen, sum(cost) AS cost,
    sum(step_minutes) AS step_minutes, sum(unpriced) AS unpriced,
    sum(usage_unknown) AS usage_unknown
  FROM trace_parts WHERE ${where} GROUP BY trace_id)`;
}

export const CONTINUED_TRACES = 'SELECT trace_id FROM trace_parts WHERE continued';

/**
 * Every trace as one row in `trace_parts` columns: a single part as it is, several parts merged.
 * Reading only single parts needs no grouping, and the writer keeps the merged ones few.
 */
export const ROLLED_UP_TRACES = `SELECT * FROM trace_parts WHERE trace_id NOT IN (${CONTINUED_TRACES})
  UNION ALL
  ${mergedPartsSql(`trace_id IN (${CONTINUED_TRACES})`)}`;

/** Continued parts that trigger a compaction (each costs reports one grouped row). */
export const COMPACT_AFTER_CONTINUED_PARTS = 50_000;

/** Rewrites every trace with continued parts as one part; call inside a transaction. */
export async function compactTraceParts(connection: DuckDBConnection): Promise<void> {
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE merged_trace_parts AS
     ${mergedPartsSql(`trace_id IN (${CONTINUED_TRACES})`)}`,
  );
  await connection.run(
    'DELETE FROM trace_parts WHERE trace_id IN (SELECT trace_id FROM merged_trace_parts)',
  );
  await connection.run('INSERT INTO trace_parts SELECT * FROM merged_trace_parts');
  await connection.run('DROP TABLE merged_trace_parts');
}
