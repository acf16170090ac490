/** Waste in dollars per class with its evidence, and the routing counterfactual. */
export * from './definitions.js';
export type { RouteEvidence, WasteEvidence, WorkflowWaste } from './price-waste.js';
export { priceWaste } from './price-waste.js';
export { decideOverPoweredRoutes, succeedsAsOften } from './route-decision.js';
export { routingWhatIf, type WhatIfInput } from './routing-what-if.js';
export { type UnitWasteQuery, unitsWithWaste, unitWasteSplits } from './unit-waste.js';
export {
  analyzeWaste,
  toWasteSplit,
  toWasteView,
  unitWaste,
  wasteSentence,
} from './waste-report.js';
export type WasteView = ReturnType<typeof import('./waste-report.js').toWasteView>;
export type WhatIfView = NonNullable<
  Awaited<ReturnType<typeof import('./routing-what-if.js').routingWhatIf>>
>;
