/**
 * Traces whose steps arrived over several transactions have several roll-up parts; this merges a
 * trace's parts into its single row (the SQL reports use for those traces) and, once enough
 * continued parts have piled up, rewrites them as one part per trace so reports stay one row per
 * trace.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { UNIT_KEY_SQL } from './unit-key.js';

export interface MergeOptions {
  /** The table of parts (default `trace_parts`). */
  from?: string;
  /**
   * Keep parts numbered up to this `part_seq` apart from later ones: one merged row per trace and
   * side, with a boolean `settled` (the earlier side) and the side's highest `part_seq`.
   */
  splitAt?: bigint;
}

/** One merged row per trace among the parts matching `where`, in `trace_parts` column order. */
export function mergedPartsSql(where: string, options: MergeOptions = {}): string {
  const split = options.splitAt;
  const side = split === undefined ? '' : `part_seq <= ${split} AS settled,`;
  const seq = split === undefined ? '' : ', max(part_seq) AS part_seq';
  const outer =
    split === undefined
      ? `SELECT *, ${UNIT_KEY_SQL} AS unit_key`
      : `SELECT * EXCLUDE (part_seq), ${UNIT_KEY_SQL} AS unit_key, part_seq`;
  return `${outer} FROM (SELECT trace_id, ${side} false AS continued,
    min(unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS unit_start,
    arg_min(work_unit_id, unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
    arg_min(link_attributes, unit_start) FILTER (WHERE work_unit_id IS NOT NULL) AS link_attributes,
    min(workflow_start) FILTER (WHERE workflow IS NOT NULL) AS workflow_start,
    arg_min(workflow, workflow_start) FILTER (WHERE workflow IS NOT NULL) AS workflow,
    min(attempt_start) FILTER (WHERE attempt IS NOT NULL) AS attempt_start,
    arg_min(attempt, attempt_start) FILTER (WHERE attempt IS NOT NULL) AS attempt,
    min(started) AS started, max(last_seen) AS last_seen, sum(cost) AS cost,
    sum(step_minutes) AS step_minutes, sum(unpriced) AS unpriced,
    sum(usage_unknown) AS usage_unknown${seq}
  FROM ${options.from ?? 'trace_parts'} WHERE ${where} GROUP BY trace_id${split === undefined ? '' : ', settled'})`;
}

export const CONTINUED_TRACES = 'SELECT trace_id FROM trace_parts WHERE continued';

/**
 * Every trace as one row in `trace_parts` columns: a single part as it is, several parts merged.
 * Reading only single parts needs no grouping, and the writer keeps the merged ones few.
 * `singlePartFilter` narrows the single parts before the anti-join (it may read any column);
 * `mergedPartFilter` the parts of continued traces before they are merged (one trace's parts all
 * match it or none do: a filter on `trace_id`).
 */
export function rolledUpTracesSql(singlePartFilter = 'TRUE', mergedPartFilter = 'TRUE'): string {
  return `SELECT * EXCLUDE (part_seq) FROM trace_parts
  WHERE ${singlePartFilter} AND trace_id NOT IN (${CONTINUED_TRACES})
  UNION ALL
  ${mergedPartsSql(`trace_id IN (${CONTINUED_TRACES}) AND ${mergedPartFilter}`)}`;
}

export const ROLLED_UP_TRACES = rolledUpTracesSql();

/**
 * `trace_id` and `link_attributes` of the traces matching `traceFilter` (a filter on `trace_id`),
 * as rolled up: only the matching traces' parts are read or merged.
 */
export const linkAttributesSql = (traceFilter: string): string =>
  `SELECT trace_id, link_attributes FROM (${rolledUpTracesSql(traceFilter, traceFilter)})`;

/** Continued parts that trigger a compaction (each costs reports one grouped row). */
export const COMPACT_AFTER_CONTINUED_PARTS = 50_000;

/**
 * Rewrites every trace with continued parts as one part; call inside a transaction, holding the
 * unit roll-up's lock. The unit roll-up (unit-rollup.ts) still needs to tell what a trace was
 * before its parts numbered after its watermark, so those are merged apart: a trace keeps one
 * part for what the roll-up has counted and one continued part for what it has not, each with its
 * side's highest number.
 */
export async function compactTraceParts(connection: DuckDBConnection): Promise<void> {
  const state = await connection.runAndReadAll('SELECT part_seq FROM unit_rollup_state');
  const watermark = BigInt((state.getRows()[0]?.[0] as bigint | undefined) ?? 0n);
  const merged = mergedPartsSql(`trace_id IN (${CONTINUED_TRACES})`, { splitAt: watermark });
  await connection.run(
    `CREATE OR REPLACE TEMP TABLE merged_trace_parts AS
     SELECT * EXCLUDE (settled, continued),
       NOT settled AND count(*) OVER (PARTITION BY trace_id) > 1 AS continued
     FROM (${merged})`,
  );
  await connection.run(
    'DELETE FROM trace_parts WHERE trace_id IN (SELECT trace_id FROM merged_trace_parts)',
  );
  await connection.run('INSERT INTO trace_parts BY NAME SELECT * FROM merged_trace_parts');
  await connection.run('DROP TABLE merged_trace_parts');
}
