/**
 * The marginal view per model on comparable steps (same workflow, same step name) and per
 * context-size band: attempt success rate and cost, each flagged when the evidence is thin.
 */
import { divideHalfEven, femtoToUsdString } from '../../domain/index.js';
import type { ContextBandStats, StepModelStats } from '../../store/index.js';

/** Below this many attempts a rate is shown but called out as too little evidence. */
export const MIN_EVIDENCE_ATTEMPTS = 30;

export interface ModelTierView {
  model: string;
  provider: string | null;
  calls: number;
  attempts: number;
  /** Successful attempts that made this call ÷ attempts that made it. */
  successRate: number | null;
  /** Counted cost ÷ priced calls (exact); null when no call was priced. */
  costPerCallUsd: string | null;
  enoughEvidence: boolean;
}

export interface StepTierView {
  step: string;
  /** Cheapest per call first. */
  models: ModelTierView[];
}

export interface ContextBandView {
  band: string;
  attempts: number;
  successRate: number | null;
  costPerAttemptUsd: string | null;
  enoughEvidence: boolean;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function stepTierView(steps: readonly StepModelStats[]): StepTierView[] {
  const byStep = new Map<string, ModelTierView[]>();
  for (const s of steps) {
    const models = byStep.get(s.step) ?? [];
    models.push({
      model: s.model,
      provider: s.provider,
      calls: s.calls,
      attempts: s.attempts,
      successRate: rate(s.succeededAttempts, s.attempts),
      costPerCallUsd:
        s.pricedCalls === 0
          ? null
          : femtoToUsdString(divideHalfEven(s.costFemto, BigInt(s.pricedCalls))),
      enoughEvidence: s.attempts >= MIN_EVIDENCE_ATTEMPTS,
    });
    byStep.set(s.step, models);
  }
  const perCall = (m: ModelTierView) =>
    m.costPerCallUsd === null ? Number.POSITIVE_INFINITY : Number(m.costPerCallUsd);
  return [...byStep.entries()].map(([step, models]) => ({
    step,
    models: models.sort((a, b) => perCall(a) - perCall(b) || a.model.localeCompare(b.model)),
  }));
}

export function contextBandView(bands: readonly ContextBandStats[]): ContextBandView[] {
  return bands.map((b) => ({
    band: b.band,
    attempts: b.attempts,
    successRate: rate(b.succeeded, b.attempts),
    costPerAttemptUsd:
      b.attempts === 0 ? null : femtoToUsdString(divideHalfEven(b.costFemto, BigInt(b.attempts))),
    enoughEvidence: b.attempts >= MIN_EVIDENCE_ATTEMPTS,
  }));
}
