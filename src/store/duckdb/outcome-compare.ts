/**
 * The counts behind comparing one workflow's successful (AI-resolved) and failed units, over the
 * attempts each side is judged on: per side, how many units and attempts have each step name,
 * tool, model, decision rule and business attribute value, with their exact token cost; and per
 * logical step, its calls' cost and input tokens.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  CompareKind,
  CompareQuery,
  CompareSide,
  CompareStepCounts,
  OutcomeComparisonCounts,
  StepSideStats,
} from '../trajectory-queries.js';
import { IDENTITY_KEYS } from './attribute-keys.js';
import { decimalToFemto, toNumber } from './step-rows.js';
import { RULE_VALUE, SqlParams, scopePredicates, unitBaseCtes } from './trajectory-reads.js';

/** success = AI-resolved; failed = any other outcome but abandoned; pending and abandoned: left out. */
const SIDE = `CASE WHEN status = 'resolved' AND resolved_by = 'ai' THEN 'success'
  WHEN status IS NULL OR status = 'abandoned' THEN NULL ELSE 'failed' END`;

/**
 * `compared`: the attempts each side is judged on: the final (successful) attempt of each
 * AI-resolved unit, and every attempt of each failed unit; with the unit's attributes.
 */
function comparedCtes(params: SqlParams, query: CompareQuery): string {
  const base = unitBaseCtes(params, query.workflow, { linkAttributes: true });
  const where = scopePredicates(params, query);
  return `WITH ${base},
scoped AS (SELECT *, ${SIDE} AS side FROM units WHERE ${where.length === 0 ? 'TRUE' : where.join(' AND ')}),
ranked AS (
  SELECT a.*, s.side, s.outcome_attributes, s.link_attributes AS unit_link_attributes,
    row_number() OVER (PARTITION BY a.work_unit_id ORDER BY a.started DESC, a.attempt_key DESC) AS from_last
  FROM attempts a JOIN scoped s ON a.work_unit_id = s.work_unit_id WHERE s.side IS NOT NULL
),
compared AS MATERIALIZED (SELECT * FROM ranked WHERE side = 'failed' OR from_last = 1)`;
}

/** The traces of the compared attempts, with their side, unit, attempt and the attempt's cost. */
const comparedTraces = `compared_traces AS (
  SELECT t.trace_id, c.side, c.work_unit_id, c.attempt_key, c.cost FROM traces t JOIN compared c
    ON t.work_unit_id = c.work_unit_id AND coalesce(t.attempt, t.trace_id) = c.attempt_key
  WHERE t.workflow = $1 -- unitBaseCtes binds the workflow first
)`;

const SIDE_COLUMNS = (side: string) =>
  `count(DISTINCT work_unit_id) FILTER (WHERE side = '${side}'), count(*) FILTER (WHERE side = '${side}'),
   coalesce(sum(cost) FILTER (WHERE side = '${side}'), 0)::DECIMAL(38, 15)`;

const attributeValue = (column: string) =>
  `json_extract_string(${column}, '$."' || replace(key, '"', '\\"') || '"')`;

/**
 * Per attempt, the distinct step names, tools, models and rules of its traces' steps: each trace's
 * distinct step shapes first (a few per trace), then one row per attempt and value.
 */
function featuresSql(params: SqlParams, query: CompareQuery): string {
  const kinds = ['step', 'tool', 'model', 'rule']
    .map((kind) => `SELECT trace_id, '${kind}' AS kind, ${kind} AS value FROM shapes`)
    .join('\n  UNION ALL ');
  return `${comparedCtes(params, query)},
${comparedTraces},
shapes AS (
  SELECT DISTINCT trace_id, coalesce(step_name, name) AS step, model, tool_name AS tool, ${RULE_VALUE} AS rule
  FROM steps WHERE trace_id IN (SELECT trace_id FROM compared_traces)
),
attempt_values AS (
  SELECT DISTINCT c.side, c.work_unit_id, c.attempt_key, c.cost, v.kind, v.value
  FROM (${kinds}) v JOIN compared_traces c ON v.trace_id = c.trace_id WHERE v.value IS NOT NULL
),
keyed AS (
  SELECT *, unnest(list_distinct(list_concat(coalesce(json_keys(outcome_attributes), []::VARCHAR[]),
    coalesce(json_keys(unit_link_attributes), []::VARCHAR[])))) AS key FROM compared
),
features AS (
  SELECT side, work_unit_id, cost, kind, value FROM attempt_values
  UNION ALL
  SELECT side, work_unit_id, cost, 'attribute',
    key || '=' || coalesce(${attributeValue('outcome_attributes')}, ${attributeValue('unit_link_attributes')})
  FROM keyed WHERE key NOT IN ${IDENTITY_KEYS} AND key NOT LIKE 'tokenledger.%'
)
SELECT '_total' AS kind, '' AS value, ${SIDE_COLUMNS('success')}, ${SIDE_COLUMNS('failed')},
  (SELECT count(*) FROM scoped WHERE side IS NULL) FROM compared
UNION ALL
SELECT kind, value, ${SIDE_COLUMNS('success')}, ${SIDE_COLUMNS('failed')}, 0
FROM features WHERE value IS NOT NULL GROUP BY kind, value`;
}

const STEP_SIDE = (side: string) =>
  `count(*) FILTER (WHERE side = '${side}'),
   count(*) FILTER (WHERE side = '${side}' AND pricing_status IN ('priced', 'no_usage')),
   coalesce(sum(cost_usd) FILTER (WHERE side = '${side}' AND pricing_status = 'priced'), 0)::DECIMAL(38, 15),
   count(input_tokens) FILTER (WHERE side = '${side}'),
   coalesce(sum(input_tokens) FILTER (WHERE side = '${side}'), 0)`;

function stepsSql(params: SqlParams, query: CompareQuery): string {
  return `${comparedCtes(params, query)},
${comparedTraces}
SELECT coalesce(st.step_name, st.name) AS step, ${STEP_SIDE('success')}, ${STEP_SIDE('failed')}
FROM steps st JOIN compared_traces u ON st.trace_id = u.trace_id
WHERE st.usage_counted AND st.trace_id IN (SELECT trace_id FROM candidates)
GROUP BY step ORDER BY step`;
}

const int = (v: DuckDBValue | undefined) => toNumber(v ?? null) ?? 0;
const femto = (v: DuckDBValue | undefined) => decimalToFemto(v ?? null) ?? 0n;

function side(row: readonly DuckDBValue[], at: number): CompareSide {
  return { units: int(row[at]), attempts: int(row[at + 1]), tokenCostFemto: femto(row[at + 2]) };
}

function stepSide(row: readonly DuckDBValue[], at: number): StepSideStats {
  return {
    calls: int(row[at]),
    costedCalls: int(row[at + 1]),
    costFemto: femto(row[at + 2]),
    inputCalls: int(row[at + 3]),
    inputTokens: int(row[at + 4]),
  };
}

export async function compareOutcomes(
  connection: DuckDBConnection,
  query: CompareQuery,
): Promise<OutcomeComparisonCounts> {
  const featureParams = new SqlParams();
  const featureRows = (
    await connection.runAndReadAll(featuresSql(featureParams, query), featureParams.values)
  ).getRows();
  const stepParams = new SqlParams();
  const stepRows = (
    await connection.runAndReadAll(stepsSql(stepParams, query), stepParams.values)
  ).getRows();
  const total = featureRows.find((r) => r[0] === '_total') ?? [];
  const steps: CompareStepCounts[] = stepRows.map((r) => ({
    stepName: String(r[0]),
    success: stepSide(r, 1),
    failed: stepSide(r, 6),
  }));
  return {
    success: side(total, 2),
    failed: side(total, 5),
    excludedUnits: int(total[8]),
    features: featureRows
      .filter((r) => r[0] !== '_total')
      .map((r) => ({
        kind: String(r[0]) as CompareKind,
        value: String(r[1]),
        success: side(r, 2),
        failed: side(r, 5),
      })),
    steps,
  };
}
