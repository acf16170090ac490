/**
 * The success/failure comparison read from its roll-up (compare-rollup-sql.ts) and the unit
 * roll-up, both kept up to date by the caller: the rows outcome-compare.ts reads from the steps,
 * with the same counts. A business attribute filter keeps the units the attribute roll-up (also
 * kept up to date by the caller) gives that value: judged units and the excluded ones (pending and
 * abandoned, those known only by their outcome included, at their outcome's time) alike.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { CompareQuery, OutcomeComparisonCounts } from '../trajectory-queries.js';
import { keptAttributeKey, unitsWithAttributeSql } from './attribute-rollup-sql.js';
import { countsOf } from './outcome-compare.js';
import { SqlParams, scopePredicates } from './trajectory-reads.js';
import { NO_WORKFLOW } from './unit-key.js';

/**
 * Whether the roll-up answers `query`: its rows hold units linked without a workflow under the
 * no-workflow bucket, which the steps' comparison never matches, and no identity or tokenledger
 * attribute, which a filter may name.
 */
export const comparableFromRollup = (query: CompareQuery): boolean =>
  query.workflow !== NO_WORKFLOW && Object.keys(query.attributes ?? {}).every(keptAttributeKey);

const STEP_STATS = ['calls', 'costed_calls', 'cost', 'input_calls', 'input_tokens'];

/**
 * Sums of per-verdict rows as the sides' columns, success then failed (`cost` as a decimal). The
 * rows are summed per verdict first: the same sums filtered per side over every unit's row cost
 * about half as much again (3.5M rows: ~550 ms against ~310-370).
 */
const pivot = (columns: readonly string[]) =>
  ['success', 'failed']
    .flatMap((side) =>
      columns.map(
        (column) =>
          `coalesce(sum(${column}) FILTER (WHERE verdict = '${side}'), 0)${column === 'cost' ? '::DECIMAL(38, 15)' : ''}`,
      ),
    )
    .join(', ');

/** The query's business attributes as conditions on `unit_key`, from the attribute roll-up. */
const attributeScope = (query: CompareQuery): string[] =>
  Object.entries(query.attributes ?? {}).map(([key, value]) =>
    unitsWithAttributeSql({ key, value }),
  );

/** The judged units of the query's workflow, range and business attributes, as a row filter. */
function judgedScope(params: SqlParams, query: CompareQuery): string {
  const w = params.add(query.workflow);
  const range = scopePredicates(params, { ...query, attributes: {} });
  return [`workflow = ${w}`, ...range, ...attributeScope(query)].join(' AND ');
}

/** How many units of the query's scope are pending or abandoned. */
function excludedSql(params: SqlParams, query: CompareQuery): string {
  const w = params.add(query.workflow);
  const where = ['TRUE', ...scopePredicates(params, { ...query, attributes: {} })].join(' AND ');
  const unjudged = [`workflow = ${w}`, "(status IS NULL OR status = 'abandoned')"];
  return `SELECT count(*) FROM (
  SELECT coalesce(first_seen, occurred_at) AS first_seen FROM unit_rollup
  WHERE ${[...unjudged, ...attributeScope(query)].join(' AND ')}
) WHERE ${where}`;
}

export async function compareOutcomesFromRollup(
  connection: DuckDBConnection,
  query: CompareQuery,
): Promise<OutcomeComparisonCounts> {
  const featureParams = new SqlParams();
  const features = `WITH v AS (
  SELECT kind, value, verdict, count(*) AS units, sum(attempts) AS attempts, sum(cost) AS cost
  FROM compare_unit_values WHERE ${judgedScope(featureParams, query)} GROUP BY ALL
)
SELECT '_total', '', ${pivot(['units', 'attempts', 'cost'])}, (${excludedSql(featureParams, query)})
FROM v WHERE kind = 'unit'
UNION ALL
SELECT kind, value, ${pivot(['units', 'attempts', 'cost'])}, 0 FROM v WHERE kind <> 'unit'
GROUP BY kind, value`;
  const stepParams = new SqlParams();
  const steps = `WITH v AS (
  SELECT step, verdict, ${STEP_STATS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
  FROM compare_unit_steps WHERE ${judgedScope(stepParams, query)} GROUP BY ALL
)
SELECT step, ${pivot(STEP_STATS)} FROM v GROUP BY step ORDER BY step`;
  const featureRows = (await connection.runAndReadAll(features, featureParams.values)).getRows();
  const stepRows = (await connection.runAndReadAll(steps, stepParams.values)).getRows();
  return countsOf(featureRows, stepRows);
}
