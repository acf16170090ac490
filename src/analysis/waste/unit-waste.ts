/**
 * Waste per work unit: every unit of a workflow with its dollars per class, in one read (the
 * store groups its sums and call groups per unit; references and success rates stay per
 * workflow). This is what a `wasteClass=` search filter asks: which units carry that class.
 */
import type { FemtoUsd } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';
import { WASTE_CLASSES, type WasteClass } from './definitions.js';
import { pricedSums, wastePricing } from './price-waste.js';

export interface UnitWasteQuery {
  workflow: string;
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  /** Only this unit (the map then holds at most one entry). */
  workUnitId?: string;
}

/** Judged units of the workflow → dollars per class (0 where the unit has none of it). */
export async function unitWasteSplits(
  store: Store,
  book: PriceBook,
  query: UnitWasteQuery,
): Promise<Map<string, Record<WasteClass, FemtoUsd>>> {
  const facts = await store.readWasteFacts({ ...query, byUnit: true }, wastePricing(book));
  const splits = new Map<string, Record<WasteClass, FemtoUsd>>();
  const of = (unit: string) => {
    let split = splits.get(unit);
    if (!split) {
      split = Object.fromEntries(WASTE_CLASSES.map((c) => [c, 0n])) as Record<WasteClass, FemtoUsd>;
      splits.set(unit, split);
    }
    return split;
  };
  for (const sums of facts.workflows) {
    if (sums.workUnitId === null || sums.pendingUnits > 0) continue;
    const split = of(sums.workUnitId);
    split.failedAttempts += sums.failedFemto;
    split.abandoned += sums.abandonedFemto;
    split.loops += sums.loopFemto;
  }
  for (const priced of pricedSums(facts, new Map())) {
    if (priced.workUnitId !== null) of(priced.workUnitId)[priced.wasteClass] += priced.waste;
  }
  return splits;
}

/** The units of the split that carry `wasteClass` (more than $0 of it). */
export function unitsWithWaste(
  splits: ReadonlyMap<string, Record<WasteClass, FemtoUsd>>,
  wasteClass: WasteClass,
): string[] {
  return [...splits].filter(([, split]) => split[wasteClass] > 0n).map(([unit]) => unit);
}
