/**
 * The business result of a work unit, as the outcomes API and CSV import record it. The latest
 * record of a unit (by `occurredAt`, then arrival) supersedes earlier ones. See docs/metrics.md.
 */
import type { FemtoUsd } from './money.js';

export const OUTCOME_STATUSES = ['resolved', 'failed', 'escalated', 'abandoned'] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const RESOLVERS = ['ai', 'human', 'bpo'] as const;
export type Resolver = (typeof RESOLVERS)[number];

export interface Outcome {
  workUnitId: string;
  workflow: string;
  status: OutcomeStatus;
  /** Who produced the result; null when not resolved and not said. */
  resolvedBy: Resolver | null;
  /** Total human minutes on the unit (review + correction when given separately). */
  humanMinutes: number;
  reviewMinutes: number | null;
  correctionMinutes: number | null;
  overridden: boolean;
  /** Business value of this outcome, when the record states one (else the workflow's baseline). */
  valueFemto: FemtoUsd | null;
  /** Business attributes of the unit: team, customer, segment, any key. */
  attributes: Record<string, string>;
  occurredAtUnixNano: bigint;
}
