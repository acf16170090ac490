/** Spend totals and the models that could not be priced, ready for the API and the CLI. */
import { femtoToUsdNumber, femtoToUsdString } from '../domain/index.js';
import type { Store } from '../store/index.js';

export interface UnpricedModelView {
  model: string | null;
  provider: string | null;
  steps: number;
  inputTokens: number;
  outputTokens: number;
  firstSeen: string;
  lastSeen: string;
}

export async function listUnpricedModels(store: Store): Promise<UnpricedModelView[]> {
  const rows = await store.listUnpricedModels();
  return rows.map((row) => ({
    model: row.model,
    provider: row.provider,
    steps: row.steps,
    inputTokens: row.inputTokens,
    outputTokens: row.outputTokens,
    firstSeen: new Date(Number(row.firstSeenUnixNano / 1_000_000n)).toISOString(),
    lastSeen: new Date(Number(row.lastSeenUnixNano / 1_000_000n)).toISOString(),
  }));
}

export interface SpendView {
  steps: number;
  costUsd: number;
  costUsdExact: string;
  inputTokens: number;
  outputTokens: number;
  unpricedSteps: number;
  unpricedInputTokens: number;
  unpricedOutputTokens: number;
  usageUnknownSteps: number;
  attributedCostUsd: number;
  unattributedCostUsd: number;
}

export async function buildSpendView(store: Store): Promise<SpendView> {
  const totals = await store.getSpendTotals();
  return {
    steps: totals.steps,
    costUsd: femtoToUsdNumber(totals.costFemto),
    costUsdExact: femtoToUsdString(totals.costFemto),
    inputTokens: totals.inputTokens,
    outputTokens: totals.outputTokens,
    unpricedSteps: totals.unpricedSteps,
    unpricedInputTokens: totals.unpricedInputTokens,
    unpricedOutputTokens: totals.unpricedOutputTokens,
    usageUnknownSteps: totals.usageUnknownSteps,
    attributedCostUsd: femtoToUsdNumber(totals.costFemto - totals.unattributedCostFemto),
    unattributedCostUsd: femtoToUsdNumber(totals.unattributedCostFemto),
  };
}
