/**
 * The spend flow the store hands the analysis: token spend of work units per workflow, model and
 * attempt verdict, with the units chosen like the waste analysis chooses them (docs/metrics.md
 * "Spend flow"), so its failed, abandoned and awaiting spend equal the waste classes exactly.
 */
import type { FemtoUsd } from '../domain/index.js';

/** resolved = the attempt that produced an AI resolution; the others as the waste classes name them. */
export const FLOW_VERDICTS = [
  'resolved',
  'failedAttempts',
  'abandoned',
  'awaitingOutcome',
] as const;
export type FlowVerdict = (typeof FLOW_VERDICTS)[number];

export interface SpendFlowRow {
  workflow: string;
  /** The step's model; null for priced steps that name none. */
  model: string | null;
  verdict: FlowVerdict;
  /** Priced spend of counted steps, exact. */
  costFemto: FemtoUsd;
  steps: number;
}
