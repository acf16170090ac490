/**
 * Public surface of pricing: Step → StepCost from the bundled genai-prices catalog and the user's
 * price file, with exact bigint arithmetic. Imports only `domain`; never fetches anything.
 */

export { catalogModelNames } from './catalog-model-names.js';
export {
  type CallCost,
  type CallCostOptions,
  computeCallCost,
  rateAt,
} from './compute-call-cost.js';
export { normalizeModelName } from './normalize-model-name.js';
export { createPriceBook, DEFAULT_SERVICE_TIERS, type PriceBook } from './price-book.js';
export {
  loadPriceOverrides,
  type PriceOverrideEntry,
  type PriceOverrides,
  PriceOverridesError,
  parsePriceOverrides,
} from './price-overrides.js';
export type { PriceRates, ResolvedPrice, TieredRate } from './resolved-price.js';
