/**
 * The store-wide spend figures: step and token counts (priced, unpriced, unknown) read straight
 * from `steps`, spend and unattributed spend (traces with no work unit) from the per-trace roll-up
 * (its parts instead of every step: ~1.2 s → ~0.25 s at 8M steps), and
 * the models with no price and their token volume (`tokenledger prices check`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { SpendTotals, UnpricedModel } from '../store.js';
import { bigintOf, femto, int } from './duckdb-values.js';
import { CONTINUED_TRACES } from './trace-part-compaction.js';

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
  // Token and step counts from the steps, one row per pricing status (FILTERed sums over every
  // step cost ~150 ms at 10M steps against ~100); money from the per-trace roll-up, whose parts
  // sum the same counted, priced costs (signed parts move changed usage decisions), so summing its
  // parts replaces summing every step's DECIMAL (at 8M steps ~200 ms of the ~400).
  const counts = await c.runAndReadAll(
    `SELECT pricing_status, count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0)
     FROM steps WHERE usage_counted GROUP BY ALL`,
  );
  // Spend is every part's cost; unattributed spend the parts of traces with no linking span in
  // any part: the unlinked parts, less those of continued traces linked in another part. Merging
  // every trace into one row first (ROLLED_UP_TRACES) cost ~245 ms at 1.3M traces against ~145.
  const money = await c.runAndReadAll(
    `SELECT (SELECT coalesce(sum(cost), 0::DECIMAL(38, 15)) FROM trace_parts),
       (SELECT coalesce(sum(cost), 0::DECIMAL(38, 15)) FROM trace_parts
        WHERE work_unit_id IS NULL AND trace_id NOT IN (
          SELECT trace_id FROM trace_parts
          WHERE work_unit_id IS NOT NULL AND trace_id IN (${CONTINUED_TRACES})))`,
  );
  const [cost, unattributed] = money.getRows()[0] ?? [];
  const totals: SpendTotals = {
    steps: 0,
    costFemto: femto(cost),
    inputTokens: 0,
    outputTokens: 0,
    unpricedSteps: 0,
    unpricedInputTokens: 0,
    unpricedOutputTokens: 0,
    usageUnknownSteps: 0,
    unattributedCostFemto: femto(unattributed),
  };
  for (const [status, steps, input, output] of counts.getRows()) {
    totals.steps += int(steps);
    totals.inputTokens += int(input);
    totals.outputTokens += int(output);
    if (status === 'unpriced') {
      totals.unpricedSteps += int(steps);
      totals.unpricedInputTokens += int(input);
      totals.unpricedOutputTokens += int(output);
    }
    if (status === 'usage_unknown') totals.usageUnknownSteps += int(steps);
  }
  return totals;
}
