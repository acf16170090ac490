/**
 * The per-unit base that work-unit search and the success/failure comparison share: one
 * workflow's traces from the roll-up (linked as unit-report.ts links them: a trace takes the unit,
 * workflow and attempt of its earliest span carrying each) → attempts → units joined with their
 * current outcome; and the step-level pieces (rule values, step lists) both read from steps.
 */
import { type DuckDBValue, listValue } from '@duckdb/node-api';
import { ROLLED_UP_TRACES } from './trace-part-compaction.js';

/** Positional parameters for one statement: `add` returns the placeholder. */
export class SqlParams {
  readonly values: DuckDBValue[] = [];

  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  addList(values: readonly string[]): string {
    this.values.push(listValue([...values]));
    return `CAST($${this.values.length} AS VARCHAR[])`;
  }
}

/** A JSON path reading one key; keys contain dots, so they are quoted. */
export function jsonKeyPath(params: SqlParams, key: string): string {
  return params.add(`$."${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`);
}

/** The unit's business attribute `key`: the outcome's value, else the linking span's. */
export function businessAttribute(params: SqlParams, key: string): string {
  const path = jsonKeyPath(params, key);
  return `coalesce(json_extract_string(outcome_attributes, ${path}), json_extract_string(link_attributes, ${path}))`;
}

const RULE_PATH = `'$."tokenledger.decision.rule"'`;
const EMPTY = '[]::VARCHAR[]';
const distinctList = (expr: string) =>
  `coalesce(list(DISTINCT ${expr}) FILTER (WHERE ${expr} IS NOT NULL), ${EMPTY})`;

/** What the per-unit base carries beyond counts and cost; search leaves out what it does not need. */
export interface BaseShape {
  /** The linking span's attributes per unit (else NULL). */
  linkAttributes: boolean;
  /** A table already holding `tracesSql` of the workflow, read instead of computing it again. */
  tracesFrom?: string;
}

/**
 * What tells a unit's attempts apart: its attempt id, else the trace, which is an attempt by
 * itself (prefixed apart so an attempt id never equals a trace id). Ties of start between attempts
 * go to the larger key, in every read that picks a unit's last or first attempt.
 */
export const attemptKey = (table = ''): string =>
  `CASE WHEN ${table}attempt IS NULL THEN ${table}trace_id ELSE chr(0) || ${table}attempt END`;

/** The decision rule a step applied, else NULL. */
export const RULE_VALUE = `CASE WHEN contains(attributes, 'tokenledger.decision.rule') THEN json_extract_string(attributes, ${RULE_PATH}) END`;

/** Distinct non-null values over grouped steps, for the listed columns. */
export function stepLists(): string {
  return `${distinctList('coalesce(step_name, name)')} AS step_names, ${distinctList('model')} AS models,
    ${distinctList('tool_name')} AS tools, ${distinctList(RULE_VALUE)} AS rules`;
}

/** A predicate on a step row: it applied decision rule `placeholder`. */
export const ruleIs = (placeholder: string) =>
  `contains(attributes, 'tokenledger.decision.rule') AND json_extract_string(attributes, ${RULE_PATH}) = ${placeholder}`;

/**
 * A workflow's traces (parameter `w`) from the per-trace roll-up: one row per trace instead of
 * every step, with its link, times, cost and unknown-cost count (migration 0005).
 */
export function tracesSql(w: string, link: boolean): string {
  return `SELECT trace_id, work_unit_id, workflow, attempt,
    ${link ? 'link_attributes' : 'NULL::VARCHAR'} AS link_attributes, started, last_seen, cost,
    unpriced + usage_unknown AS unknown_cost
  FROM (${ROLLED_UP_TRACES}) WHERE workflow = ${w}`;
}

function rolledUpTraces(w: string, shape: BaseShape): string {
  const traces = shape.tracesFrom
    ? `traces AS (SELECT * FROM ${shape.tracesFrom})`
    : `traces AS MATERIALIZED (${tracesSql(w, shape.linkAttributes)})`;
  return `${traces},
candidates AS (SELECT trace_id FROM traces)`;
}

/**
 * CTEs ending in `units`: one row per work unit of `workflow` with `work_unit_id`, `attempts`,
 * `cost` (exact), `unknown_cost`, `first_seen`, `last_seen`, `link_attributes` (its earliest
 * trace's, by start then trace id, as the unit roll-up's segment values), `outcome_attributes`,
 * `status`, `resolved_by`, `overridden`. Also leaves `attempts` and
 * `traces` (with `trace_id`, `work_unit_id`, `attempt`) and `candidates` for joins.
 * The workflow is always parameter `$1`.
 */
export function unitBaseCtes(params: SqlParams, workflow: string, shape: BaseShape): string {
  const w = params.add(workflow);
  if (w !== '$1') throw new Error('unitBaseCtes must bind the first parameter');
  return `
${rolledUpTraces(w, shape)},
attempts AS (
  SELECT work_unit_id, ${attemptKey()} AS attempt_key,
    min(started) AS started, max(last_seen) AS last_seen, sum(cost) AS cost,
    sum(unknown_cost) AS unknown_cost,
    arg_min_null(link_attributes, (started, trace_id)) AS link_attributes,
    arg_min(trace_id, (started, trace_id)) AS first_trace
  FROM traces WHERE workflow = ${w} AND work_unit_id IS NOT NULL
  GROUP BY work_unit_id, attempt_key
),
span_units AS (
  SELECT work_unit_id, count(*) AS attempts, sum(cost) AS cost, sum(unknown_cost) AS unknown_cost,
    min(started) AS first_seen, max(last_seen) AS last_seen,
    arg_min_null(link_attributes, (started, first_trace)) AS link_attributes
  FROM attempts GROUP BY work_unit_id
),
latest AS (
  SELECT work_unit_id, status, resolved_by, overridden, attributes, occurred_at
  FROM unit_outcomes WHERE workflow = ${w}
),
units AS MATERIALIZED (
  SELECT coalesce(s.work_unit_id, o.work_unit_id) AS work_unit_id,
    coalesce(s.attempts, 0) AS attempts, coalesce(s.cost, 0)::DECIMAL(38, 15) AS cost,
    coalesce(s.unknown_cost, 0) AS unknown_cost,
    coalesce(s.first_seen, o.occurred_at) AS first_seen, coalesce(s.last_seen, o.occurred_at) AS last_seen,
    s.link_attributes, o.attributes AS outcome_attributes, o.status, o.resolved_by,
    coalesce(o.overridden, false) AS overridden
  FROM span_units s FULL JOIN latest o ON s.work_unit_id = o.work_unit_id
)`;
}

/** Predicates on `units` shared by search and compare: business attributes and the time range. */
export function scopePredicates(
  params: SqlParams,
  scope: {
    attributes?: Readonly<Record<string, string>> | undefined;
    fromUnixNano?: bigint | undefined;
    toUnixNano?: bigint | undefined;
  },
): string[] {
  const where: string[] = [];
  for (const [key, value] of Object.entries(scope.attributes ?? {}))
    where.push(`${businessAttribute(params, key)} = ${params.add(value)}`);
  if (scope.fromUnixNano !== undefined)
    where.push(
      `first_seen >= make_timestamp_ns(CAST(${params.add(String(scope.fromUnixNano))} AS BIGINT))`,
    );
  if (scope.toUnixNano !== undefined)
    where.push(
      `first_seen < make_timestamp_ns(CAST(${params.add(String(scope.toUnixNano))} AS BIGINT))`,
    );
  return where;
}

export const textList = (value: DuckDBValue | undefined): string[] => {
  if (value === null || value === undefined) return [];
  const items = (value as { items?: readonly DuckDBValue[] }).items ?? [];
  return items.map(String).sort();
};
