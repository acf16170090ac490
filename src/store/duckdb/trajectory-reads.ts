/**
 * The per-unit base that work-unit search and the success/failure comparison share: one
 * workflow's traces (linked as unit-report.ts links them: a trace takes the unit, workflow and
 * attempt of its earliest span carrying each) → attempts → units joined with their latest outcome,
 * each unit with the step names, models, tools and decision rules its steps used.
 */
import { type DuckDBValue, listValue } from '@duckdb/node-api';

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
const merged = (column: string) => `list_distinct(flatten(list(${column})))`;

/** What the per-unit base carries beyond counts and cost; search leaves out what it does not need. */
export interface BaseShape {
  /** The lists `step_names`, `models`, `tools`, `rules` per unit (else empty). */
  lists: boolean;
  /** The linking span's attributes per unit (else NULL). */
  linkAttributes: boolean;
}

const RULE_VALUE = `CASE WHEN contains(attributes, 'tokenledger.decision.rule') THEN json_extract_string(attributes, ${RULE_PATH}) END`;

/** Distinct non-null values over grouped steps, for the listed columns. */
export function stepLists(): string {
  return `${distinctList('coalesce(step_name, name)')} AS step_names, ${distinctList('model')} AS models,
    ${distinctList('tool_name')} AS tools, ${distinctList(RULE_VALUE)} AS rules`;
}

/** A predicate on a step row: it applied decision rule `placeholder`. */
export const ruleIs = (placeholder: string) =>
  `contains(attributes, 'tokenledger.decision.rule') AND json_extract_string(attributes, ${RULE_PATH}) = ${placeholder}`;

/**
 * CTEs ending in `units`: one row per work unit of `workflow` with `work_unit_id`, `attempts`,
 * `cost` (exact), `unknown_cost`, `first_seen`, `last_seen`, `link_attributes`,
 * `outcome_attributes`, `status`, `resolved_by`, `overridden` and the lists `step_names`,
 * `models`, `tools`, `rules`. Also leaves `traces` (with `trace_id`, `work_unit_id`) for joins.
 * The workflow is always parameter `$1`.
 */
export function unitBaseCtes(params: SqlParams, workflow: string, shape: BaseShape): string {
  const w = params.add(workflow);
  if (w !== '$1') throw new Error('unitBaseCtes must bind the first parameter');
  const link = shape.linkAttributes;
  const lists = (expr: (column: string) => string) =>
    shape.lists
      ? `, ${['step_names', 'models', 'tools', 'rules'].map((c) => `${expr(c)} AS ${c}`).join(', ')}`
      : '';
  return `
candidates AS (SELECT DISTINCT trace_id FROM steps WHERE workflow = ${w}),
traces AS MATERIALIZED (
  SELECT trace_id,
    arg_min(work_unit_id, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
    arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL) AS workflow,
    arg_min(attempt, start_time) FILTER (WHERE attempt IS NOT NULL) AS attempt,
    ${link ? 'arg_min(attributes, start_time) FILTER (WHERE work_unit_id IS NOT NULL)' : 'NULL::VARCHAR'} AS link_attributes,
    min(start_time) AS started, max(start_time) AS last_seen,
    coalesce(sum(cost_usd) FILTER (WHERE usage_counted AND pricing_status = 'priced'), 0) AS cost,
    count(*) FILTER (WHERE usage_counted AND pricing_status IN ('unpriced', 'usage_unknown')) AS unknown_cost
    ${shape.lists ? `, ${stepLists()}` : ''}
  FROM steps WHERE trace_id IN (SELECT trace_id FROM candidates)
  GROUP BY trace_id
),
attempts AS (
  SELECT work_unit_id, coalesce(attempt, trace_id) AS attempt_key,
    min(started) AS started, max(last_seen) AS last_seen, sum(cost) AS cost,
    sum(unknown_cost) AS unknown_cost, arg_min(link_attributes, started) AS link_attributes
    ${lists(merged)}
  FROM traces WHERE workflow = ${w} AND work_unit_id IS NOT NULL
  GROUP BY work_unit_id, attempt_key
),
span_units AS (
  SELECT work_unit_id, count(*) AS attempts, sum(cost) AS cost, sum(unknown_cost) AS unknown_cost,
    min(started) AS first_seen, max(last_seen) AS last_seen,
    arg_min(link_attributes, (started, attempt_key)) AS link_attributes
    ${lists(merged)}
  FROM attempts GROUP BY work_unit_id
),
latest AS (
  SELECT work_unit_id,
    arg_max_null(status, (occurred_at, arrival_seq)) AS status,
    arg_max_null(resolved_by, (occurred_at, arrival_seq)) AS resolved_by,
    arg_max_null(overridden, (occurred_at, arrival_seq)) AS overridden,
    arg_max_null(attributes, (occurred_at, arrival_seq)) AS attributes,
    max(occurred_at) AS occurred_at
  FROM outcomes WHERE workflow = ${w} GROUP BY work_unit_id
),
units AS MATERIALIZED (
  SELECT coalesce(s.work_unit_id, o.work_unit_id) AS work_unit_id,
    coalesce(s.attempts, 0) AS attempts, coalesce(s.cost, 0)::DECIMAL(38, 15) AS cost,
    coalesce(s.unknown_cost, 0) AS unknown_cost,
    coalesce(s.first_seen, o.occurred_at) AS first_seen, coalesce(s.last_seen, o.occurred_at) AS last_seen,
    s.link_attributes, o.attributes AS outcome_attributes, o.status, o.resolved_by,
    coalesce(o.overridden, false) AS overridden
    ${lists((c) => `coalesce(s.${c}, ${EMPTY})`)}
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
