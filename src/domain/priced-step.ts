/**
 * A step with its computed cost, and a stored step with the trace-wide decision on whether its
 * usage counts towards spend.
 */
import type { FemtoUsd } from './money.js';
import type { Step } from './step.js';

/**
 * `priced`: cost computed from a price. `unpriced`: usage but no price known: cost unknown,
 * never zero. `usage_unknown`: a model call (llm, embedding) that reported no token counts, as
 * streamed calls often do: cost unknown, never zero. `no_usage`: nothing was consumed (tools,
 * agents without usage): cost 0.
 */
export type PricingStatus = 'priced' | 'unpriced' | 'usage_unknown' | 'no_usage';

export interface StepCost {
  pricingStatus: PricingStatus;
  /** Exact cost when `priced`, 0n when `no_usage`, null (unknown) otherwise. */
  costFemto: FemtoUsd | null;
  inputCostFemto: FemtoUsd | null;
  outputCostFemto: FemtoUsd | null;
  /** Where the price came from: `catalog` (genai-prices) or `override` (the user's price file). */
  priceSource: 'catalog' | 'override' | null;
  /** The price entry that priced it: catalog `provider/model-id`, or the override's id. */
  priceId: string | null;
  /** Catalog package version or the override file's declared version. */
  priceVersion: string | null;
}

export interface PricedStep extends Step {
  cost: StepCost;
}

/**
 * Why a step's usage is left out of spend, because it repeats usage counted on other steps:
 * `rolled_up` (a sum of spans below it), `stacked_duplicate` (a second instrumentation's span of
 * the same call), `duplicate_response` (another span with the same provider response id).
 */
export type UsageExclusion = 'rolled_up' | 'stacked_duplicate' | 'duplicate_response';

export interface StoredStep extends PricedStep {
  /** true when this step's tokens and cost count towards totals. */
  usageCounted: boolean;
  usageExclusion: UsageExclusion | null;
}
