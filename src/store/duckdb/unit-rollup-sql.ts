/**
 * The SQL that derives `unit_rollup` rows: traces (their roll-up parts merged) → attempts (each
 * trace one attempt unless attempts are marked) → units, full-joined with each unit's current
 * outcome. Definitions: docs/metrics.md. A full build and the units an incremental refresh must
 * recompute read the same statement, so a refresh cannot drift from a rebuild.
 */
import { ROLLED_UP_TRACES, rolledUpTracesSql } from './trace-part-compaction.js';
import { NO_WORKFLOW } from './unit-key.js';

/** Temp table (on the refreshing connection) of the units an incremental refresh recomputes. */
export const RESCAN_UNITS = 'rollup_rescan_units';

/**
 * The traces of the units in RESCAN_UNITS, merged. A trace's unit comes from its merged parts
 * (workflow and unit id may come from different parts), so the candidates are the traces with a
 * part of such a unit plus every trace with several parts; single parts need no grouping.
 */
const RESCAN_SCOPE = `unit_key IN (SELECT unit_key FROM ${RESCAN_UNITS})`;
const RESCAN_TRACES = `SELECT * FROM (${rolledUpTracesSql(RESCAN_SCOPE)}) WHERE ${RESCAN_SCOPE}`;

/**
 * One row per unit of the linked traces in `traces` (a FROM-clause source with `trace_parts`
 * columns): attempts, cost, retry cost (all but the earliest attempt), minutes, first and last
 * activity, unpriced counts and the earliest trace. Attempts starting at the same instant are
 * ordered by trace id, so the earliest is one answer however the rows are grouped.
 */
export function spanUnitsSql(traces: string): string {
  return `WITH traces AS (SELECT * FROM ${traces}),
attempts AS (
  SELECT unit_key, workflow, work_unit_id, started, last_seen, cost, step_minutes, unpriced,
    usage_unknown, trace_id AS link_trace
  FROM traces WHERE attempt IS NULL
  UNION ALL
  SELECT unit_key, any_value(workflow), any_value(work_unit_id), min(started), max(last_seen),
    sum(cost), sum(step_minutes), sum(unpriced), sum(usage_unknown),
    arg_min(trace_id, (started, trace_id))
  FROM traces WHERE attempt IS NOT NULL
  GROUP BY unit_key, attempt
)
SELECT unit_key, coalesce(any_value(workflow), '${NO_WORKFLOW}') AS workflow,
  any_value(work_unit_id) AS work_unit_id, count(*) AS attempts, sum(cost) AS cost,
  sum(cost) - arg_min(cost, (started, link_trace)) AS retry_cost, sum(step_minutes) AS step_minutes,
  min(started) AS first_seen, max(last_seen) AS last_seen, sum(unpriced) AS unpriced,
  sum(usage_unknown) AS usage_unknown, arg_min(link_trace, (started, link_trace)) AS link_trace
FROM attempts GROUP BY unit_key`;
}

/** The current-outcome columns of `unit_rollup`, named as in `unit_outcomes`. */
export const OUTCOME_FIELDS = [
  'status',
  'resolved_by',
  'value_usd',
  'human_minutes',
  'occurred_at',
] as const;

/** The `unit_rollup` rows of every unit, or (`rescanOnly`) of the units in RESCAN_UNITS. */
export function unitRollupRowsSql(rescanOnly: boolean): string {
  const traces = rescanOnly
    ? RESCAN_TRACES
    : `SELECT * FROM (${ROLLED_UP_TRACES}) WHERE unit_key IS NOT NULL`;
  const outcomes = rescanOnly ? `WHERE ${RESCAN_SCOPE}` : '';
  return `
SELECT coalesce(s.unit_key, o.unit_key) AS unit_key, coalesce(s.workflow, o.workflow) AS workflow,
  coalesce(s.work_unit_id, o.work_unit_id) AS work_unit_id, coalesce(s.attempts, 0) AS attempts,
  coalesce(s.cost, 0) AS cost, coalesce(s.retry_cost, 0) AS retry_cost,
  coalesce(s.step_minutes, 0) AS step_minutes, s.first_seen, s.last_seen,
  coalesce(s.unpriced, 0) AS unpriced, coalesce(s.usage_unknown, 0) AS usage_unknown,
  s.link_trace, ${OUTCOME_FIELDS.map((f) => `o.${f}`).join(', ')}
FROM (${spanUnitsSql(`(${traces})`)}) s
  FULL JOIN (SELECT * FROM unit_outcomes ${outcomes}) o ON s.unit_key = o.unit_key`;
}
