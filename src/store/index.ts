/** The store module's public surface: the contract types and `openStore`. */

export type {
  AttemptHistory,
  AttemptHistoryQuery,
  AttemptNumberStats,
  ContextBand,
  ContextBandStats,
  StepModelStats,
} from './attempt-history.js';
export { CONTEXT_BANDS } from './attempt-history.js';
export {
  type CostBand,
  type CostDistribution,
  type CostDistributionQuery,
  geometricEdges,
} from './cost-distribution.js';
/** The installed package's root (where package.json is): migrations and the built dashboard live there. */
export { findPackageRoot } from './duckdb/migrate.js';
export { openStore, type StoreConfig } from './open-store.js';
export {
  FLOW_VERDICTS,
  type FlowVerdict,
  type SpendFlowRow,
} from './spend-flow.js';
export type {
  BackendKind,
  FocusExportQuery,
  FocusExportResult,
  InsertResult,
  SpendTotals,
  Store,
  UnitQuery,
  UnpricedModel,
} from './store.js';
export { StoreClosedError } from './store.js';
export * from './trajectory-queries.js';
export type { UnitAggregate } from './unit-aggregate.js';
export {
  ALL_UNITS_GROUP,
  type UnitGroupsWithTotal,
  type UnitPartition,
  type UnitTotalQuery,
} from './unit-total.js';
export type {
  CallRateBand,
  CallRates,
  InputPricedGroup,
  InputPricedSums,
  InputRates,
  OverPoweredRoute,
  RateKey,
  RoutePricedGroup,
  RoutePricedSums,
  RoutingFacts,
  StepCallGroup,
  StepModelRate,
  StepReference,
  TokenCounts,
  WasteExample,
  WasteFacts,
  WastePricing,
  WasteQuery,
  WorkflowWasteSums,
} from './waste-facts.js';
export { SHORT_OUTPUT_TOKENS } from './waste-facts.js';
