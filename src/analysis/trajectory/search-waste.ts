/**
 * The `wasteClass=` filter of the work-unit search: waste needs pricing, so the analysis finds
 * the units carrying the class (one per-unit waste read) and the store search narrows to them.
 */
import type { FemtoUsd } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store, WorkUnitSearch } from '../../store/index.js';
import { unitWasteSplits, type WasteClass } from '../waste/index.js';

export interface WasteFilter {
  wasteClass: WasteClass;
  /** Only units with at least this much of the class; units with none never match. */
  minWasteFemto?: FemtoUsd;
}

/** A search as the API takes it: the store's filters plus the analysis's waste filter. */
export type SearchRequest = WorkUnitSearch & { waste?: WasteFilter };

/** The store search narrowed to the units carrying the class, and each such unit's dollars of it. */
export async function narrowToWaste(
  store: Store,
  book: PriceBook,
  search: WorkUnitSearch,
  filter: WasteFilter,
): Promise<{ search: WorkUnitSearch; wasteOf: ReadonlyMap<string, FemtoUsd> }> {
  const splits = await unitWasteSplits(store, book, {
    workflow: search.workflow,
    ...(search.fromUnixNano !== undefined ? { fromUnixNano: search.fromUnixNano } : {}),
    ...(search.toUnixNano !== undefined ? { toUnixNano: search.toUnixNano } : {}),
  });
  const floor =
    filter.minWasteFemto !== undefined && filter.minWasteFemto > 1n ? filter.minWasteFemto : 1n;
  const wasteOf = new Map<string, FemtoUsd>();
  for (const [unit, split] of splits) {
    const femto = split[filter.wasteClass];
    if (femto >= floor) wasteOf.set(unit, femto);
  }
  return { search: { ...search, workUnitIds: [...wasteOf.keys()] }, wasteOf };
}
