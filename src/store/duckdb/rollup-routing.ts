/**
 * Which kept roll-ups a read of the store is answered from, brought up to date before it reads
 * them: the unit roll-up always, and the derived ones (derived-rollup.ts) the read needs — the
 * waste roll-up for waste and flow, the comparison's, the allocation's, and the attribute roll-up
 * for any read filtered or grouped on business attributes it keeps. A read the roll-ups cannot
 * answer (a key they do not keep, a filter on a step's model, tool or rule, the no-workflow
 * bucket) reads the steps instead.
 */

import type { UnitQuery } from '../store.js';
import type { CompareQuery, WorkUnitSearch } from '../trajectory-queries.js';
import type { WasteQuery } from '../waste-facts.js';
import { keptAttributeKey } from './attribute-rollup-sql.js';
import { comparableFromRollup } from './compare-rollup-reads.js';
import {
  ALLOCATION_ROLLUP,
  ATTRIBUTE_ROLLUP,
  COMPARE_ROLLUP,
  type DerivedRefresh,
  type DerivedRollup,
  WASTE_ROLLUP,
} from './derived-rollup.js';
import { readsKeptAttributes } from './unit-report.js';
import type { UnitRollup } from './unit-rollup.js';
import { searchableFromRollups } from './work-unit-search.js';

/** The roll-ups derived per unit, by the name a drift check or a benchmark takes. */
export const DERIVED = {
  waste: WASTE_ROLLUP,
  compare: COMPARE_ROLLUP,
  attributes: ATTRIBUTE_ROLLUP,
  allocation: ALLOCATION_ROLLUP,
};
export type DerivedName = keyof typeof DERIVED;

const hasAttributes = (attributes: Readonly<Record<string, string>> | undefined) =>
  Object.keys(attributes ?? {}).length > 0;

export class RollupRouting {
  /**
   * False: every read from the steps and the traces' JSON instead, the reference that tests and
   * benchmarks compare the roll-ups with.
   */
  readsRollups = true;

  /** `rollup` throws before the store is migrated; `version` is the store's write version. */
  constructor(
    private readonly rollup: () => UnitRollup,
    private readonly version: () => number,
  ) {}

  /** Brings the unit roll-up and `derived` up to date with every committed write. */
  async refresh(...derived: DerivedRollup[]): Promise<UnitRollup> {
    const rollup = this.rollup();
    await rollup.refresh(this.version(), derived);
    return rollup;
  }

  /** What the last refresh of a derived roll-up did (for benchmarks and tests). */
  last(which: DerivedName): DerivedRefresh | null {
    return this.rollup().lastDerived.get(DERIVED[which]) ?? null;
  }

  /** Before a unit report; whether it reads its attributes from the attribute roll-up. */
  async forUnits(query: Pick<UnitQuery, 'attribute' | 'groupBy'>): Promise<boolean> {
    const kept = readsKeptAttributes(query, this.readsRollups);
    await (kept ? this.refresh(ATTRIBUTE_ROLLUP) : this.refresh());
    return kept;
  }

  /** Before a waste or flow read; whether it reads the roll-ups. */
  async forWaste(query: WasteQuery): Promise<boolean> {
    const { attribute } = query;
    if (!this.readsRollups) return false;
    if (attribute === undefined) await this.refresh(WASTE_ROLLUP);
    else if (keptAttributeKey(attribute.key)) await this.refresh(WASTE_ROLLUP, ATTRIBUTE_ROLLUP);
    else return false;
    return true;
  }

  /** Before a work-unit search; whether it reads the roll-ups. */
  async forSearch(search: WorkUnitSearch): Promise<boolean> {
    if (!this.readsRollups || !searchableFromRollups(search)) return false;
    await (hasAttributes(search.attributes) ? this.refresh(ATTRIBUTE_ROLLUP) : this.refresh());
    return true;
  }

  /** Before a success/failure comparison; whether it reads the roll-ups. */
  async forCompare(query: CompareQuery): Promise<boolean> {
    if (!this.readsRollups || !comparableFromRollup(query)) return false;
    if (hasAttributes(query.attributes)) await this.refresh(COMPARE_ROLLUP, ATTRIBUTE_ROLLUP);
    else await this.refresh(COMPARE_ROLLUP);
    return true;
  }

  /** Before an allocation read (attempt histories); whether it reads the roll-up. */
  async forAllocation(): Promise<boolean> {
    if (this.readsRollups) await this.refresh(ALLOCATION_ROLLUP);
    return this.readsRollups;
  }
}
