/**
 * The SQL that derives `unit_rollup` rows: traces (their roll-up parts merged) → attempts (each
 * trace one attempt unless attempts are marked) → units, full-joined with each unit's current
 * outcome. Definitions: docs/metrics.md. Used for a full build and for the units a refresh found
 * touched; both read the same statement, so an incremental refresh cannot drift from a rebuild.
 */
import { mergedPartsSql, ROLLED_UP_TRACES } from './trace-part-compaction.js';
import { NO_WORKFLOW } from './unit-key.js';

/** Temp tables (on the refreshing connection) of an incremental refresh. */
export const AFFECTED_UNITS = 'rollup_affected_units';
const NEW_PARTS = 'rollup_new_parts';
const TOUCHED_PARTS = 'rollup_touched_parts';

/**
 * The traces of the units in AFFECTED_UNITS, merged. A trace's unit comes from its merged parts
 * (workflow and unit id may come from different parts), so the candidates are the traces with a
 * part of an affected unit plus every trace with several parts; single parts need no grouping.
 */
const AFFECTED_TRACES = `SELECT * FROM (${ROLLED_UP_TRACES.replace(
  'WHERE trace_id NOT IN',
  `WHERE unit_key IN (SELECT unit_key FROM ${AFFECTED_UNITS}) AND trace_id NOT IN`,
)}) WHERE unit_key IN (SELECT unit_key FROM ${AFFECTED_UNITS})`;

/** The `unit_rollup` rows of every unit, or (`affectedOnly`) of the units in AFFECTED_UNITS. */
export function unitRollupRowsSql(affectedOnly: boolean): string {
  const traces = affectedOnly
    ? AFFECTED_TRACES
    : `SELECT * FROM (${ROLLED_UP_TRACES}) WHERE unit_key IS NOT NULL`;
  const outcomes = affectedOnly ? `WHERE unit_key IN (SELECT unit_key FROM ${AFFECTED_UNITS})` : '';
  return `
WITH traces AS (${traces}),
attempts AS (
  SELECT unit_key, workflow, work_unit_id, started, last_seen, cost, step_minutes, unpriced,
    usage_unknown, trace_id AS link_trace
  FROM traces WHERE attempt IS NULL
  UNION ALL
  SELECT unit_key, any_value(workflow), any_value(work_unit_id), min(started), max(last_seen),
    sum(cost), sum(step_minutes), sum(unpriced), sum(usage_unknown), arg_min(trace_id, started)
  FROM traces WHERE attempt IS NOT NULL
  GROUP BY unit_key, attempt
),
span_units AS (
  SELECT unit_key, coalesce(any_value(workflow), '${NO_WORKFLOW}') AS workflow,
    any_value(work_unit_id) AS work_unit_id, count(*) AS attempts, sum(cost) AS cost,
    sum(cost) - arg_min(cost, epoch_ns(started)) AS retry_cost, sum(step_minutes) AS step_minutes,
    min(started) AS first_seen, max(last_seen) AS last_seen, sum(unpriced) AS unpriced,
    sum(usage_unknown) AS usage_unknown, arg_min(link_trace, started) AS link_trace
  FROM attempts GROUP BY unit_key
),
latest AS (SELECT * FROM unit_outcomes ${outcomes})
SELECT coalesce(s.unit_key, o.unit_key) AS unit_key, coalesce(s.workflow, o.workflow) AS workflow,
  coalesce(s.work_unit_id, o.work_unit_id) AS work_unit_id, coalesce(s.attempts, 0) AS attempts,
  coalesce(s.cost, 0) AS cost, coalesce(s.retry_cost, 0) AS retry_cost,
  coalesce(s.step_minutes, 0) + coalesce(o.human_minutes, 0) AS minutes,
  coalesce(s.first_seen, o.occurred_at) AS first_seen, coalesce(s.last_seen, o.occurred_at) AS last_seen,
  coalesce(s.unpriced, 0) AS unpriced, coalesce(s.usage_unknown, 0) AS usage_unknown,
  s.link_trace, o.status, o.resolved_by, o.value_usd
FROM span_units s FULL JOIN latest o ON s.unit_key = o.unit_key`;
}

/**
 * Statements filling AFFECTED_UNITS with the units whose row may have changed between two
 * watermarks: the unit of each new trace; for a trace that already had parts, the unit it belongs
 * to now and the one it belonged to before (its parts up to the old watermark); and the units
 * whose current outcome changed.
 */
export function affectedUnitsSql(
  fromPartSeq: bigint,
  toPartSeq: bigint,
  fromOutcomeSeq: bigint,
  toOutcomeSeq: bigint,
): string[] {
  const from = { from: TOUCHED_PARTS };
  return [
    `CREATE OR REPLACE TEMP TABLE ${NEW_PARTS} AS SELECT trace_id, continued, unit_key
      FROM trace_parts WHERE part_seq > ${fromPartSeq} AND part_seq <= ${toPartSeq}`,
    `CREATE OR REPLACE TEMP TABLE ${TOUCHED_PARTS} AS SELECT * FROM trace_parts
      WHERE part_seq <= ${toPartSeq}
        AND trace_id IN (SELECT trace_id FROM ${NEW_PARTS} WHERE continued)`,
    `CREATE OR REPLACE TEMP TABLE ${AFFECTED_UNITS} AS
      SELECT unit_key FROM ${NEW_PARTS} WHERE NOT continued AND unit_key IS NOT NULL
      UNION
      SELECT unit_key FROM (${mergedPartsSql('TRUE', from)}) WHERE unit_key IS NOT NULL
      UNION
      SELECT unit_key FROM (${mergedPartsSql(`part_seq <= ${fromPartSeq}`, from)})
      WHERE unit_key IS NOT NULL
      UNION
      SELECT unit_key FROM unit_outcomes
      WHERE arrival_seq > ${fromOutcomeSeq} AND arrival_seq <= ${toOutcomeSeq}`,
  ];
}
