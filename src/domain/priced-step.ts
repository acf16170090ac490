/**
 * A step with its computed cost, and a stored step with the trace-wide decision on whether its
 * usage counts towards spend.
 */
import type { FemtoUsd } from './money.js';
import type { Step } from './step.js';

/**
 * `priced`: cost computed from a price. `unpriced`: usage but no price known: cost unknown,
 * never zero. `no_usage`: nothing to price (tools, agents without usage).
 */
export type PricingStatus = 'priced' | 'unpriced' | 'no_usage';

export interface StepCost {
  pricingStatus: PricingStatus;
  /** null unless `priced`. */
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

/** Why a step's usage is left out of spend: it repeats usage counted on other steps. */
export type UsageExclusion = 'rolled_up' | 'duplicate_response';

export interface StoredStep extends PricedStep {
  /** true when this step's tokens and cost count towards totals. */
  usageCounted: boolean;
  usageExclusion: UsageExclusion | null;
}
