/**
 * The store-wide spend figures: step and token counts (priced, unpriced, unknown), spend and
 * unattributed spend (traces with no work unit) from the per-trace roll-up (migrations 0005 and
 * 0010: one row per trace instead of every step), and the models with no price and their token
 * volume (`tokenledger prices check`, read from the steps).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SpendTotals, UnpricedModel } from '../store.js';
import { bigintOf, femto, int } from './duckdb-values.js';
import { ROLLED_UP_TRACES } from './trace-part-compaction.js';

export async function readUnpricedModels(c: DuckDBConnection): Promise<UnpricedModel[]> {
  const reader = await c.runAndReadAll(
    `SELECT model, provider, count(*), coalesce(sum(input_tokens), 0),
              coalesce(sum(output_tokens), 0), epoch_ns(min(start_time)), epoch_ns(max(start_time))
       FROM steps WHERE pricing_status = 'unpriced' AND usage_counted
       GROUP BY model, provider
       ORDER BY 4 DESC, model NULLS LAST, provider NULLS LAST`,
  );
  return reader.getRows().map(([model, provider, steps, input, output, first, last]) => ({
    model: model === null || model === undefined ? null : String(model),
    provider: provider === null || provider === undefined ? null : String(provider),
    steps: int(steps),
    inputTokens: int(input),
    outputTokens: int(output),
    firstSeenUnixNano: bigintOf(first),
    lastSeenUnixNano: bigintOf(last),
  }));
}

export async function readSpendTotals(c: DuckDBConnection): Promise<SpendTotals> {
  // Every figure from the per-trace roll-up, whose parts sum the counted steps, their tokens and
  // priced costs (signed parts move changed usage decisions): summing every part needs no merge;
  // only the unattributed spend needs each trace whole (its work unit may be on any part). At
  // 8M steps ~0.2 s of scanning steps become ~1M parts.
  const reader = await c.runAndReadAll(
    `WITH p AS (
       SELECT coalesce(sum(steps), 0) AS steps, coalesce(sum(cost), 0::DECIMAL(38, 15)) AS cost,
         coalesce(sum(input_tokens), 0) AS input, coalesce(sum(output_tokens), 0) AS output,
         coalesce(sum(unpriced), 0) AS unpriced, coalesce(sum(unpriced_input_tokens), 0) AS unpriced_input,
         coalesce(sum(unpriced_output_tokens), 0) AS unpriced_output,
         coalesce(sum(usage_unknown), 0) AS unknown
       FROM trace_parts
     ), t AS (
       SELECT coalesce(sum(cost) FILTER (WHERE work_unit_id IS NULL), 0::DECIMAL(38, 15)) AS unattributed
       FROM (${ROLLED_UP_TRACES})
     )
     SELECT p.steps, p.cost, p.input, p.output, p.unpriced, p.unpriced_input, p.unpriced_output,
       p.unknown, t.unattributed
     FROM p, t`,
  );
  const [
    steps,
    cost,
    input,
    output,
    unpriced,
    unpricedInput,
    unpricedOutput,
    unknown,
    unattributed,
  ] = reader.getRows()[0] ?? [];
  return {
    steps: int(steps),
    costFemto: femto(cost),
    inputTokens: int(input),
    outputTokens: int(output),
    unpricedSteps: int(unpriced),
    unpricedInputTokens: int(unpricedInput),
    unpricedOutputTokens: int(unpricedOutput),
    usageUnknownSteps: int(unknown),
    unattributedCostFemto: femto(unattributed),
  };
}
