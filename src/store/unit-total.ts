/**
 * A unit aggregation that also answers the total over all its units, from the same scan: a
 * workflow's overall figures and its daily series without reading its units twice.
 */
import type { UnitQuery } from './store.js';
import type { UnitAggregate } from './unit-aggregate.js';

/** Groupings that put each unit in exactly one group, so the groups add up to the total. */
export type UnitPartition = Exclude<
  UnitQuery['groupBy'],
  { kind: 'attribute' } | { kind: 'attributes' }
>;

export interface UnitTotalQuery extends Omit<UnitQuery, 'groupBy'> {
  groupBy: UnitPartition;
}

export interface UnitGroupsWithTotal {
  /**
   * The figures over every unit of the query, as one group would give them; its `group` is the
   * query's workflow when set, else `(all units)`. Null when no unit matches.
   */
  total: UnitAggregate | null;
  groups: UnitAggregate[];
}

/** The total's group when the query names no workflow. */
export const ALL_UNITS_GROUP = '(all units)';
