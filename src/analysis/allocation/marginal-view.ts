/**
 * The marginal value of spend in one workflow: the observed success of attempt k given that the
 * earlier ones failed (hard units stay hard, so no i.i.d. p), what each further attempt costs and
 * saves against the cheaper fallback, and the retry cap that minimises expected cost per unit.
 * Definitions: docs/metrics.md "Marginal value of spend".
 */
import {
  divideHalfEven,
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
  type WorkflowBaseline,
} from '../../domain/index.js';
import type { AttemptHistory } from '../../store/index.js';
import { conditionalSuccessRates, evaluateRetryCaps } from '../economics/index.js';
import { laborCost } from '../workflow-economics.js';
import { expectedUsd } from './expected-usd.js';
import { chooseFallback, type FallbackChoice } from './fallback.js';
import {
  type ContextBandView,
  contextBandView,
  MIN_EVIDENCE_ATTEMPTS,
  type StepTierView,
  stepTierView,
} from './tiers.js';

export interface AttemptPoint {
  attempt: number;
  reached: number;
  succeeded: number;
  /** P(attempt k succeeds | attempts 1..k−1 failed) = succeeded ÷ reached. */
  conditionalSuccessRate: number;
  /** Mean cost of a k-th attempt: tokens, fixed cost and people's minutes (exact). */
  attemptCostUsd: string;
  /** P(a unit reaches attempt k) under the observed conditional rates. */
  reachProbability: number;
  /** Per unit: reach × attempt cost. */
  expectedCostUsd: string;
  /** Per unit: reach × rate × fallback cost (null without a fallback). */
  fallbackSavingUsd: string | null;
  /** Saving − cost; positive means this attempt pays for itself. */
  netValueUsd: string | null;
  enoughEvidence: boolean;
}

export interface CapOption {
  cap: number;
  expectedCostPerUnitUsd: string;
  expectedAttempts: number;
  fallbackProbability: number;
}

export interface RetryCapView {
  caps: CapOption[];
  optimalCap: number;
  /** Most attempts any decided unit made: the cap in force today. */
  observedMaxAttempts: number;
  /** Per unit, expected cost at the observed cap − at the optimal cap (≥ 0). */
  savingPerUnitUsd: string;
}

export interface MarginalView {
  workflow: string;
  units: number;
  aiResolvedUnits: number;
  attemptCurve: AttemptPoint[];
  fallback: FallbackChoice | null;
  retryCaps: RetryCapView | null;
  modelTiers: StepTierView[];
  contextBands: ContextBandView[];
  /** Plain sentences on what the data cannot support. */
  evidence: string[];
}

/**
 * Mean cost of a k-th attempt: tokens, the fixed cost per attempt, and the people's minutes it
 * took at the loaded rate (human steps, and reviews of the units it resolved: folding the review
 * into the attempt as sₖ × review keeps the expected cost per unit exact).
 */
export function attemptCostsFemto(
  history: AttemptHistory,
  baseline: WorkflowBaseline | null,
): FemtoUsd[] {
  const fixed = baseline?.fixedCostPerAttemptFemto ?? 0n;
  const rate = baseline?.loadedHourlyRateFemto ?? null;
  return history.attempts
    .filter((a) => a.reached > 0)
    .map((a) => {
      const labour = rate === null ? 0n : laborCost(a.humanMinutes, rate);
      return divideHalfEven(a.costFemto + labour, BigInt(a.reached)) + fixed;
    });
}

export function buildMarginalView(
  history: AttemptHistory,
  baseline: WorkflowBaseline | null,
): MarginalView {
  const fallback = chooseFallback(baseline);
  const rates = conditionalSuccessRates(history.attempts);
  const costs = attemptCostsFemto(history, baseline).slice(0, rates.length);
  const fallbackUsd = fallback === null ? 0 : Number(fallback.costPerUnitUsd);
  const analysis = evaluateRetryCaps({
    conditionalSuccessRates: rates,
    attemptCostUsd: costs.map(femtoToUsdNumber),
    fallbackCostUsd: fallbackUsd,
  });
  const attemptCurve = rates.map((rate, i): AttemptPoint => {
    const counts = history.attempts[i] ?? { attempt: i + 1, reached: 0, succeeded: 0 };
    const m = analysis.marginal[i];
    return {
      attempt: counts.attempt,
      reached: counts.reached,
      succeeded: counts.succeeded,
      conditionalSuccessRate: rate,
      attemptCostUsd: femtoToUsdString(costs[i] ?? 0n),
      reachProbability: m?.reachProbability ?? 0,
      expectedCostUsd: expectedUsd(m?.expectedCostUsd ?? 0),
      fallbackSavingUsd: fallback === null ? null : expectedUsd(m?.fallbackSavingUsd ?? 0),
      netValueUsd: fallback === null ? null : expectedUsd(m?.netValueUsd ?? 0),
      enoughEvidence: counts.reached >= MIN_EVIDENCE_ATTEMPTS,
    };
  });
  const evidence: string[] = [];
  const thin = attemptCurve.filter((p) => !p.enoughEvidence);
  if (thin.length > 0)
    evidence.push(
      `Too little evidence for attempt${thin.length > 1 ? 's' : ''} ${thin.map((p) => p.attempt).join(', ')}: ` +
        `fewer than ${MIN_EVIDENCE_ATTEMPTS} units reached ${thin.length > 1 ? 'them' : 'it'}, so ${thin.length > 1 ? 'their rates are' : 'its rate is'} indicative only.`,
    );
  let retryCaps: RetryCapView | null = null;
  if (fallback === null) {
    evidence.push(
      'No fallback cost: the baseline sets neither labour minutes with a loaded hourly rate nor a BPO price, so no retry cap can be priced.',
    );
  } else if (rates.length > 0) {
    const observed = rates.length;
    const at = (cap: number) => analysis.caps[cap]?.expectedCostUsd ?? 0;
    retryCaps = {
      caps: analysis.caps.map((c) => ({
        cap: c.cap,
        expectedCostPerUnitUsd: expectedUsd(c.expectedCostUsd),
        expectedAttempts: c.expectedAttempts,
        fallbackProbability: c.fallbackProbability,
      })),
      optimalCap: analysis.optimalCap,
      observedMaxAttempts: observed,
      savingPerUnitUsd: expectedUsd(Math.max(0, at(observed) - at(analysis.optimalCap))),
    };
  }
  const modelTiers = stepTierView(history.steps);
  const contextBands = contextBandView(history.contextBands);
  if (modelTiers.every((s) => s.models.length < 2))
    evidence.push(
      'No step of this workflow ran on more than one model, so models cannot be compared.',
    );
  for (const s of modelTiers)
    for (const m of s.models)
      if (!m.enoughEvidence && s.models.length > 1)
        evidence.push(
          `Step ${s.step} on ${m.model}: ${m.attempts} attempts, fewer than ${MIN_EVIDENCE_ATTEMPTS}; too little evidence to compare it.`,
        );
  for (const b of contextBands)
    if (!b.enoughEvidence)
      evidence.push(
        `Context band ${b.band}: ${b.attempts} attempts, fewer than ${MIN_EVIDENCE_ATTEMPTS}; too little evidence for its success rate.`,
      );
  return {
    workflow: history.workflow,
    units: history.units,
    aiResolvedUnits: history.aiResolvedUnits,
    attemptCurve,
    fallback,
    retryCaps,
    modelTiers,
    contextBands,
    evidence,
  };
}
