/**
 * The outcome-record storage contract: append-only records of what became of each work unit, and
 * each unit's latest record (its outcome). Every engine implements it and passes
 * `outcome-store.contract.ts` unchanged.
 */
import type { Outcome } from '../domain/index.js';

/** Narrows `latestOutcomes`; both filters combine with AND. */
export interface LatestOutcomeFilter {
  workflow?: string;
  /** Units with one of these ids (in any workflow unless `workflow` is given); empty → none. */
  workUnitIds?: readonly string[];
}

export interface OutcomeStore {
  /**
   * Appends the records in their array order; none is deduplicated or overwritten. When the promise
   * resolves they are committed (durable). Concurrent calls may share one transaction (group commit):
   * each call resolves only once the transaction holding its records has committed.
   */
  insertOutcomes(records: readonly Outcome[]): Promise<{ inserted: number }>;
  /**
   * The latest record of each (workflow, workUnitId): the greatest `occurredAtUnixNano`; among
   * records with equal `occurredAtUnixNano`, the one stored last (a later call, or later in the same
   * call's array). A record stored later with an earlier `occurredAt` does not supersede.
   * Ordered by workflow, then workUnitId.
   */
  latestOutcomes(filter?: LatestOutcomeFilter): Promise<Outcome[]>;
  /** Records stored, superseded ones included. */
  countOutcomes(): Promise<number>;
}
