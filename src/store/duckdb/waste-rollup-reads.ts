/**
 * The waste and spend-flow reads over the waste roll-up (waste-rollup-sql.ts) and the unit
 * roll-up, for queries without a business attribute: the same figures as the SQL of waste-sql.ts
 * over the steps, read from narrow per-unit rows. Units are chosen and judged from `unit_rollup`
 * (the verdict of a unit's last attempt; its other attempts failed); only the global parts —
 * success rates, median references, over-powered routes, classes — are computed per read.
 */
import type { OverPoweredRoute, WasteQuery } from '../waste-facts.js';
import { NO_WORKFLOW } from './unit-key.js';
import { literal, loopExamplesSql, loopSumsSql, routesSql } from './waste-sql.js';

/** The verdict of each unit's last attempt: its current outcome, as waste-sql.ts judges it. */
const UNIT_VERDICT = `CASE WHEN r.status IS NULL THEN 'pending' WHEN r.status = 'abandoned' THEN 'abandoned'
  WHEN r.status = 'resolved' AND r.resolved_by = 'ai' THEN 'success' ELSE 'failed' END`;

/** The units of `query` (range by first activity, workflow) with their last attempt's verdict. */
function unitsSql(query: WasteQuery): string {
  const where = ['TRUE'];
  if (query.workflow !== undefined) where.push(`r.workflow = ${literal(query.workflow)}`);
  if (query.fromUnixNano !== undefined)
    where.push(`r.first_seen >= make_timestamp_ns(${query.fromUnixNano})`);
  if (query.toUnixNano !== undefined)
    where.push(`r.first_seen < make_timestamp_ns(${query.toUnixNano})`);
  return `SELECT r.unit_key, coalesce(r.workflow, '${NO_WORKFLOW}') AS workflow, r.work_unit_id,
  r.attempts, r.cost, f.last_cost, f.latest_trace, f.earlier_trace, ${UNIT_VERDICT} AS verdict
FROM unit_rollup r JOIN waste_unit_facts f USING (unit_key) WHERE ${where.join(' AND ')}`;
}

/** An attempt's verdict from its unit's (`u`) and whether it is the last (`last`). */
const ATTEMPT_VERDICT =
  "CASE WHEN u.verdict = 'success' AND NOT last THEN 'failed' ELSE u.verdict END";

export function rolledUpSpendFlowSql(query: WasteQuery): string {
  return `SELECT u.workflow, m.model, ${ATTEMPT_VERDICT} AS verdict, sum(m.cost)::DECIMAL(38, 15),
  sum(m.steps)::BIGINT
FROM spend_unit_models m JOIN (${unitsSql(query)}) u USING (unit_key)
GROUP BY ALL ORDER BY ALL`;
}

/** `waste_units_n`: the query's units with their figures and last attempt's verdict. */
export const unitsTableSql = (n: number, query: WasteQuery) =>
  `CREATE TEMP TABLE waste_units_${n} AS ${unitsSql(query)}`;

export const rolledUpRatesSql = (
  n: number,
) => `SELECT u.workflow, a.step, a.model, mode(a.provider),
  count(*) FILTER (WHERE u.verdict <> 'pending'), count(*) FILTER (WHERE u.verdict = 'success' AND a.last),
  sum(a.calls)::BIGINT, epoch_ns(max(a.last_seen)), sum(a.short_calls)::BIGINT
FROM waste_attempt_models a JOIN waste_units_${n} u USING (unit_key)
GROUP BY u.workflow, a.step, a.model ORDER BY u.workflow, a.step, a.model`;

const SUCCESSFUL_CALLS = (n: number) =>
  `waste_last_calls c JOIN waste_units_${n} u USING (unit_key) WHERE u.verdict = 'success'`;

export const rolledUpRefsSql = (n: number) => `CREATE TEMP TABLE waste_refs_${n} AS
SELECT u.workflow, c.step, c.model, quantile_disc(c.input, 0.5) AS reference, count(*) AS calls
FROM ${SUCCESSFUL_CALLS(n)} GROUP BY u.workflow, c.step, c.model`;

/** `waste_calls_n` as waste-sql.ts `callsTableSql` classes them, from the kept call facts. */
export function rolledUpCallsSql(n: number, routes: readonly OverPoweredRoute[]): string {
  const windowed = "class IN ('contextBloat', 'cacheMisses')";
  return `CREATE TEMP TABLE waste_calls_${n} AS
WITH routes AS (${routesSql(routes)}),
classed AS (
  SELECT c.* EXCLUDE (unit_key), u.workflow, u.work_unit_id, rt.cheaper AS cheaper_model, f.reference,
    CASE WHEN c.repeats > 0 OR c.prompt_repeat THEN 'loops'
      WHEN rt.cheaper IS NOT NULL THEN 'overPoweredRouting'
      WHEN c.input > 2 * f.reference THEN 'contextBloat'
      WHEN c.kind = 'llm' AND coalesce(c.cache_read_tokens, 0) = 0 AND c.input >= 8192 AND c.step_rank > 1
        THEN 'cacheMisses'
    END AS class
  FROM ${SUCCESSFUL_CALLS(n).replace(
    ' WHERE ',
    ` JOIN waste_refs_${n} f ON f.workflow = u.workflow AND f.step = c.step AND f.model IS NOT DISTINCT FROM c.model
    LEFT JOIN routes rt ON rt.workflow = u.workflow AND rt.step = c.step AND rt.model = c.model WHERE `,
  )}
)
SELECT * REPLACE (CASE WHEN ${windowed} THEN prefix END AS prefix,
  CASE WHEN ${windowed} THEN previous_input END AS previous_input)
FROM classed WHERE class IS NOT NULL`;
}

/** The per-workflow (or per-unit) sums, in the columns of waste-reads.ts's workflow rows. */
export function rolledUpWorkflowsSql(n: number, unit: string, byUnit: boolean): string {
  const key = byUnit ? 'workflow, work_unit_id' : 'workflow';
  const sumsKey = byUnit ? 'u.workflow, u.work_unit_id' : 'u.workflow';
  return `WITH u AS (SELECT * FROM waste_units_${n} WHERE ${unit}),
l AS (${loopSumsSql(n, unit, key)})
SELECT u.workflow, sum(u.cost), count(*), sum(u.attempts),
  coalesce(sum(u.cost) FILTER (WHERE verdict = 'pending'), 0), count(*) FILTER (WHERE verdict = 'pending'),
  coalesce(sum(u.cost) FILTER (WHERE verdict = 'abandoned'), 0), count(*) FILTER (WHERE verdict = 'abandoned'),
  coalesce(sum(CASE WHEN verdict = 'success' THEN u.cost - u.last_cost ELSE u.cost END)
    FILTER (WHERE verdict IN ('failed', 'success')), 0),
  coalesce(sum(CASE verdict WHEN 'success' THEN u.attempts - 1 WHEN 'failed' THEN u.attempts ELSE 0 END), 0),
  count(*) FILTER (WHERE verdict = 'success'),
  coalesce(any_value(l.cost), 0), coalesce(any_value(l.repeats), 0), coalesce(any_value(l.calls), 0),
  coalesce(any_value(l.prompts), 0), ${byUnit ? 'u.work_unit_id' : 'NULL'}
FROM u LEFT JOIN l USING (${key}) GROUP BY ${sumsKey} ORDER BY ${sumsKey}`;
}

/** The three costliest failed/abandoned units and loop calls per workflow, as waste-reads.ts. */
export function rolledUpExamplesSql(n: number, unit: string): string {
  const side = "CASE WHEN verdict = 'abandoned' THEN 'abandoned' ELSE 'failed' END";
  const cost = "CASE WHEN verdict = 'success' THEN cost - last_cost ELSE cost END";
  const attempts = "CASE WHEN verdict = 'success' THEN attempts - 1 ELSE attempts END";
  // The failed attempts' trace started last (the steps' read takes any of them).
  const trace = "CASE WHEN verdict = 'success' THEN earlier_trace ELSE latest_trace END";
  return `SELECT * FROM (
  SELECT workflow, ${side} AS verdict, work_unit_id, ${trace}, NULL, NULL, ${cost} AS cost,
    ${attempts} || ' attempt(s)', row_number() OVER (PARTITION BY workflow, ${side} ORDER BY ${cost} DESC, work_unit_id) AS rank
  FROM waste_units_${n}
  WHERE (verdict IN ('failed', 'abandoned') OR (verdict = 'success' AND attempts > 1)) AND ${unit}
  UNION ALL
  ${loopExamplesSql(n, unit)}
) WHERE rank <= 3 ORDER BY workflow, verdict, rank`;
}
