/**
 * The SQL that derives the waste roll-up (migration 0009) from a set of traces: each trace's unit,
 * attempt and whether that attempt is its unit's last (traces → attempts → units as in
 * waste-sql.ts), then from their steps the flow's spend per model, the calls per attempt, step and
 * model behind success rates, and every model call of each last attempt with its attempt-local
 * waste facts. A full build and the units an incremental refresh recomputes run the same statements.
 */
import { SHORT_OUTPUT_TOKENS } from '../waste-facts.js';
import { attemptLoopsSql, IS_CALL } from './waste-sql.js';

/** Temp table (on the refreshing connection) of the traces being derived, with their attempt. */
export const DERIVED_TRACES = 'waste_rollup_traces';

/**
 * `DERIVED_TRACES` from `traces` (a FROM-clause source in `trace_parts` columns, one row per
 * trace). A trace without an attempt id is an attempt by itself; a unit's last attempt is the one
 * started last (ties by attempt key, so one answer however rows are grouped).
 */
export function derivedTracesSql(traces: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${DERIVED_TRACES} AS
WITH t AS (
  SELECT trace_id, unit_key, started, last_seen, cost,
    CASE WHEN attempt IS NULL THEN trace_id ELSE chr(0) || attempt END AS attempt_key
  FROM ${traces} WHERE unit_key IS NOT NULL
),
a AS (SELECT unit_key, attempt_key, min(started) AS started FROM t GROUP BY ALL),
l AS (SELECT unit_key, arg_max(attempt_key, (started, attempt_key)) AS last_key FROM a GROUP BY ALL)
SELECT t.*, t.attempt_key = l.last_key AS last FROM t JOIN l USING (unit_key)`;
}

/** The steps of `DERIVED_TRACES` (`bound`: a condition on s.start_time that skips the rest). */
const joined = (bound: string) =>
  `steps s JOIN ${DERIVED_TRACES} t USING (trace_id) WHERE ${bound}`;

export const unitFactsSql = (into = 'waste_unit_facts') => `INSERT INTO ${into}
SELECT unit_key, coalesce(sum(cost) FILTER (WHERE last), 0), arg_max(trace_id, (started, trace_id)),
  arg_max(trace_id, (started, trace_id)) FILTER (WHERE NOT last)
FROM ${DERIVED_TRACES} GROUP BY unit_key`;

export const spendModelsSql = (bound: string, into = 'spend_unit_models') => `INSERT INTO ${into}
SELECT t.unit_key, t.last, s.model, coalesce(sum(s.cost_usd), 0), count(*)
FROM ${joined(bound)} AND s.usage_counted AND s.pricing_status = 'priced' GROUP BY ALL`;

export const attemptModelsSql = (
  bound: string,
  into = 'waste_attempt_models',
) => `INSERT INTO ${into}
SELECT unit_key, last, step, model, provider, calls, last_seen, short_calls FROM (
  SELECT t.unit_key, t.attempt_key, t.last, coalesce(s.step_name, s.name) AS step, s.model,
    any_value(s.provider) AS provider, count(*) AS calls, max(s.start_time) AS last_seen,
    count(*) FILTER (WHERE s.kind = 'llm' AND s.output_tokens <= ${SHORT_OUTPUT_TOKENS}) AS short_calls
  FROM ${joined(bound)} AND ${IS_CALL} AND s.model IS NOT NULL GROUP BY ALL
)`;

/**
 * The model calls of each last attempt with their attempt-local facts (the rules of
 * waste-sql.ts `callsTableSql`, which judged them only for successful attempts; a unit's last
 * attempt is its only possible success, so computing them here for every last attempt gives the
 * same facts).
 */
export const lastCallsSql = (bound: string, into = 'waste_last_calls') => `INSERT INTO ${into}
WITH calls AS MATERIALIZED (
  SELECT s.rowid AS rid, s.trace_id, s.span_id, t.unit_key, s.kind,
    coalesce(s.step_name, s.name) AS step, s.model, s.provider, s.start_time,
    CASE WHEN s.kind = 'tool' THEN s.fingerprint END AS tool_fingerprint,
    CASE WHEN s.kind <> 'tool' THEN s.fingerprint END AS prompt_fingerprint,
    coalesce(s.input_tokens, 0) AS input, s.output_tokens, s.cache_read_tokens,
    s.cache_write_tokens, s.cache_write_1h_tokens, s.reasoning_tokens, s.cost_usd,
    (${IS_CALL}) AS is_call
  FROM ${joined(bound)} AND t.last AND ((${IS_CALL}) OR (s.kind = 'tool' AND s.fingerprint IS NOT NULL))
),
${attemptLoopsSql('calls', 'unit_key')}
SELECT m.unit_key, m.trace_id, m.span_id, m.kind, m.step, m.model, m.provider, m.start_time,
  m.input, m.output_tokens, m.cache_read_tokens, m.cache_write_tokens, m.cache_write_1h_tokens,
  m.reasoning_tokens, m.cost_usd, coalesce(q.repeats, 0), p.rid IS NOT NULL,
  row_number() OVER w,
  min(CASE WHEN m.kind = 'llm' THEN m.input END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
  lag(m.input) OVER w
FROM calls m LEFT JOIN requesters q ON q.rid = m.rid LEFT JOIN repeated_prompts p ON p.rid = m.rid
WHERE m.is_call
WINDOW w AS (PARTITION BY m.unit_key, m.step ORDER BY m.start_time, m.span_id)`;

/** The derived tables, each keyed by `unit_key`. */
export const DERIVED_TABLES = [
  'waste_unit_facts',
  'spend_unit_models',
  'waste_attempt_models',
  'waste_last_calls',
] as const;
