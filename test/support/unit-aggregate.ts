/** A `UnitAggregate` of zeros with some fields set, for analysis tests. */
import type { UnitAggregate } from '../../src/store/index.js';

export function aggregate(fields: Partial<UnitAggregate>): UnitAggregate {
  return {
    group: 'claims-adjudication',
    workflow: 'claims-adjudication',
    units: 0,
    unitsWithOutcome: 0,
    resolvedUnits: 0,
    aiResolvedUnits: 0,
    humanResolvedUnits: 0,
    bpoResolvedUnits: 0,
    handedOffUnits: 0,
    firstPassUnits: 0,
    attempts: 0,
    tokenCostFemto: 0n,
    retryCostFemto: 0n,
    failedCostFemto: 0n,
    outcomeCostFemto: 0n,
    humanMinutes: 0,
    statedValueFemto: 0n,
    resolvedWithoutValue: 0,
    unitCostP50Femto: null,
    unitCostP95Femto: null,
    unitCostMaxFemto: null,
    unitCostMinFemto: null,
    unpricedSteps: 0,
    usageUnknownSteps: 0,
    firstSeenUnixNano: null,
    lastSeenUnixNano: null,
    ...fields,
  };
}
