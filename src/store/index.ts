/** The store module's public surface: the contract types and `openStore`. */
export { openStore, type StoreConfig } from './open-store.js';
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
export type { UnitAggregate } from './unit-aggregate.js';
