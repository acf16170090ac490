/**
 * The waste and spend-flow reads over the waste roll-up (migration 0009, waste-rollup-sql.ts),
 * narrowed to a business attribute by the attribute roll-up (0012, attribute-rollup-sql.ts): the
 * same figures as the SQL of waste-sql.ts over the steps, read from narrow per-unit rows that
 * carry their unit's workflow, first activity and verdict (a unit's other attempts than its last
 * failed when it succeeded). Only the global parts
 * — success rates, median references, over-powered routes, classes — are computed per read.
 */
import type { OverPoweredRoute, WasteQuery } from '../waste-facts.js';
import { unitsWithAttributeSql } from './attribute-rollup-sql.js';
import { literal, scopeConditions } from './sql-scope.js';
import { loopExamplesSql, loopSumsSql, routesSql } from './waste-sql.js';

/**
 * The query's units (range by first activity, workflow, business attribute from the attribute
 * roll-up), as a condition on any derived table.
 */
const unitsFilter = (query: WasteQuery): string =>
  [
    'TRUE',
    ...scopeConditions(query),
    ...(query.attribute ? [unitsWithAttributeSql(query.attribute)] : []),
  ].join(' AND ');

/** An attempt's verdict from its unit's and whether it is the last. */
const ATTEMPT_VERDICT = "CASE WHEN verdict = 'success' AND NOT last THEN 'failed' ELSE verdict END";

export function rolledUpSpendFlowSql(query: WasteQuery): string {
  return `SELECT workflow, model, ${ATTEMPT_VERDICT} AS verdict, sum(cost)::DECIMAL(38, 15),
  sum(steps)::BIGINT
FROM spend_unit_models WHERE ${unitsFilter(query)} GROUP BY ALL ORDER BY ALL`;
}

/**
 * The views a waste read works from (`waste_units_n` and the successful calls): the query's rows
 * of the kept tables, so the reads below need no filter of their own.
 */
export const unitsViewsSql = (n: number, query: WasteQuery) => {
  const where = unitsFilter(query);
  return `CREATE TEMP VIEW waste_units_${n} AS SELECT * FROM waste_unit_facts WHERE ${where};
CREATE TEMP VIEW waste_models_${n} AS SELECT * FROM waste_attempt_models WHERE ${where};
CREATE TEMP VIEW waste_successful_${n} AS SELECT rowid AS row_id, * FROM waste_last_calls WHERE ${where};`;
};

export const rolledUpRatesSql = (n: number) => `SELECT workflow, step, model, mode(provider),
  count(*) FILTER (WHERE verdict <> 'pending'), count(*) FILTER (WHERE verdict = 'success' AND last),
  sum(calls)::BIGINT, epoch_ns(max(last_seen)), sum(short_calls)::BIGINT
FROM waste_models_${n} GROUP BY workflow, step, model ORDER BY workflow, step, model`;

export const rolledUpRefsSql = (n: number) => `CREATE TEMP TABLE waste_refs_${n} AS
SELECT workflow, step, model, quantile_disc(input, 0.5) AS reference, count(*) AS calls
FROM waste_successful_${n} GROUP BY workflow, step, model`;

/**
 * `waste_calls_n` as waste-sql.ts `callsTableSql` classes them, from the kept call facts. Without
 * `ids` (no examples, no unit: the overview's split) the unit, trace and span ids are NULL.
 */
export function rolledUpCallsSql(
  n: number,
  routes: readonly OverPoweredRoute[],
  ids: boolean,
): string {
  const windowed = "k.class IN ('contextBloat', 'cacheMisses')";
  const onRoute =
    routes.length === 0
      ? 'FALSE'
      : `s.model IN (${routes.map((r) => literal(r.model)).join(', ')})`;
  const cacheMiss =
    "s.kind = 'llm' AND coalesce(s.cache_read_tokens, 0) = 0 AND s.input >= 8192 AND s.step_rank > 1";
  // The ids are most of a classed row's bytes (3.6M realistic calls, 437k classed: ~0.8 s with
  // them, ~0.6 s without).
  const [dropped, nulls] = ids
    ? ['', '']
    : [
        ', work_unit_id, trace_id, span_id',
        'NULL::VARCHAR AS work_unit_id, NULL::VARCHAR AS trace_id, NULL::VARCHAR AS span_id, ',
      ];
  // Calls are classed from the few columns the rules read, and only the calls in a class (about
  // one in eight of a realistic store's) are then read whole by row id: classing whole rows read
  // every column of every call (3.6M calls: ~1.3-2.4 s against ~0.7 s; synthetic calls in no
  // class: ~150-190 ms against ~25 ms). The WHERE is the CASE's superset that lets the join skip
  // most calls before the CASE runs.
  return `CREATE TEMP TABLE waste_calls_${n} AS
WITH routes AS (${routesSql(routes)}),
classed AS (
  SELECT s.row_id, f.reference, rt.cheaper AS cheaper_model,
    CASE WHEN s.repeats > 0 OR s.prompt_repeat THEN 'loops'
      WHEN rt.cheaper IS NOT NULL THEN 'overPoweredRouting'
      WHEN s.input > 2 * f.reference THEN 'contextBloat'
      WHEN ${cacheMiss} THEN 'cacheMisses'
    END AS class
  FROM waste_successful_${n} s
    JOIN waste_refs_${n} f ON f.workflow = s.workflow AND f.step = s.step AND f.model IS NOT DISTINCT FROM s.model
    LEFT JOIN routes rt ON rt.workflow = s.workflow AND rt.step = s.step AND rt.model = s.model
  WHERE s.repeats > 0 OR s.prompt_repeat OR ${onRoute} OR s.input > 2 * f.reference OR (${cacheMiss})
)
SELECT c.* EXCLUDE (row_id, unit_key, first_seen${dropped}) REPLACE (
    CASE WHEN ${windowed} THEN c.prefix END AS prefix,
    CASE WHEN ${windowed} THEN c.previous_input END AS previous_input),
  ${nulls}k.cheaper_model, k.reference, k.class
FROM waste_successful_${n} c JOIN (SELECT * FROM classed WHERE class IS NOT NULL) k USING (row_id)`;
}

/** The per-workflow (or per-unit) sums, in the columns of waste-reads.ts's workflow rows. */
export function rolledUpWorkflowsSql(n: number, unit: string, byUnit: boolean): string {
  const key = byUnit ? 'workflow, work_unit_id' : 'workflow';
  const sumsKey = byUnit ? 'v.workflow, v.work_unit_id' : 'v.workflow';
  // Plain sums per verdict first, then the conditional figures over those few rows: every FILTER
  // over every unit cost as much again (at 1M units ~125 ms against ~70).
  return `WITH v AS (
  SELECT ${key}, verdict, count(*) AS units, sum(attempts) AS attempts, sum(cost) AS cost,
    sum(last_cost) AS last_cost
  FROM waste_units_${n} WHERE ${unit} GROUP BY ALL
),
l AS (${loopSumsSql(n, unit, key)})
SELECT v.workflow, sum(v.cost), sum(units)::BIGINT, sum(v.attempts)::BIGINT,
  coalesce(sum(v.cost) FILTER (WHERE verdict = 'pending'), 0),
  coalesce(sum(units) FILTER (WHERE verdict = 'pending'), 0)::BIGINT,
  coalesce(sum(v.cost) FILTER (WHERE verdict = 'abandoned'), 0),
  coalesce(sum(units) FILTER (WHERE verdict = 'abandoned'), 0)::BIGINT,
  coalesce(sum(CASE WHEN verdict = 'success' THEN v.cost - v.last_cost ELSE v.cost END)
    FILTER (WHERE verdict IN ('failed', 'success')), 0),
  coalesce(sum(CASE verdict WHEN 'success' THEN v.attempts - units WHEN 'failed' THEN v.attempts ELSE 0 END), 0)::BIGINT,
  coalesce(sum(units) FILTER (WHERE verdict = 'success'), 0)::BIGINT,
  coalesce(any_value(l.cost), 0), coalesce(any_value(l.repeats), 0), coalesce(any_value(l.calls), 0),
  coalesce(any_value(l.prompts), 0), ${byUnit ? 'v.work_unit_id' : 'NULL'}
FROM v LEFT JOIN l USING (${key}) GROUP BY ${sumsKey} ORDER BY ${sumsKey}`;
}

/**
 * The three costliest failed/abandoned units and loop calls per workflow, as waste-reads.ts. Only
 * units costing at least their group's third-highest cost are ranked (a sort of every failed
 * unit cost more than the rest of the read).
 */
export function rolledUpExamplesSql(n: number, unit: string): string {
  const side = "CASE WHEN verdict = 'abandoned' THEN 'abandoned' ELSE 'failed' END";
  const cost = "CASE WHEN verdict = 'success' THEN cost - last_cost ELSE cost END";
  const attempts = "CASE WHEN verdict = 'success' THEN attempts - 1 ELSE attempts END";
  // The failed attempts' trace started last (the steps' read takes the same).
  const trace = "CASE WHEN verdict = 'success' THEN earlier_trace ELSE latest_trace END";
  return `WITH e AS (
  SELECT workflow, ${side} AS verdict, work_unit_id, ${trace} AS trace_id, ${cost} AS cost,
    ${attempts} AS attempts
  FROM waste_units_${n}
  WHERE (verdict IN ('failed', 'abandoned') OR (verdict = 'success' AND attempts > 1)) AND ${unit}
),
top AS (SELECT workflow, verdict, list_min(max(cost, 3)) AS floor FROM e GROUP BY ALL)
SELECT * FROM (
  SELECT e.workflow, e.verdict, work_unit_id, trace_id, NULL, NULL, cost, attempts || ' attempt(s)',
    row_number() OVER (PARTITION BY e.workflow, e.verdict ORDER BY cost DESC, work_unit_id) AS rank
  FROM e JOIN top USING (workflow, verdict) WHERE cost >= top.floor
  UNION ALL
  ${loopExamplesSql(n, unit)}
) WHERE rank <= 3 ORDER BY workflow, verdict, rank`;
}
