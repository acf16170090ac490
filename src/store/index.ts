/** The store module's public surface: the contract types and `openStore`. */
export { openStore, type StoreConfig } from './open-store.js';
export type {
  BackendKind,
  InsertResult,
  SpendTotals,
  Store,
  UnitQuery,
  UnpricedModel,
} from './store.js';
export type { UnitAggregate } from './unit-aggregate.js';
export type {
  BloatGroup,
  CacheMissGroup,
  OverPoweredGroup,
  OverPoweredRoute,
  RoutingFacts,
  StepCallGroup,
  StepModelRate,
  StepReference,
  TokenCounts,
  WasteExample,
  WasteFacts,
  WasteQuery,
  WorkflowWasteSums,
} from './waste-facts.js';
