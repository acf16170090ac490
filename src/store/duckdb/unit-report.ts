/**
 * The unit-economics aggregation in one DuckDB query: traces → links (a trace takes the work unit
 * of its earliest linking span) → attempts → units (joined with their latest outcome) → groups.
 * Definitions: docs/metrics.md. Money stays DECIMAL(38,15) until it becomes femto-dollars.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { UnitQuery } from '../store.js';
import type { UnitAggregate } from '../unit-aggregate.js';
import { decimalToFemto, toNumber } from './step-rows.js';

export const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const jsonPath = (key: string) =>
  literal(`$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);

function groupExpression(query: UnitQuery): { expr: string; filter: string } {
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
    case 'attribute': {
      const value = `coalesce(json_extract_string(outcome_attributes, ${jsonPath(by.key)}), json_extract_string(link_attributes, ${jsonPath(by.key)}))`;
      return { expr: `${literal(`${by.key}=`)} || ${value}`, filter: `${value} IS NOT NULL` };
    }
    case 'bucket':
      return {
        expr: `strftime(date_trunc('${by.unit}', first_seen), '%Y-%m-%dT%H:%M:%SZ')`,
        filter: 'TRUE',
      };
  }
}

export function unitReportSql(query: UnitQuery): string {
  const group = groupExpression(query);
  const where = [group.filter];
  if (query.workflow !== undefined) where.push(`workflow = ${literal(query.workflow)}`);
  if (query.fromUnixNano !== undefined)
    where.push(`first_seen >= make_timestamp_ns(${query.fromUnixNano})`);
  if (query.toUnixNano !== undefined)
    where.push(`first_seen < make_timestamp_ns(${query.toUnixNano})`);
  const linkAttributes =
    query.groupBy.kind === 'attribute'
      ? 'arg_min(attributes, start_time) FILTER (WHERE work_unit_id IS NOT NULL)'
      : 'NULL::VARCHAR';
  return `
WITH traces AS (
  SELECT trace_id,
    arg_min(work_unit_id, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
    arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL) AS workflow,
    arg_min(attempt, start_time) FILTER (WHERE attempt IS NOT NULL) AS attempt,
    ${linkAttributes} AS link_attributes,
    min(start_time) AS started, max(start_time) AS last_seen,
    coalesce(sum(cost_usd) FILTER (WHERE usage_counted AND pricing_status = 'priced'), 0) AS cost,
    coalesce(sum(TRY_CAST(json_extract_string(attributes, '$."tokenledger.human.minutes"') AS DOUBLE))
      FILTER (WHERE kind = 'human'), 0) AS step_minutes,
    count(*) FILTER (WHERE usage_counted AND pricing_status = 'unpriced') AS unpriced,
    count(*) FILTER (WHERE usage_counted AND pricing_status = 'usage_unknown') AS usage_unknown
  FROM steps
  GROUP BY trace_id
),
attempts AS (
  SELECT coalesce(workflow, '(no workflow)') AS workflow, work_unit_id,
    coalesce(attempt, trace_id) AS attempt_key, min(started) AS started, max(last_seen) AS last_seen,
    sum(cost) AS cost, sum(step_minutes) AS step_minutes, sum(unpriced) AS unpriced,
    sum(usage_unknown) AS usage_unknown, arg_min(link_attributes, started) AS link_attributes
  FROM traces
  WHERE work_unit_id IS NOT NULL
  GROUP BY ALL
),
latest AS (
  SELECT workflow, work_unit_id,
    arg_max_null(status, (occurred_at, arrival_seq)) AS status,
    arg_max_null(resolved_by, (occurred_at, arrival_seq)) AS resolved_by,
    arg_max_null(human_minutes, (occurred_at, arrival_seq)) AS human_minutes,
    arg_max_null(value_usd, (occurred_at, arrival_seq)) AS value_usd,
    arg_max_null(attributes, (occurred_at, arrival_seq)) AS attributes,
    max(occurred_at) AS occurred_at
  FROM outcomes GROUP BY workflow, work_unit_id
),
span_units AS (
  SELECT workflow, work_unit_id, count(*) AS attempts, sum(cost) AS cost,
    sum(cost) - arg_min(cost, (started, attempt_key)) AS retry_cost, sum(step_minutes) AS step_minutes,
    min(started) AS first_seen, max(last_seen) AS last_seen, sum(unpriced) AS unpriced,
    sum(usage_unknown) AS usage_unknown, arg_min(link_attributes, (started, attempt_key)) AS link_attributes
  FROM attempts GROUP BY ALL
),
units AS (
  SELECT coalesce(s.workflow, o.workflow) AS workflow, coalesce(s.work_unit_id, o.work_unit_id) AS work_unit_id,
    coalesce(s.attempts, 0) AS attempts, coalesce(s.cost, 0) AS cost, coalesce(s.retry_cost, 0) AS retry_cost,
    coalesce(s.step_minutes, 0) + coalesce(o.human_minutes, 0) AS minutes,
    coalesce(s.first_seen, o.occurred_at) AS first_seen, coalesce(s.last_seen, o.occurred_at) AS last_seen,
    coalesce(s.unpriced, 0) AS unpriced, coalesce(s.usage_unknown, 0) AS usage_unknown,
    s.link_attributes, o.attributes AS outcome_attributes, o.status, o.resolved_by, o.value_usd
  FROM span_units s FULL JOIN latest o ON s.workflow = o.workflow AND s.work_unit_id = o.work_unit_id
),
grouped AS (SELECT *, ${group.expr} AS grp FROM units WHERE ${where.join(' AND ')})
SELECT grp,
  CASE WHEN count(DISTINCT workflow) = 1 THEN any_value(workflow) END,
  count(*), count(status),
  count(*) FILTER (WHERE status = 'resolved'),
  count(*) FILTER (WHERE status = 'resolved' AND resolved_by = 'ai'),
  count(*) FILTER (WHERE status = 'resolved' AND resolved_by = 'human'),
  count(*) FILTER (WHERE status = 'resolved' AND resolved_by = 'bpo'),
  count(*) FILTER (WHERE status = 'escalated' OR (status = 'resolved' AND resolved_by IN ('human', 'bpo'))),
  count(*) FILTER (WHERE status = 'resolved' AND resolved_by = 'ai' AND attempts = 1),
  sum(attempts),
  sum(cost)::DECIMAL(38, 15),
  sum(retry_cost)::DECIMAL(38, 15),
  coalesce(sum(cost) FILTER (WHERE status IS NOT NULL AND status <> 'resolved'), 0)::DECIMAL(38, 15),
  coalesce(sum(cost) FILTER (WHERE status IS NOT NULL), 0)::DECIMAL(38, 15),
  sum(minutes),
  coalesce(sum(value_usd) FILTER (WHERE status = 'resolved'), 0)::DECIMAL(38, 15),
  count(*) FILTER (WHERE status = 'resolved' AND value_usd IS NULL),
  quantile_disc(cost, 0.5) FILTER (WHERE cost > 0),
  quantile_disc(cost, 0.95) FILTER (WHERE cost > 0),
  max(cost) FILTER (WHERE cost > 0),
  min(cost) FILTER (WHERE cost > 0),
  sum(unpriced), sum(usage_unknown),
  epoch_ns(min(first_seen)), epoch_ns(max(last_seen))
FROM grouped GROUP BY grp ORDER BY grp`;
}

export const int = (value: DuckDBValue | undefined) => toNumber(value ?? null) ?? 0;
export const femto = (value: DuckDBValue | undefined) => decimalToFemto(value ?? null) ?? 0n;
const nullableFemto = (value: DuckDBValue | undefined) => decimalToFemto(value ?? null);
export const nanos = (value: DuckDBValue | undefined) =>
  value === null || value === undefined ? null : BigInt(value as bigint);

export async function aggregateUnits(
  connection: DuckDBConnection,
  query: UnitQuery,
): Promise<UnitAggregate[]> {
  const reader = await connection.runAndReadAll(unitReportSql(query));
  return reader.getRows().map((r) => ({
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
    unitCostP50Femto: nullableFemto(r[18]),
    unitCostP95Femto: nullableFemto(r[19]),
    unitCostMaxFemto: nullableFemto(r[20]),
    unitCostMinFemto: nullableFemto(r[21]),
    unpricedSteps: int(r[22]),
    usageUnknownSteps: int(r[23]),
    firstSeenUnixNano: nanos(r[24]),
    lastSeenUnixNano: nanos(r[25]),
  }));
}
