/**
 * Work-unit search in one DuckDB query: the workflow's units, filtered by outcome, business
 * attribute, exact cost range, model, tool, decision rule and first activity, counted, then one
 * keyset page in the requested order with its units' models, tools and rules. The units come from
 * the unit roll-up and their attributes from the attribute roll-up (both kept up to date by the
 * caller) unless a filter needs the steps (a model, tool or rule), an attribute they do not keep
 * or the no-workflow bucket: those read the workflow's traces (trajectory-reads.ts).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { OutcomeStatus, Resolver } from '../../domain/index.js';
import type {
  SearchCursor,
  WorkUnitMatch,
  WorkUnitSearch,
  WorkUnitSearchPage,
} from '../trajectory-queries.js';
import { keptAttributeKey, unitsWithAttributeSql } from './attribute-rollup-sql.js';
import { decimalToFemto, toNumber } from './step-rows.js';
import { rolledUpTracesSql } from './trace-part-compaction.js';
import {
  ruleIs,
  SqlParams,
  scopePredicates,
  stepLists,
  textList,
  unitBaseCtes,
} from './trajectory-reads.js';
import { NO_WORKFLOW } from './unit-key.js';

/** Whether the roll-ups answer `search` (see the header). */
export const searchableFromRollups = (search: WorkUnitSearch): boolean =>
  search.workflow !== NO_WORKFLOW &&
  search.model === undefined &&
  search.tool === undefined &&
  search.rule === undefined &&
  Object.keys(search.attributes ?? {}).every(keptAttributeKey);

/**
 * CTE `units` of the search's workflow from the unit roll-up, in the columns `unitBaseCtes`
 * gives, narrowed to its business attributes by the attribute roll-up; `unit_key` for the page.
 */
function rolledUpUnitsSql(w: string, search: WorkUnitSearch): string {
  const attributes = Object.entries(search.attributes ?? {}).map(([key, value]) =>
    unitsWithAttributeSql({ key, value }),
  );
  return `units AS MATERIALIZED (
  SELECT unit_key, work_unit_id, attempts, cost, unpriced + usage_unknown AS unknown_cost,
    coalesce(first_seen, occurred_at) AS first_seen, coalesce(last_seen, occurred_at) AS last_seen,
    status, resolved_by
  FROM unit_rollup WHERE ${[`workflow = ${w}`, ...attributes].join(' AND ')}
)`;
}

const femtoText = (femto: bigint) => {
  const digits = femto.toString().padStart(16, '0');
  return `${digits.slice(0, -15)}.${digits.slice(-15)}`;
};

/** Some step of one of the unit's traces satisfies `condition`. */
const unitHasStep = (condition: string) =>
  `work_unit_id IN (SELECT work_unit_id FROM traces WHERE workflow = $1 AND trace_id IN
    (SELECT trace_id FROM steps WHERE ${condition} AND trace_id IN (SELECT trace_id FROM candidates)))`;

/**
 * Every filter of the search as a predicate on `units`. `workUnitIds` (the waste analysis's
 * `wasteClass` filter, possibly 100k+ ids) is one VARCHAR[] parameter unnested into a hash semi-join.
 */
function unitPredicates(params: SqlParams, search: WorkUnitSearch): string[] {
  const where = scopePredicates(params, search);
  if (search.status === 'pending') where.push('status IS NULL');
  else if (search.status !== undefined) where.push(`status = ${params.add(search.status)}`);
  if (search.resolvedBy !== undefined) where.push(`resolved_by = ${params.add(search.resolvedBy)}`);
  if (search.minCostFemto !== undefined)
    where.push(`cost >= CAST(${params.add(femtoText(search.minCostFemto))} AS DECIMAL(38, 15))`);
  if (search.maxCostFemto !== undefined)
    where.push(`cost <= CAST(${params.add(femtoText(search.maxCostFemto))} AS DECIMAL(38, 15))`);
  if (search.model !== undefined) where.push(unitHasStep(`model = ${params.add(search.model)}`));
  if (search.tool !== undefined) where.push(unitHasStep(`tool_name = ${params.add(search.tool)}`));
  if (search.rule !== undefined) where.push(unitHasStep(ruleIs(params.add(search.rule))));
  if (search.workUnitIds !== undefined)
    where.push(
      search.workUnitIds.length === 0
        ? 'FALSE'
        : `work_unit_id IN (SELECT unnest(${params.addList(search.workUnitIds)}))`,
    );
  return where;
}

function sortKey(search: WorkUnitSearch): { key: string; text: string; typed: string } {
  return search.sort === 'cost' || search.sort === '-cost'
    ? { key: 'cost', text: 'cost::VARCHAR', typed: 'DECIMAL(38, 15)' }
    : { key: 'epoch_ns(first_seen)', text: 'epoch_ns(first_seen)::VARCHAR', typed: 'BIGINT' };
}

function cursorPredicate(params: SqlParams, search: WorkUnitSearch): string {
  const cursor = search.cursor;
  if (cursor === undefined) return 'TRUE';
  const { key, typed } = sortKey(search);
  const op = search.sort.startsWith('-') ? '<' : '>';
  const value = `CAST(${params.add(cursor.value)} AS ${typed})`;
  const id = params.add(cursor.workUnitId);
  return `(${key} ${op} ${value} OR (${key} = ${value} AND work_unit_id ${op} ${id}))`;
}

/**
 * Filters and counts over per-unit counts only; the models, tools and rules lists are gathered
 * for the page's units alone, since reading every step's attributes costs most of the time.
 * `fromRollups`: the units from the roll-ups (searchableFromRollups), the page's traces rolled up.
 */
export function workUnitSearchSql(
  search: WorkUnitSearch,
  fromRollups = false,
): { sql: string; values: DuckDBValue[] } {
  const params = new SqlParams();
  const base = fromRollups
    ? rolledUpUnitsSql(params.add(search.workflow), search)
    : unitBaseCtes(params, search.workflow, { linkAttributes: search.attributes !== undefined });
  // The roll-up path narrowed the units to the attributes already.
  const where = unitPredicates(params, fromRollups ? { ...search, attributes: {} } : search);
  const { key, text } = sortKey(search);
  const dir = search.sort.startsWith('-') ? 'DESC' : 'ASC';
  // A continued trace's unit id is one of its parts' (its workflow may come from another part):
  // only traces with a part naming a page unit's id are merged.
  const pageTraces = fromRollups
    ? `SELECT t.trace_id, p.work_unit_id
  FROM (${rolledUpTracesSql(PAGE_UNITS, PAGE_IDS)}) t JOIN page p USING (unit_key)`
    : `SELECT trace_id, work_unit_id FROM traces
  WHERE workflow = $1 AND work_unit_id IN (SELECT work_unit_id FROM page)`;
  const sql = `
WITH ${base},
matching AS MATERIALIZED (SELECT * FROM units WHERE ${where.length === 0 ? 'TRUE' : where.join(' AND ')}),
page AS MATERIALIZED (
  SELECT work_unit_id, ${fromRollups ? 'unit_key' : 'overridden'}, status, resolved_by, attempts,
    cost, unknown_cost, epoch_ns(first_seen) AS first_ns, epoch_ns(last_seen) AS last_ns,
    ${text} AS sort_value, ${key} AS sort_key
  FROM matching WHERE ${cursorPredicate(params, search)}
  ORDER BY sort_key ${dir}, work_unit_id ${dir} LIMIT ${search.limit + 1}
),
page_traces AS MATERIALIZED (${pageTraces}),
page_lists AS (
  SELECT pt.work_unit_id, ${stepLists()}
  FROM steps JOIN page_traces pt ON steps.trace_id = pt.trace_id
  WHERE steps.trace_id IN (SELECT trace_id FROM page_traces)
  GROUP BY pt.work_unit_id
)
SELECT p.work_unit_id, p.status, p.resolved_by,
  ${fromRollups ? 'coalesce(o.overridden, false)' : 'p.overridden'}, p.attempts, p.cost,
  p.unknown_cost, l.models, l.tools, l.rules, p.first_ns, p.last_ns, p.sort_value, c.matched
FROM (SELECT count(*) AS matched FROM matching) c
LEFT JOIN page p ON TRUE
LEFT JOIN page_lists l ON l.work_unit_id = p.work_unit_id
${fromRollups ? 'LEFT JOIN unit_outcomes o ON o.unit_key = p.unit_key' : ''}
ORDER BY p.sort_key ${dir}, p.work_unit_id ${dir}`;
  return { sql, values: params.values };
}

/** The page's units, as a condition on a roll-up row's `unit_key`. */
const PAGE_UNITS = 'unit_key IN (SELECT unit_key FROM page)';
/** Traces with a part naming a page unit's id (in any workflow), as a condition on `trace_id`. */
const PAGE_IDS = `trace_id IN (SELECT trace_id FROM trace_parts
    WHERE work_unit_id IN (SELECT work_unit_id FROM page))`;

const text = (v: DuckDBValue | undefined) => (v === null || v === undefined ? null : String(v));

/** `fromRollups`: the unit and attribute roll-ups are up to date and answer it (see the header). */
export async function searchWorkUnits(
  connection: DuckDBConnection,
  search: WorkUnitSearch,
  fromRollups = false,
): Promise<WorkUnitSearchPage> {
  const { sql, values } = workUnitSearchSql(search, fromRollups);
  const rows = (await connection.runAndReadAll(sql, values)).getRows();
  const matched = toNumber(rows[0]?.[13] ?? null) ?? 0;
  const found = rows.filter((r) => r[0] !== null && r[0] !== undefined);
  const units = found.slice(0, search.limit).map(
    (r): WorkUnitMatch => ({
      workUnitId: String(r[0]),
      workflow: search.workflow,
      status: text(r[1]) as OutcomeStatus | null,
      resolvedBy: text(r[2]) as Resolver | null,
      overridden: r[3] === true,
      attempts: toNumber(r[4] ?? null) ?? 0,
      tokenCostFemto: decimalToFemto(r[5] ?? null) ?? 0n,
      unknownCostSteps: toNumber(r[6] ?? null) ?? 0,
      models: textList(r[7]),
      tools: textList(r[8]),
      rules: textList(r[9]),
      firstSeenUnixNano: BigInt(r[10] as bigint),
      lastSeenUnixNano: BigInt(r[11] as bigint),
    }),
  );
  const last = found.length > search.limit ? found[search.limit - 1] : undefined;
  const next: SearchCursor | null = last
    ? { sort: search.sort, value: String(last[12]), workUnitId: String(last[0]) }
    : null;
  return { units, matched, next };
}
