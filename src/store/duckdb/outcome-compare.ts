/**
 * The counts behind comparing one workflow's successful (AI-resolved) and failed units, over the
 * attempts each side is judged on: per side, how many units and attempts have each step name,
 * tool, model, decision rule and business attribute value, with their exact token cost; and per
 * logical step, its calls' cost and input tokens, from the steps (the comparison roll-up's reads,
 * compare-rollup-reads.ts, give the same rows).
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
import { attributeValuesSql } from './attribute-rollup-sql.js';
import { decimalToFemto, toNumber } from './step-rows.js';
import {
  attemptKey,
  RULE_VALUE,
  SqlParams,
  scopePredicates,
  tracesSql,
  unitBaseCtes,
} from './trajectory-reads.js';

/** success = AI-resolved; failed = any other outcome but abandoned; pending and abandoned: left out. */
const SIDE = `CASE WHEN status = 'resolved' AND resolved_by = 'ai' THEN 'success'
  WHEN status IS NULL OR status = 'abandoned' THEN NULL ELSE 'failed' END`;

/**
 * From the steps, the comparison is built in stages, each a temp table on the read's own
 * connection, so each statement's memory is freed before the next: as one statement it held ~6 GB
 * at the peak over 290,000 units of the realistic demo store, and ran out of the server's 1 GB on
 * a larger workflow.
 */
interface Tables {
  /** The workflow's traces (trajectory-reads.ts `tracesSql`). */
  traces: string;
  /** Its units in scope with their `side` (NULL: not compared) and attributes. */
  units: string;
  /**
   * The attempts each side is judged on: the final (successful) attempt of each AI-resolved unit
   * and every attempt of each failed unit, numbered `n`, with side and cost.
   */
  attempts: string;
  /** The compared attempts' traces: `trace_id`, `n`. */
  attemptTraces: string;
}

let sequence = 0;

function tablesSql(query: CompareQuery, t: Tables): { sql: string; params: SqlParams }[] {
  const tracesParams = new SqlParams();
  const w = tracesParams.add(query.workflow);
  const unitParams = new SqlParams();
  const base = unitBaseCtes(unitParams, query.workflow, {
    linkAttributes: true,
    tracesFrom: t.traces,
  });
  const where = scopePredicates(unitParams, query);
  const none = new SqlParams();
  return [
    { sql: `CREATE TEMP TABLE ${t.traces} AS ${tracesSql(w, true)}`, params: tracesParams },
    {
      sql: `CREATE TEMP TABLE ${t.units} AS WITH ${base}
SELECT work_unit_id, ${SIDE} AS side, outcome_attributes, link_attributes FROM units
WHERE ${where.length === 0 ? 'TRUE' : where.join(' AND ')}`,
      params: unitParams,
    },
    {
      sql: `CREATE TEMP TABLE ${t.attempts} AS
WITH attempts AS (
  SELECT work_unit_id, ${attemptKey()} AS attempt_key, min(started) AS started,
    sum(cost) AS cost
  FROM ${t.traces} WHERE work_unit_id IS NOT NULL GROUP BY ALL
),
ranked AS (
  SELECT a.work_unit_id, a.attempt_key, a.cost, u.side,
    row_number() OVER (PARTITION BY a.work_unit_id ORDER BY a.started DESC, a.attempt_key DESC) AS from_last
  FROM attempts a JOIN ${t.units} u ON a.work_unit_id = u.work_unit_id WHERE u.side IS NOT NULL
)
SELECT work_unit_id, attempt_key, cost, side, row_number() OVER () AS n FROM ranked
WHERE side = 'failed' OR from_last = 1`,
      params: none,
    },
    {
      sql: `CREATE TEMP TABLE ${t.attemptTraces} AS
SELECT tr.trace_id, a.n FROM ${t.traces} tr JOIN ${t.attempts} a
  ON tr.work_unit_id = a.work_unit_id AND ${attemptKey('tr.')} = a.attempt_key`,
      params: none,
    },
  ];
}

/** Per side: units, attempts and their token cost, from rows of one unit (and value) each. */
const SIDE_COLUMNS = (side: string) =>
  `count(*) FILTER (WHERE side = '${side}'), coalesce(sum(attempts) FILTER (WHERE side = '${side}'), 0),
   coalesce(sum(cost) FILTER (WHERE side = '${side}'), 0)::DECIMAL(38, 15)`;

/**
 * Per attempt, the distinct step names, tools, models and rules of its traces' steps; per unit, its
 * business attribute values ("key=value", built before the unnest so the JSON documents are not
 * copied onto every key's row). Both are folded to one row per unit and value (its attempts and
 * their cost) before the sides are counted, instead of a count of distinct unit ids per value,
 * which cannot spill to disk.
 */
function featuresSql(t: Tables): string {
  return `WITH attempt_values AS (
  SELECT DISTINCT n, kind, value FROM (
    SELECT ct.n, unnest(['step', 'tool', 'model', 'rule']) AS kind,
      unnest([coalesce(st.step_name, st.name), st.tool_name, st.model, ${RULE_VALUE.replaceAll('attributes', 'st.attributes')}]) AS value
    FROM steps st JOIN ${t.attemptTraces} ct ON st.trace_id = ct.trace_id
  ) WHERE value IS NOT NULL
),
step_features AS (
  SELECT v.kind, v.value, a.side, count(*) AS attempts, sum(a.cost) AS cost
  FROM attempt_values v JOIN ${t.attempts} a ON a.n = v.n
  GROUP BY v.kind, v.value, a.side, a.work_unit_id
),
compared_units AS (
  SELECT work_unit_id, any_value(side) AS side, count(*) AS attempts, sum(cost) AS cost
  FROM ${t.attempts} GROUP BY work_unit_id
),
attribute_features AS (
  SELECT c.side, c.attempts, c.cost,
    unnest(${attributeValuesSql('u.outcome_attributes', 'u.link_attributes')}) AS value
  FROM compared_units c JOIN ${t.units} u ON u.work_unit_id = c.work_unit_id
),
features AS (
  SELECT kind, value, side, attempts, cost FROM step_features
  UNION ALL
  SELECT 'attribute', value, side, attempts, cost FROM attribute_features
)
SELECT '_total' AS kind, '' AS value, ${SIDE_COLUMNS('success')}, ${SIDE_COLUMNS('failed')},
  (SELECT count(*) FROM ${t.units} WHERE side IS NULL) FROM compared_units
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

function stepsSql(t: Tables): string {
  return `SELECT coalesce(st.step_name, st.name) AS step, ${STEP_SIDE('success')}, ${STEP_SIDE('failed')}
FROM steps st JOIN (SELECT ct.trace_id, a.side FROM ${t.attemptTraces} ct JOIN ${t.attempts} a ON a.n = ct.n) u
  ON st.trace_id = u.trace_id
WHERE st.usage_counted
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

/** The counts from feature rows (`_total` first or anywhere) and step rows, of either source. */
export function countsOf(
  featureRows: readonly DuckDBValue[][],
  stepRows: readonly DuckDBValue[][],
): OutcomeComparisonCounts {
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

/** The comparison from the steps: any query, a business attribute filter included. */
export async function compareOutcomes(
  connection: DuckDBConnection,
  query: CompareQuery,
): Promise<OutcomeComparisonCounts> {
  sequence += 1;
  const t: Tables = {
    traces: `compare_traces_${sequence}`,
    units: `compare_units_${sequence}`,
    attempts: `compare_attempts_${sequence}`,
    attemptTraces: `compare_attempt_traces_${sequence}`,
  };
  try {
    for (const { sql, params } of tablesSql(query, t)) await connection.run(sql, params.values);
    const featureRows = (await connection.runAndReadAll(featuresSql(t))).getRows();
    const stepRows = (await connection.runAndReadAll(stepsSql(t))).getRows();
    return countsOf(featureRows, stepRows);
  } finally {
    for (const table of Object.values(t)) await connection.run(`DROP TABLE IF EXISTS ${table}`);
  }
}
