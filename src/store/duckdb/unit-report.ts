/**
 * The unit-economics aggregation in one DuckDB query over the per-unit roll-up (`unit_rollup`:
 * traces → attempts → units with their current outcome, see unit-rollup-sql.ts) → groups.
 * Definitions: docs/metrics.md. Money stays DECIMAL(38,15) until it becomes femto-dollars.
 */
import { type DuckDBConnection, DuckDBListValue, type DuckDBValue } from '@duckdb/node-api';
import type { UnitQuery } from '../store.js';
import type { UnitAggregate } from '../unit-aggregate.js';
import { ALL_UNITS_GROUP, type UnitGroupsWithTotal, type UnitTotalQuery } from '../unit-total.js';
import {
  keptAttributeKey,
  UNIT_ATTRIBUTES,
  unitsWithAttributeSql,
} from './attribute-rollup-sql.js';
import { femto, int, nanos } from './duckdb-values.js';
import { literal, scopeConditions } from './sql-scope.js';
import { decimalToFemto } from './step-rows.js';
import { linkAttributesSql } from './trace-part-compaction.js';

/** A JSON path reading one key; keys contain dots, so they are quoted. */
export const jsonPath = (key: string) =>
  literal(`$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);

function groupExpression(query: UnitQuery, kept: boolean): { expr: string; filter: string } {
  const by = query.groupBy;
  switch (by.kind) {
    case 'workflow':
      return { expr: 'workflow', filter: 'TRUE' };
    case 'team': {
      const cases = Object.entries(by.teams).map(
        ([w, t]) => `WHEN ${literal(w)} THEN ${literal(t)}`,
      );
      const expr =
        cases.length === 0
          ? "'(no team)'"
          : `CASE workflow ${cases.join(' ')} ELSE '(no team)' END`;
      return { expr, filter: 'TRUE' };
    }
    case 'attribute':
    case 'attributes': {
      // A row of the attribute roll-up per unit and key it has (see unitReportSql's fan-out).
      if (kept) {
        const keys = segmentKeys(query) ?? [];
        return { expr: "key || '=' || value", filter: `key IN (${keys.map(literal).join(', ')})` };
      }
      // The i-th segment key's value, from the outcome else the linking span (see unitReportSql).
      const value = 'coalesce(outcome_value[i], link_value[i])';
      return { expr: `segment_keys[i] || '=' || ${value}`, filter: `${value} IS NOT NULL` };
    }
    case 'bucket':
      // Grouped on the instant, written out once per group rather than once per unit.
      return { expr: `date_trunc('${by.unit}', first_seen)`, filter: 'TRUE' };
  }
}

function segmentKeys(query: Pick<UnitQuery, 'groupBy'>): readonly string[] | null {
  const by = query.groupBy;
  if (by.kind === 'attribute') return [by.key];
  if (by.kind === 'attributes') return by.keys.length > 0 ? by.keys : null;
  return null;
}

/**
 * The units whose first activity lies in the query's range, with its attribute (a condition on
 * `units`; `kept`: unitCtes filtered them on the attribute roll-up already).
 */
export function unitRangeFilter(
  query: Pick<UnitQuery, 'fromUnixNano' | 'toUnixNano' | 'attribute' | 'groupBy'>,
  kept = false,
): string {
  const where = ['TRUE'];
  if (query.attribute !== undefined && !kept) {
    // The filter's key is read after the segment keys (see unitCtes).
    const n = (segmentKeys(query)?.length ?? 0) + 1;
    where.push(
      `coalesce(outcome_value[${n}], link_value[${n}]) = ${literal(query.attribute.value)}`,
    );
  }
  // The workflow is scoped earlier, on the roll-up's rows (unitCtes).
  where.push(
    ...scopeConditions({ fromUnixNano: query.fromUnixNano, toUnixNano: query.toUnixNano }),
  );
  return where.join(' AND ');
}

/** A unit's figures from its `unit_rollup` row: minutes and activity include its outcome's. */
const UNIT_COLUMNS = `unit_key, workflow, work_unit_id, attempts, cost, retry_cost,
  step_minutes + coalesce(human_minutes, 0) AS minutes, coalesce(first_seen, occurred_at) AS first_seen,
  coalesce(last_seen, occurred_at) AS last_seen, unpriced, usage_unknown, link_trace, status,
  resolved_by, value_usd`;

/** The business attribute keys a unit query reads: its segment keys, then its filter's. */
const attributeKeysOf = (query: Pick<UnitQuery, 'attribute' | 'groupBy'>): readonly string[] => [
  ...(segmentKeys(query) ?? []),
  ...(query.attribute ? [query.attribute.key] : []),
];

/**
 * Whether a unit report reads its business attributes from the attribute roll-up: when the
 * store brought it up to date (`attributesKept`) and it keeps every key the query reads.
 */
export const readsKeptAttributes = (
  query: Pick<UnitQuery, 'attribute' | 'groupBy'>,
  attributesKept: boolean,
): boolean => {
  const keys = attributeKeysOf(query);
  return attributesKept && keys.length > 0 && keys.every(keptAttributeKey);
};

/**
 * `WITH … units AS (…)`: one row per work unit (of `query.workflow` when set) with its attempts,
 * token cost, retry cost, minutes, first and last activity, current outcome and, for segment
 * queries, each key's value out of the outcome's and the earliest trace's JSON. Read from
 * `unit_rollup`, which the store refreshes before a unit report (unit-rollup.ts). With `kept`
 * (readsKeptAttributes) no value is read: the attribute filter is applied on the attribute
 * roll-up, and segments join it (unitReportSql). Callers add their own CTEs and final SELECT over
 * `units`.
 */
export function unitCtes(query: UnitQuery, kept = false): string {
  const workflow = query.workflow === undefined ? 'TRUE' : `workflow = ${literal(query.workflow)}`;
  // Segment keys' values are read out of the JSON once per unit's earliest trace and per current
  // outcome (one parse for all keys); the units carry only those short values (whole JSON objects
  // over a million units outgrew the memory limit). Each unit then meets each key once: `i`
  // indexes the keys.
  const keys = attributeKeysOf(query);
  const scoped = `SELECT ${UNIT_COLUMNS} FROM unit_rollup WHERE ${workflow}`;
  if (keys.length === 0) {
    return `
WITH units AS (
  SELECT *, NULL::VARCHAR[] AS link_value, NULL::VARCHAR[] AS outcome_value FROM (${scoped})
)`;
  }
  if (kept) {
    const filter = query.attribute ? unitsWithAttributeSql(query.attribute) : 'TRUE';
    return `
WITH units AS (
  SELECT *, NULL::VARCHAR[] AS link_value, NULL::VARCHAR[] AS outcome_value FROM (${scoped})
  WHERE ${filter}
)`;
  }
  const paths = `[${keys.map(jsonPath).join(', ')}]`;
  return `
WITH scoped AS (${scoped}),
links AS (
  SELECT trace_id, json_extract_string(link_attributes, ${paths}) AS value
  FROM (${linkAttributesSql('trace_id IN (SELECT link_trace FROM scoped)')})
),
units AS (
  SELECT s.*, l.value AS link_value, json_extract_string(o.attributes, ${paths}) AS outcome_value
  FROM scoped s LEFT JOIN links l ON l.trace_id = s.link_trace
    LEFT JOIN unit_outcomes o ON o.unit_key = s.unit_key
)`;
}

/**
 * The group's workflow (when all its units lie in one): read from every unit only when neither
 * the query's workflow nor the grouping fixes it (a string min and max per unit cost ~15% of the
 * per-unit aggregation at a million units).
 */
function workflowFigure(query: UnitQuery, withTotal: boolean): string {
  if (query.workflow !== undefined) return literal(query.workflow);
  if (query.groupBy.kind === 'workflow' && !withTotal) return 'grp';
  return 'CASE WHEN min(workflow) = max(workflow) THEN min(workflow) END';
}

/**
 * A unit's current outcome as a small integer: 0 none; resolved by 1 AI, 2 a human, 3 the BPO,
 * 4 anyone else; 5 escalated; 6 any other status. Each per-outcome figure then compares integers
 * in the one pass over the units (a FILTER comparing strings per figure cost ~25% more at 1M).
 */
const OUTCOME_CODE = `CASE WHEN status IS NULL THEN 0 WHEN status = 'resolved' THEN
  CASE resolved_by WHEN 'ai' THEN 1 WHEN 'human' THEN 2 WHEN 'bpo' THEN 3 ELSE 4 END
  WHEN status = 'escalated' THEN 5 ELSE 6 END`;
const RESOLVED = 'code BETWEEN 1 AND 4';

/** The figures in `toAggregate`'s column order, after the group and its workflow. */
const FIGURES = [
  'count(*)',
  'count_if(code > 0)',
  `count_if(${RESOLVED})`,
  'count_if(code = 1)',
  'count_if(code = 2)',
  'count_if(code = 3)',
  'count_if(code IN (2, 3, 5))',
  'count_if(code = 1 AND attempts = 1)',
  'sum(attempts)',
  'sum(cost)::DECIMAL(38, 15)',
  'sum(retry_cost)::DECIMAL(38, 15)',
  'coalesce(sum(CASE WHEN code >= 5 THEN cost END), 0)::DECIMAL(38, 15)',
  'coalesce(sum(CASE WHEN code > 0 THEN cost END), 0)::DECIMAL(38, 15)',
  'sum(minutes)',
  `coalesce(sum(CASE WHEN ${RESOLVED} THEN value_usd END), 0)::DECIMAL(38, 15)`,
  `count_if(${RESOLVED} AND value_usd IS NULL)`,
  // One sort serves both quantiles: a list [p50, p95], NULL when no unit has a cost.
  'quantile_disc(priced_cost, [0.5, 0.95])',
  'max(priced_cost)',
  'min(priced_cost)',
  'sum(unpriced)',
  'sum(usage_unknown)',
  'epoch_ns(min(first_seen))',
  'epoch_ns(max(last_seen))',
];

/**
 * One row per group, ordered by group, in one aggregation over the units; with `withTotal`, then
 * one more row (last column 1) over every unit of the query, from the same pass (grouping sets).
 */
export function unitReportSql(query: UnitQuery, withTotal = false, attributesKept = false): string {
  const kept = readsKeptAttributes(query, attributesKept);
  const group = groupExpression(query, kept);
  const keys = segmentKeys(query);
  // Each unit once per segment key: per row of the attribute roll-up it has, or per key index.
  const fanOut =
    keys === null
      ? ''
      : kept
        ? ` JOIN ${UNIT_ATTRIBUTES} USING (unit_key)`
        : `, range(1, ${keys.length + 1}) AS k(i), (SELECT [${keys.map(literal).join(', ')}] AS segment_keys)`;
  const label = literal(query.workflow ?? ALL_UNITS_GROUP);
  const name = query.groupBy.kind === 'bucket' ? "strftime(grp, '%Y-%m-%dT%H:%M:%SZ')" : 'grp';
  const grouping = withTotal
    ? `GROUP BY GROUPING SETS ((grp), ()) HAVING count(*) > 0 ORDER BY grouping(grp), grp`
    : 'GROUP BY grp ORDER BY grp';
  return `${unitCtes(query, kept)},
grouped AS (
  SELECT *, ${group.expr} AS grp, ${OUTCOME_CODE} AS code,
    CASE WHEN cost > 0 THEN cost END AS priced_cost
  FROM units${fanOut} WHERE ${group.filter} AND ${unitRangeFilter(query, kept)}
)
SELECT ${withTotal ? `CASE WHEN grouping(grp) = 1 THEN ${label} ELSE ${name} END` : name},
  ${workflowFigure(query, withTotal)},
  ${FIGURES.join(',\n  ')},
  ${withTotal ? 'grouping(grp)' : '0'}
FROM grouped ${grouping}`;
}

const nullableFemto = (value: DuckDBValue | undefined) => decimalToFemto(value ?? null);

function toAggregate(r: DuckDBValue[]): UnitAggregate {
  const spread = r[18] instanceof DuckDBListValue ? r[18].items : [];
  return {
    group: String(r[0]),
    workflow: r[1] === null || r[1] === undefined ? null : String(r[1]),
    units: int(r[2]),
    unitsWithOutcome: int(r[3]),
    resolvedUnits: int(r[4]),
    aiResolvedUnits: int(r[5]),
    humanResolvedUnits: int(r[6]),
    bpoResolvedUnits: int(r[7]),
    handedOffUnits: int(r[8]),
    firstPassUnits: int(r[9]),
    attempts: int(r[10]),
    tokenCostFemto: femto(r[11]),
    retryCostFemto: femto(r[12]),
    failedCostFemto: femto(r[13]),
    outcomeCostFemto: femto(r[14]),
    humanMinutes: Number(r[15] ?? 0),
    statedValueFemto: femto(r[16]),
    resolvedWithoutValue: int(r[17]),
    unitCostP50Femto: nullableFemto(spread[0]),
    unitCostP95Femto: nullableFemto(spread[1]),
    unitCostMaxFemto: nullableFemto(r[19]),
    unitCostMinFemto: nullableFemto(r[20]),
    unpricedSteps: int(r[21]),
    usageUnknownSteps: int(r[22]),
    firstSeenUnixNano: nanos(r[23]),
    lastSeenUnixNano: nanos(r[24]),
  };
}

/** `attributesKept`: the attribute roll-up is up to date (see unitCtes). */
export async function aggregateUnits(
  connection: DuckDBConnection,
  query: UnitQuery,
  attributesKept = false,
): Promise<UnitAggregate[]> {
  if (query.groupBy.kind === 'attributes' && query.groupBy.keys.length === 0) return [];
  const reader = await connection.runAndReadAll(unitReportSql(query, false, attributesKept));
  return reader.getRows().map(toAggregate);
}

/** The groups and their total from one query (see unitReportSql); the total row comes last. */
export async function aggregateUnitsWithTotal(
  connection: DuckDBConnection,
  query: UnitTotalQuery,
  attributesKept = false,
): Promise<UnitGroupsWithTotal> {
  const sql = unitReportSql(query, true, attributesKept);
  const rows = (await connection.runAndReadAll(sql)).getRows();
  const last = rows.at(-1);
  const hasTotal = last !== undefined && int(last[25]) === 1;
  return {
    total: hasTotal ? toAggregate(last) : null,
    groups: (hasTotal ? rows.slice(0, -1) : rows).map(toAggregate),
  };
}
