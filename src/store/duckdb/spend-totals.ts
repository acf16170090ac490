/**
 * The store-wide spend figures: totals (priced, unpriced, unknown) read straight from `steps`,
 * unattributed spend from the per-trace roll-up (traces with no work unit: one row per trace
 * instead of an anti-join of every step, ~1.1 s → ~0.13 s at 8M steps), and the models with no
 * price and their token volume (`tokenledger prices check`).
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type { SpendTotals, UnpricedModel } from '../store.js';
import { decimalToFemto, toNumber } from './step-rows.js';
import { ROLLED_UP_TRACES } from './trace-part-compaction.js';

const count = (value: DuckDBValue | undefined): number => toNumber(value ?? null) ?? 0;
const nanos = (value: DuckDBValue | undefined): bigint => BigInt(value as bigint);

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
    steps: count(steps),
    inputTokens: count(input),
    outputTokens: count(output),
    firstSeenUnixNano: nanos(first),
    lastSeenUnixNano: nanos(last),
  }));
}

export async function readSpendTotals(c: DuckDBConnection): Promise<SpendTotals> {
  const reader = await c.runAndReadAll(
    `SELECT count(*),
              coalesce(sum(cost_usd) FILTER (WHERE pricing_status = 'priced'), 0::DECIMAL(38, 15)),
              coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
              count(*) FILTER (WHERE pricing_status = 'unpriced'),
              coalesce(sum(input_tokens) FILTER (WHERE pricing_status = 'unpriced'), 0),
              coalesce(sum(output_tokens) FILTER (WHERE pricing_status = 'unpriced'), 0),
              count(*) FILTER (WHERE pricing_status = 'usage_unknown'),
              (SELECT coalesce(sum(cost) FILTER (WHERE work_unit_id IS NULL), 0::DECIMAL(38, 15))
                FROM (${ROLLED_UP_TRACES}))
       FROM steps WHERE usage_counted`,
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
    steps: count(steps),
    costFemto: decimalToFemto(cost ?? null) ?? 0n,
    inputTokens: count(input),
    outputTokens: count(output),
    unpricedSteps: count(unpriced),
    unpricedInputTokens: count(unpricedInput),
    unpricedOutputTokens: count(unpricedOutput),
    usageUnknownSteps: count(unknown),
    unattributedCostFemto: decimalToFemto(unattributed ?? null) ?? 0n,
  };
}
