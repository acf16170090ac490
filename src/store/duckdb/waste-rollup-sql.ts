/**
 * The SQL that derives the waste roll-up (migration 0009) from a set of traces: each trace's unit,
 * attempt, whether that attempt is its unit's last (traces → attempts → units as in waste-sql.ts)
 * and the unit's verdict; each unit's row; then from their steps the flow's spend per model, the
 * calls per attempt, step and model behind success rates, and every model call of each successful
 * attempt with its attempt-local waste facts. A full build and the units an incremental refresh
 * derives again run the same statements.
 */
import { SHORT_OUTPUT_TOKENS } from '../waste-facts.js';
import { attemptKey } from './trajectory-reads.js';
import { NO_WORKFLOW } from './unit-key.js';
import { attemptLoopsSql, IS_CALL } from './waste-sql.js';

/** Temp tables (on the refreshing connection) of the traces and units being derived. */
export const DERIVED_TRACES = 'waste_rollup_traces';
export const DERIVED_UNITS = 'waste_rollup_unit_rows';

/** The verdict of a unit's last attempt from its current outcome `o` (waste-sql.ts's rule). */
const UNIT_VERDICT = `CASE WHEN o.status IS NULL THEN 'pending' WHEN o.status = 'abandoned' THEN 'abandoned'
  WHEN o.status = 'resolved' AND o.resolved_by = 'ai' THEN 'success' ELSE 'failed' END`;

/**
 * `DERIVED_TRACES` from `traces` (a FROM-clause source in `trace_parts` columns, one row per
 * trace) with their unit's current verdict. A trace without an attempt id is an attempt by
 * itself; a unit's last attempt is the one started last (ties by attempt key, so one answer
 * however rows are grouped).
 */
export function derivedTracesSql(traces: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${DERIVED_TRACES} AS
WITH t AS (
  SELECT trace_id, unit_key, workflow, work_unit_id, started, last_seen, cost, step_minutes,
    ${attemptKey()} AS attempt_key
  FROM ${traces} WHERE unit_key IS NOT NULL
),
a AS (SELECT unit_key, attempt_key, min(started) AS started FROM t GROUP BY ALL),
l AS (SELECT unit_key, arg_max(attempt_key, (started, attempt_key)) AS last_key FROM a GROUP BY ALL)
SELECT t.*, t.attempt_key = l.last_key AS last, ${UNIT_VERDICT} AS verdict
FROM t JOIN l USING (unit_key) LEFT JOIN unit_outcomes o USING (unit_key)`;
}

/**
 * `DERIVED_UNITS`: the `waste_unit_facts` row of each unit in `DERIVED_TRACES` (the unit roll-up's
 * workflow, unit id, attempts, cost and first activity, as unit-rollup-sql.ts derives them).
 */
export const derivedUnitsSql = () => `CREATE OR REPLACE TEMP TABLE ${DERIVED_UNITS} AS
SELECT unit_key, coalesce(any_value(workflow), '${NO_WORKFLOW}') AS workflow,
  any_value(work_unit_id) AS work_unit_id, min(started) AS first_seen, any_value(verdict) AS verdict,
  count(DISTINCT attempt_key) AS attempts, sum(cost) AS cost,
  coalesce(sum(cost) FILTER (WHERE last), 0) AS last_cost,
  arg_max(trace_id, (started, trace_id)) AS latest_trace,
  arg_max(trace_id, (started, trace_id)) FILTER (WHERE NOT last) AS earlier_trace
FROM ${DERIVED_TRACES} GROUP BY unit_key`;

/** The unit columns every derived row carries, so reads filter and judge without a join. */
const UNIT = 'u.workflow, u.first_seen, u.verdict';

/** Temp table of the derived traces' steps (an incremental refresh reads them five times). */
export const DERIVED_STEPS = 'waste_rollup_steps';

/**
 * `DERIVED_STEPS`: the columns read below of the steps of `DERIVED_TRACES` matching `bound`, and
 * `extra` columns a roll-up derives from besides (compare-rollup-sql.ts).
 */
export const derivedStepsSql = (bound: string, extra: string) =>
  `CREATE OR REPLACE TEMP TABLE ${DERIVED_STEPS} AS
SELECT trace_id, span_id, kind, name, step_name, model, provider, start_time, fingerprint,
  input_tokens, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens,
  reasoning_tokens, cost_usd, usage_counted, pricing_status${extra === '' ? '' : `, ${extra}`}
FROM steps s WHERE ${bound} AND trace_id IN (SELECT trace_id FROM ${DERIVED_TRACES})`;

/** The rows of `steps` (`steps` or `DERIVED_STEPS`) of `DERIVED_TRACES`, with their trace `t`. */
const joined = (steps: string) => `${steps} s JOIN ${DERIVED_TRACES} t USING (trace_id) WHERE TRUE`;

export const unitFactsSql = (into = 'waste_unit_facts') =>
  `INSERT INTO ${into} BY NAME SELECT * FROM ${DERIVED_UNITS}`;

export const spendModelsSql = (steps: string, into = 'spend_unit_models') => `INSERT INTO ${into}
SELECT m.*, ${UNIT} FROM (
  SELECT t.unit_key, t.last, s.model, coalesce(sum(s.cost_usd), 0) AS cost, count(*) AS steps
  FROM ${joined(steps)} AND s.usage_counted AND s.pricing_status = 'priced' GROUP BY ALL
) m JOIN ${DERIVED_UNITS} u USING (unit_key)`;

export const attemptModelsSql = (
  steps: string,
  into = 'waste_attempt_models',
) => `INSERT INTO ${into}
SELECT m.* EXCLUDE (attempt_key), ${UNIT} FROM (
  SELECT t.unit_key, t.attempt_key, t.last, coalesce(s.step_name, s.name) AS step, s.model,
    any_value(s.provider) AS provider, count(*) AS calls, max(s.start_time) AS last_seen,
    count(*) FILTER (WHERE s.kind = 'llm' AND s.output_tokens <= ${SHORT_OUTPUT_TOKENS}) AS short_calls
  FROM ${joined(steps)} AND ${IS_CALL} AND s.model IS NOT NULL GROUP BY ALL
) m JOIN ${DERIVED_UNITS} u USING (unit_key)`;

/**
 * The model calls of each successful attempt (a last attempt whose unit is resolved by AI) with
 * their attempt-local facts, by the rules of waste-sql.ts `callsTableSql`.
 */
export const lastCallsSql = (steps: string, into = 'waste_last_calls') => `INSERT INTO ${into}
WITH calls AS MATERIALIZED (
  SELECT s.rowid AS rid, s.trace_id, s.span_id, t.unit_key, s.kind,
    coalesce(s.step_name, s.name) AS step, s.model, s.provider, s.start_time,
    CASE WHEN s.kind = 'tool' THEN s.fingerprint END AS tool_fingerprint,
    CASE WHEN s.kind <> 'tool' THEN s.fingerprint END AS prompt_fingerprint,
    coalesce(s.input_tokens, 0) AS input, s.output_tokens, s.cache_read_tokens,
    s.cache_write_tokens, s.cache_write_1h_tokens, s.reasoning_tokens, s.cost_usd,
    (${IS_CALL}) AS is_call
  FROM ${joined(steps)} AND t.last AND t.verdict = 'success' AND ((${IS_CALL}) OR (s.kind = 'tool' AND s.fingerprint IS NOT NULL))
),
${attemptLoopsSql('calls', 'unit_key')}
SELECT m.unit_key, u.workflow, u.work_unit_id, u.first_seen, m.trace_id, m.span_id, m.kind, m.step, m.model, m.provider, m.start_time,
  m.input, m.output_tokens, m.cache_read_tokens, m.cache_write_tokens, m.cache_write_1h_tokens,
  m.reasoning_tokens, m.cost_usd, coalesce(q.repeats, 0), p.rid IS NOT NULL,
  row_number() OVER w,
  min(CASE WHEN m.kind = 'llm' THEN m.input END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
  lag(m.input) OVER w
FROM calls m JOIN ${DERIVED_UNITS} u USING (unit_key) LEFT JOIN requesters q ON q.rid = m.rid LEFT JOIN repeated_prompts p ON p.rid = m.rid
WHERE m.is_call
WINDOW w AS (PARTITION BY m.unit_key, m.step ORDER BY m.start_time, m.span_id)`;

/** The waste roll-up's tables, each keyed by `unit_key`. */
export const WASTE_TABLES = [
  'waste_unit_facts',
  'spend_unit_models',
  'waste_attempt_models',
  'waste_last_calls',
] as const;
