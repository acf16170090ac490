/**
 * The attributed spend as a FOCUS 1.2 cost-and-usage dataset, written by DuckDB's own COPY (CSV or
 * Parquet). One row per charge day, provider, model, workflow and work unit; only priced, counted
 * steps of traces linked to a work unit. Column meanings: docs/metrics.md, "FOCUS export".
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { FocusExportQuery, FocusExportResult } from '../store.js';
import { decimalToFemto, toNumber } from './step-rows.js';

const linkedSteps = (query: FocusExportQuery) => {
  const where = ['s.usage_counted'];
  if (query.fromUnixMs !== undefined)
    where.push(`s.start_time >= make_timestamp_ns(${BigInt(query.fromUnixMs) * 1_000_000n})`);
  if (query.toUnixMs !== undefined)
    where.push(`s.start_time < make_timestamp_ns(${BigInt(query.toUnixMs) * 1_000_000n})`);
  return `
links AS (
  SELECT trace_id,
    arg_min(work_unit_id, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
    coalesce(arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL), '(no workflow)') AS workflow
  FROM steps GROUP BY trace_id
),
counted AS (
  SELECT s.*, l.work_unit_id AS unit_id, l.workflow AS unit_workflow
  FROM steps s JOIN links l USING (trace_id) WHERE ${where.join(' AND ')}
)`;
};

/** Timestamps stay TIMESTAMP (UTC) here; the writer renders them per format. */
function focusSelect(query: FocusExportQuery): string {
  return `
WITH ${linkedSteps(query)},
latest AS (SELECT workflow, work_unit_id, status FROM unit_outcomes),
grain AS (
  SELECT date_trunc('day', start_time)::TIMESTAMP AS day, coalesce(provider, 'unknown') AS provider,
    coalesce(model, 'unknown') AS model, unit_workflow AS workflow, unit_id AS work_unit_id,
    sum(cost_usd)::DECIMAL(38, 15) AS cost,
    sum(coalesce(input_tokens, 0) + coalesce(output_tokens, 0))::DECIMAL(38, 0) AS tokens,
    sum(coalesce(input_tokens, 0))::BIGINT AS input_tokens,
    sum(coalesce(output_tokens, 0))::BIGINT AS output_tokens, count(*)::BIGINT AS steps
  FROM counted WHERE unit_id IS NOT NULL AND pricing_status = 'priced'
  GROUP BY ALL
)
SELECT
  g.cost AS BilledCost,
  g.provider AS BillingAccountId,
  NULL::VARCHAR AS BillingAccountName,
  'USD' AS BillingCurrency,
  (date_trunc('month', g.day) + INTERVAL 1 MONTH)::TIMESTAMP AS BillingPeriodEnd,
  date_trunc('month', g.day)::TIMESTAMP AS BillingPeriodStart,
  'Usage' AS ChargeCategory,
  NULL::VARCHAR AS ChargeClass,
  g.model || ' tokens for ' || g.workflow || ' work unit ' || g.work_unit_id AS ChargeDescription,
  (g.day + INTERVAL 1 DAY)::TIMESTAMP AS ChargePeriodEnd,
  g.day AS ChargePeriodStart,
  g.cost AS ContractedCost,
  g.cost AS EffectiveCost,
  g.provider AS InvoiceIssuerName,
  g.cost AS ListCost,
  g.tokens AS PricingQuantity,
  'Tokens' AS PricingUnit,
  g.provider AS ProviderName,
  g.provider AS PublisherName,
  'AI and Machine Learning' AS ServiceCategory,
  g.model AS ServiceName,
  g.tokens AS ConsumedQuantity,
  'Tokens' AS ConsumedUnit,
  json_object('tokenledger.workflow', g.workflow, 'tokenledger.work_unit.id', g.work_unit_id)
    || '' AS Tags_base,
  b.team AS x_Team,
  g.workflow AS x_Workflow,
  g.work_unit_id AS x_WorkUnitId,
  o.status AS x_OutcomeStatus,
  g.model AS x_Model,
  g.input_tokens AS x_InputTokens,
  g.output_tokens AS x_OutputTokens,
  g.steps AS x_Steps
FROM grain g
LEFT JOIN workflow_baselines b ON b.workflow = g.workflow
LEFT JOIN latest o ON o.workflow = g.workflow AND o.work_unit_id = g.work_unit_id
ORDER BY ChargePeriodStart, ProviderName, x_Model, x_Workflow, x_WorkUnitId`;
}

/** Tags: only keys with a value (FOCUS: tag keys with non-null values). */
const TAGS = `json_merge_patch(Tags_base::JSON,
    CASE WHEN x_Team IS NULL THEN '{}'::JSON ELSE json_object('tokenledger.team', x_Team) END,
    CASE WHEN x_OutcomeStatus IS NULL THEN '{}'::JSON ELSE json_object('tokenledger.outcome', x_OutcomeStatus) END)`;

const TIMES = ['BillingPeriodEnd', 'BillingPeriodStart', 'ChargePeriodEnd', 'ChargePeriodStart'];

function rendered(query: FocusExportQuery): string {
  const time = (c: string) =>
    query.format === 'csv'
      ? `strftime(${c}, '%Y-%m-%dT%H:%M:%SZ') AS ${c}`
      : `timezone('UTC', ${c}) AS ${c}`;
  const tags = query.format === 'csv' ? `${TAGS}::VARCHAR AS Tags` : `${TAGS} AS Tags`;
  return `SELECT * EXCLUDE (Tags_base, ${TIMES.join(', ')}),
    ${TIMES.map(time).join(', ')}, ${tags}
  FROM (${focusSelect(query)})`;
}

export async function exportFocus(
  connection: DuckDBConnection,
  query: FocusExportQuery,
  path: string,
): Promise<FocusExportResult> {
  const file = `'${path.replaceAll("'", "''")}'`;
  const options = query.format === 'csv' ? '(FORMAT csv, HEADER true)' : '(FORMAT parquet)';
  await connection.run(`COPY (${rendered(query)}) TO ${file} ${options}`);
  const reader = await connection.runAndReadAll(
    `WITH ${linkedSteps(query)}
     SELECT count(*) FILTER (WHERE unit_id IS NOT NULL AND pricing_status = 'priced'),
       count(*) FILTER (WHERE unit_id IS NOT NULL AND pricing_status IN ('unpriced', 'usage_unknown')),
       coalesce(sum(cost_usd) FILTER (WHERE unit_id IS NOT NULL AND pricing_status = 'priced'), 0)::DECIMAL(38, 15),
       coalesce(sum(cost_usd) FILTER (WHERE unit_id IS NULL AND pricing_status = 'priced'), 0)::DECIMAL(38, 15)
     FROM counted`,
  );
  const row = reader.getRows()[0] ?? [];
  return {
    pricedSteps: toNumber(row[0] ?? null) ?? 0,
    excludedUnpricedSteps: toNumber(row[1] ?? null) ?? 0,
    billedCostFemto: decimalToFemto(row[2] ?? null) ?? 0n,
    unattributedCostFemto: decimalToFemto(row[3] ?? null) ?? 0n,
  };
}
