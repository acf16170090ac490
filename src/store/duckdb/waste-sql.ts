/**
 * The waste SQL over DuckDB, as temp tables built once per read (suffix `_${n}` so concurrent reads
 * never collide): every judged attempt of every unit (traces → attempts → units → latest outcome,
 * the unit-report shape), the model calls and fingerprinted tool calls of successful attempts
 * with each step's reference, and the calls that fall in a class with their per-attempt windows.
 * Rules: src/analysis/waste/definitions.ts.
 */
import { type OverPoweredRoute, SHORT_OUTPUT_TOKENS, type WasteQuery } from '../waste-facts.js';
import { literal, scopeConditions } from './sql-scope.js';
import { ROLLED_UP_TRACES } from './trace-part-compaction.js';
import { attemptKey } from './trajectory-reads.js';
import { NO_WORKFLOW } from './unit-key.js';
import { jsonPath } from './unit-report.js';

/** Model calls that carry spend: priced llm/embedding steps whose usage counts. */
export const IS_CALL =
  "s.kind IN ('llm', 'embedding') AND s.usage_counted AND s.pricing_status = 'priced'";

/** `waste_traces_n`: trace → unit, attempt, workflow and verdict (success, failed, abandoned, pending). */
export function tracesTableSql(n: number, query: WasteQuery): string {
  return `CREATE TEMP TABLE waste_traces_${n} AS\n${tracesSelectSql(query)}`;
}

/**
 * The unit's value of an attribute: its latest outcome's, else its earliest trace's linking
 * span's (by start, then trace id: the unit reports' and the attribute roll-up's rule), even when
 * that span lacks the key and a later trace's has it.
 */
function attributeSql(query: WasteQuery) {
  if (query.attribute === undefined)
    return { link: '', single: '', attempt: '', unit: '', outcome: '', where: null };
  const path = jsonPath(query.attribute.key);
  return {
    link: `, json_extract_string(link_attributes, ${path}) AS link_value`,
    single: ', link_value, (started, trace_id) AS first_trace',
    attempt: ', arg_min_null(link_value, (started, trace_id)), min((started, trace_id))',
    unit: ', arg_min_null(link_value, first_trace) AS link_value',
    outcome: `, json_extract_string(attributes, ${path}) AS value`,
    where: `coalesce(o.value, u.link_value) = ${literal(query.attribute.value)}`,
  };
}

/** The select of `tracesTableSql`, for reads that need it once inside a larger query. */
export function tracesSelectSql(query: WasteQuery): string {
  const attribute = attributeSql(query);
  const where: string[] = ['TRUE'];
  if (attribute.where !== null) where.push(attribute.where);
  where.push(...scopeConditions(query, { workflow: 'u.workflow', time: 'u.first_seen' }));
  return `WITH traces AS (${ROLLED_UP_TRACES}),
linked AS (
  SELECT trace_id, unit_key, workflow, work_unit_id, started, cost, attempt${attribute.link}
  FROM traces WHERE unit_key IS NOT NULL
),
-- A trace without an attempt id is an attempt by itself: only traces sharing an attempt id are
-- grouped and joined back, so a store of one trace per attempt pays for neither.
attempts AS (
  SELECT *, row_number() OVER () AS attempt_no FROM (
    SELECT unit_key, NULL AS attempt, trace_id, cost, started, workflow, work_unit_id${attribute.single}
    FROM linked WHERE attempt IS NULL
    UNION ALL
    SELECT unit_key, attempt, NULL, NULL, min(started), any_value(workflow), any_value(work_unit_id)${attribute.attempt}
    FROM linked WHERE attempt IS NOT NULL GROUP BY unit_key, attempt
  )
),
units AS (
  -- Attempts starting at the same instant: the larger key is the last (as waste-rollup-sql.ts).
  SELECT unit_key, arg_max(attempt_no, (started, ${attemptKey()})) AS last_attempt,
    coalesce(any_value(workflow), '${NO_WORKFLOW}') AS workflow,
    any_value(work_unit_id) AS work_unit_id, min(started) AS first_seen${attribute.unit}
  FROM attempts GROUP BY unit_key
),
judged AS (
  SELECT trace_id, unit_key, attempt_no, cost, started FROM attempts WHERE attempt IS NULL
  UNION ALL
  SELECT l.trace_id, l.unit_key, a.attempt_no, l.cost, l.started
  FROM linked l JOIN attempts a ON a.unit_key = l.unit_key AND a.attempt = l.attempt
),
latest AS (SELECT unit_key, status, resolved_by${attribute.outcome} FROM unit_outcomes)
SELECT j.trace_id, j.unit_key, j.attempt_no, j.cost, j.started, u.workflow, u.work_unit_id,
  CASE WHEN o.status IS NULL THEN 'pending'
    WHEN o.status = 'abandoned' THEN 'abandoned'
    WHEN o.status = 'resolved' AND o.resolved_by = 'ai' AND j.attempt_no = u.last_attempt THEN 'success'
    ELSE 'failed' END AS verdict
FROM judged j JOIN units u USING (unit_key) LEFT JOIN latest o USING (unit_key)
WHERE ${where.join(' AND ')}`;
}

/** Attempt success rate per (workflow, step, model) over attempts whose unit has an outcome. */
export function ratesSql(n: number, stepFilter = 'TRUE'): string {
  return `SELECT workflow, step, model, mode(provider), count(*) FILTER (WHERE verdict <> 'pending'),
  count(*) FILTER (WHERE verdict = 'success'), sum(calls)::BIGINT, epoch_ns(max(last_seen)),
  sum(short_calls)::BIGINT
FROM (
  SELECT t.workflow, coalesce(s.step_name, s.name) AS step, s.model, any_value(s.provider) AS provider,
    t.attempt_no, any_value(t.verdict) AS verdict, count(*) AS calls, max(s.start_time) AS last_seen,
    count(*) FILTER (WHERE s.kind = 'llm' AND s.output_tokens <= ${SHORT_OUTPUT_TOKENS}) AS short_calls
  FROM steps s JOIN waste_traces_${n} t USING (trace_id)
  WHERE ${IS_CALL} AND s.model IS NOT NULL AND ${stepFilter}
  GROUP BY ALL
) GROUP BY workflow, step, model ORDER BY workflow, step, model`;
}

/** The model calls and fingerprinted tool calls of successful attempts (`rid`: the step's row id). */
function successfulRowsSql(n: number): string {
  return `SELECT s.rowid AS rid, s.trace_id, s.span_id, t.workflow, t.work_unit_id, t.attempt_no,
  s.kind, coalesce(s.step_name, s.name) AS step, s.model, s.provider, s.start_time,
  CASE WHEN s.kind = 'tool' THEN s.fingerprint END AS tool_fingerprint,
  CASE WHEN s.kind <> 'tool' THEN s.fingerprint END AS prompt_fingerprint,
  coalesce(s.input_tokens, 0) AS input, s.output_tokens, s.cache_read_tokens, s.cache_write_tokens,
  s.cache_write_1h_tokens, s.reasoning_tokens, s.cost_usd, (${IS_CALL}) AS is_call
FROM steps s JOIN waste_traces_${n} t USING (trace_id)
WHERE t.verdict = 'success' AND ((${IS_CALL}) OR (s.kind = 'tool' AND s.fingerprint IS NOT NULL))`;
}

/** `waste_refs_n`: each (workflow, step, model)'s reference (median input) and call count. */
export function refsTableSql(n: number): string {
  return `CREATE TEMP TABLE waste_refs_${n} AS
SELECT workflow, step, model, quantile_disc(input, 0.5) AS reference, count(*) AS calls
FROM (${successfulRowsSql(n)}) WHERE is_call GROUP BY workflow, step, model`;
}

/**
 * The over-powered routes as a table (workflow, step, model, cheaper, cheaper_provider: '' for
 * none, so a join can match it).
 */
export function routesSql(routes: readonly OverPoweredRoute[]): string {
  const values = routes.map(
    (r) =>
      `(${literal(r.workflow)}, ${literal(r.step)}, ${literal(r.model)}, ${literal(r.cheaperModel)}, ${literal(r.cheaperProvider ?? '')})`,
  );
  return values.length === 0
    ? 'SELECT NULL::VARCHAR AS workflow, NULL::VARCHAR AS step, NULL::VARCHAR AS model, NULL::VARCHAR AS cheaper, NULL::VARCHAR AS cheaper_provider WHERE FALSE'
    : `SELECT * FROM (VALUES ${values.join(', ')}) AS r(workflow, step, model, cheaper, cheaper_provider)`;
}

/**
 * CTEs `repeated_tools`, `requesters` (rid, repeats) and `repeated_prompts` (rid) over the calls
 * and fingerprinted tool calls in CTE `calls` (rid, start_time, span_id, is_call, tool_ and
 * prompt_fingerprint), per attempt (`attempt`: the column telling attempts apart).
 */
export function attemptLoopsSql(calls: string, attempt: string): string {
  return `repeated_tools AS (
  SELECT ${attempt}, start_time FROM ${calls} WHERE tool_fingerprint IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY ${attempt}, tool_fingerprint ORDER BY start_time, span_id) > 1
),
-- The previous model call of each repeated tool call: the latest call of the attempt that started
-- before it. Only attempts with a repeated tool call are sorted for it.
requesters AS (
  SELECT c.rid, count(*) AS repeats
  FROM repeated_tools r ASOF JOIN (
    SELECT rid, ${attempt}, start_time FROM ${calls}
    WHERE is_call AND ${attempt} IN (SELECT ${attempt} FROM repeated_tools)
  ) c ON c.${attempt} = r.${attempt} AND r.start_time > c.start_time
  GROUP BY c.rid
),
-- A model call sending the same prompt as an earlier model call of the attempt repeats it: the
-- repeat itself is the loop. Only fingerprinted calls are sorted, so stores without prompts pay nothing.
repeated_prompts AS (
  SELECT rid FROM ${calls} WHERE is_call AND prompt_fingerprint IS NOT NULL
  QUALIFY row_number() OVER (PARTITION BY ${attempt}, prompt_fingerprint ORDER BY start_time, span_id) > 1
)`;
}

/**
 * `waste_calls_n`: the model calls of successful attempts that fall in a class, with their class
 * inputs — how many repeated tool calls they requested and whether they repeat an earlier prompt
 * (loops), the over-powered route they sit on, their step's reference (median input), whether
 * they are the step's first call in the attempt, the step's smallest llm input in the attempt (the
 * repeated prefix) and, for bloated calls, the previous call's input (history re-sent). Calls in no
 * class are never written: at a million units they are most rows, and writing them cost more than
 * classifying them.
 */
export function callsTableSql(n: number, routes: readonly OverPoweredRoute[]): string {
  return `CREATE TEMP TABLE waste_calls_${n} AS
-- Materialised inside the statement, not as a table: writing a temp table of ~3.4M wide rows cost
-- four times the join that produces them.
WITH successful AS MATERIALIZED (${successfulRowsSql(n)}),
${attemptLoopsSql('successful', 'attempt_no')},
routes AS (${routesSql(routes)}),
-- Classes that need no order within the attempt; a cache-miss candidate still needs its rank.
classed AS MATERIALIZED (
  SELECT * FROM (
    SELECT m.* EXCLUDE (is_call, tool_fingerprint, prompt_fingerprint),
      coalesce(q.repeats, 0) AS repeats, p.rid IS NOT NULL AS prompt_repeat, rt.cheaper AS cheaper_model,
      f.reference,
      CASE WHEN q.repeats > 0 OR p.rid IS NOT NULL THEN 'loops'
        WHEN rt.cheaper IS NOT NULL THEN 'overPoweredRouting'
        WHEN m.input > 2 * f.reference THEN 'contextBloat'
        WHEN m.kind = 'llm' AND coalesce(m.cache_read_tokens, 0) = 0 AND m.input >= 8192 THEN 'cacheCandidate'
      END AS class
    FROM successful m
    JOIN waste_refs_${n} f ON f.workflow = m.workflow AND f.step = m.step AND f.model IS NOT DISTINCT FROM m.model
    LEFT JOIN requesters q ON q.rid = m.rid
    LEFT JOIN repeated_prompts p ON p.rid = m.rid
    LEFT JOIN routes rt ON rt.workflow = m.workflow AND rt.step = m.step AND rt.model = m.model
    WHERE m.is_call
  ) WHERE class IS NOT NULL
),
-- Rank, repeated prefix and previous input within the (attempt, step), sorted only for the
-- partitions holding a bloated call or a cache-miss candidate: most calls are never sorted.
ordered AS (
  SELECT c.rid, row_number() OVER w AS step_rank,
    min(CASE WHEN c.kind = 'llm' THEN c.input END) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS prefix,
    lag(c.input) OVER w AS previous_input
  FROM successful c SEMI JOIN (
    SELECT DISTINCT attempt_no, step FROM classed WHERE class IN ('contextBloat', 'cacheCandidate')
  ) b ON b.attempt_no = c.attempt_no AND b.step = c.step
  WHERE c.is_call
  WINDOW w AS (PARTITION BY c.attempt_no, c.step ORDER BY c.start_time, c.span_id)
)
SELECT *, NULL::BIGINT AS prefix, NULL::BIGINT AS previous_input FROM classed
WHERE class NOT IN ('contextBloat', 'cacheCandidate')
UNION ALL
SELECT k.* REPLACE (CASE WHEN k.class = 'contextBloat' THEN 'contextBloat'
    WHEN o.step_rank > 1 THEN 'cacheMisses' END AS class), o.prefix, o.previous_input
FROM classed k JOIN ordered o USING (rid) WHERE k.class IN ('contextBloat', 'cacheCandidate')`;
}

/** The loop calls' sums per `key` (workflow, or workflow and unit) from `waste_calls_n`. */
export const loopSumsSql = (n: number, unit: string, key: string) => `SELECT ${key},
  sum(cost_usd) AS cost, sum(repeats)::BIGINT AS repeats, count(*) AS calls,
  count(*) FILTER (WHERE prompt_repeat) AS prompts
FROM waste_calls_${n} WHERE class = 'loops' AND ${unit} GROUP BY ${key}`;

/** Every loop call from `waste_calls_n` as an example row, ranked by cost per workflow. */
export const loopExamplesSql = (n: number, unit: string) =>
  `SELECT workflow, 'loops', work_unit_id, trace_id, step, model, cost_usd,
  CASE WHEN repeats = 0 THEN 'repeats an earlier prompt of the attempt'
    WHEN prompt_repeat THEN repeats || ' repeated tool call(s) requested; repeats an earlier prompt'
    ELSE repeats || ' repeated tool call(s) requested' END,
  row_number() OVER (PARTITION BY workflow ORDER BY cost_usd DESC, trace_id, span_id)
FROM waste_calls_${n} WHERE class = 'loops' AND ${unit}`;
