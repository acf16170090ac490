/**
 * Pure unit-economics formulas (economics.md §9 F2–F9): expected attempts, cost per flow, loaded
 * labour, retry caps, pass^k, routing, context tax, cost spread. No I/O, no store.
 */
export type { CacheBreakEven } from './cache-break-even.js';
export { cacheBreakEven } from './cache-break-even.js';
export type { AgentLoopInput } from './context-tax.js';
export {
  agentLoopCost,
  cacheHitRatio,
  contextTaxRatio,
  cumulativeUncachedInput,
} from './context-tax.js';
export { costOfPass, frontierCostOfPass } from './cost-of-pass.js';
export type { FlowCostInput, GrowingAttemptCostInput } from './cost-per-flow.js';
export {
  aiOnlyCostPerAiSuccess,
  expectedCostPerFlow,
  expectedCostPerFlowWithHistory,
} from './cost-per-flow.js';
export type { CappedAttempts } from './expected-attempts.js';
export { cappedAttempts } from './expected-attempts.js';
export type {
  HumanComparison,
  ResolvedOutcomeCost,
  ResolvedOutcomeCostInput,
} from './loaded-labor.js';
export {
  BLS_ECEC_PRIVATE_JUNE_2025,
  compareWithHuman,
  compensationMultiplier,
  costPerResolvedOutcome,
  loadedHourlyRate,
} from './loaded-labor.js';
export type { TaskSuccessSpread, TaskTrials } from './pass-k.js';
export { passHatK, taskSuccessSpread } from './pass-k.js';
export type { AmountSpread } from './percentiles.js';
export { coefficientOfVariation, nearestRank, spreadOfAmounts } from './percentiles.js';
export { divideFemto, femtoRatio, ratio, relativeChange } from './ratios.js';
export type {
  AttemptCounts,
  AttemptMarginalValue,
  CapCost,
  RetryCapAnalysis,
  RetryCapInput,
} from './retry-cap.js';
export { conditionalSuccessRates, evaluateRetryCaps } from './retry-cap.js';
export type { CascadeInput, Route, RouteWithSuccess } from './routing.js';
export {
  blendedRoutingCost,
  cascadeBreakEvenAcceptance,
  cascadeCost,
  qualityAdjustedCostPerSuccess,
} from './routing.js';
