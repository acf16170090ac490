/**
 * Observed attempt histories of a workflow, as the store returns them for the marginal-value
 * analysis: per attempt number, per (step, model) and per context-size band. Money is exact.
 * Attempts, success and units follow docs/metrics.md ("Work units, attempts, outcomes").
 */
import type { FemtoUsd } from '../domain/index.js';

export interface AttemptNumberStats {
  /** k = 1, 2, …: the k-th attempt of a unit, attempts ordered by their first span. */
  attempt: number;
  /** Decided units that made attempt k. */
  reached: number;
  /** Of those, units AI-resolved on attempt k (their last attempt). */
  succeeded: number;
  /** Counted token cost of every k-th attempt (divide by `reached` for the mean). */
  costFemto: FemtoUsd;
  /**
   * Minutes people spent on these attempts: `human` step minutes of every k-th attempt, plus the
   * outcome's human minutes (reviews, fixes) of units AI-resolved at k. Minutes of units that
   * went to people after failing are the fallback's, not the AI's.
   */
  humanMinutes: number;
}

/** One step name run on one model within a workflow (model calls only). */
export interface StepModelStats {
  /** The step name: `tokenledger.step.name`, else `traceloop.entity.name`, else the span name. */
  step: string;
  model: string;
  provider: string | null;
  calls: number;
  /** Attempts (of decided units) that made at least one such call. */
  attempts: number;
  /** Of those, the successful attempts. */
  succeededAttempts: number;
  /** Counted cost of the priced calls. */
  costFemto: FemtoUsd;
  pricedCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

export const CONTEXT_BANDS = ['<4k', '4k-16k', '16k-64k', '>=64k'] as const;
export type ContextBand = (typeof CONTEXT_BANDS)[number];

/** Attempts grouped by the largest input of any one model call they made. */
export interface ContextBandStats {
  band: ContextBand;
  attempts: number;
  succeeded: number;
  costFemto: FemtoUsd;
}

export interface AttemptHistory {
  workflow: string;
  /** Units with an outcome and at least one attempt (pending units are left out). */
  units: number;
  /** Units with an outcome whose attempts the AI resolved. */
  aiResolvedUnits: number;
  attempts: AttemptNumberStats[];
  steps: StepModelStats[];
  contextBands: ContextBandStats[];
  firstSeenUnixNano: bigint | null;
  lastSeenUnixNano: bigint | null;
}

export interface AttemptHistoryQuery {
  workflow?: string;
  /** Units whose first attempt started in [from, to). */
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
}
