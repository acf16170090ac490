/**
 * Reroute recommendations: a step of a workflow moved to a cheaper model that succeeds about as
 * often. The rule turning candidates into recommendations is pure; the finder prices both models
 * with the price book at the same token counts (the from-model's mean call) so that only the
 * price differs.
 */
import {
  type FemtoUsd,
  femtoToUsdString,
  multiplyFemto,
  type TokenUsage,
} from '../../domain/index.js';
import { computeCallCost, type PriceBook } from '../../pricing/index.js';
import type { AttemptHistory, StepModelStats } from '../../store/index.js';
import { dollars, percent, type Recommendation } from './recommendation.js';
import { MIN_EVIDENCE_ATTEMPTS } from './tiers.js';

/** The cheaper model may succeed at most this much less often (10 percentage points). */
export const MAX_SUCCESS_DROP = 0.1;

export interface RerouteCandidate {
  workflow: string;
  step: string;
  fromModel: string;
  toModel: string;
  fromSuccessRate: number;
  toSuccessRate: number;
  /** Per call at the from-model's mean token counts. */
  fromCostPerCallFemto: FemtoUsd;
  toCostPerCallFemto: FemtoUsd;
  callsPerMonth: number;
}

export function rerouteRecommendations(candidates: readonly RerouteCandidate[]): Recommendation[] {
  return candidates
    .filter(
      (c) =>
        c.toCostPerCallFemto < c.fromCostPerCallFemto &&
        c.toSuccessRate >= c.fromSuccessRate - MAX_SUCCESS_DROP,
    )
    .map((c) => {
      const saving = c.fromCostPerCallFemto - c.toCostPerCallFemto;
      const perMonth = multiplyFemto(saving, c.callsPerMonth.toFixed(6));
      const calls = Math.round(c.callsPerMonth).toLocaleString('en-US');
      return {
        workflow: c.workflow,
        kind: 'reroute' as const,
        explanation:
          `Run step ${c.step} on ${c.toModel} instead of ${c.fromModel}: attempts using it succeed ` +
          `${percent(c.toSuccessRate)} of the time against ${percent(c.fromSuccessRate)}, and each call costs ` +
          `${dollars(femtoToUsdString(c.toCostPerCallFemto))} instead of ${dollars(femtoToUsdString(c.fromCostPerCallFemto))}, ` +
          `about ${dollars(femtoToUsdString(perMonth))} a month over ${calls} calls.`,
        figures: {
          step: c.step,
          fromModel: c.fromModel,
          toModel: c.toModel,
          fromSuccessRate: c.fromSuccessRate,
          toSuccessRate: c.toSuccessRate,
          fromCostPerCallUsd: femtoToUsdString(c.fromCostPerCallFemto),
          toCostPerCallUsd: femtoToUsdString(c.toCostPerCallFemto),
          savingPerCallUsd: femtoToUsdString(saving),
          callsPerMonth: c.callsPerMonth,
        },
        perMonthUsd: femtoToUsdString(perMonth),
      };
    })
    .sort((a, b) => Number(b.perMonthUsd) - Number(a.perMonthUsd));
}

function meanUsage(s: StepModelStats): TokenUsage {
  const mean = (total: number) => Math.round(total / s.calls);
  return {
    inputTokens: mean(s.inputTokens),
    outputTokens: mean(s.outputTokens),
    cacheReadTokens: mean(s.cacheReadTokens),
    cacheWriteTokens: mean(s.cacheWriteTokens),
    cacheWrite1hTokens: null,
    reasoningTokens: null,
  };
}

function callCost(
  prices: PriceBook,
  model: string,
  provider: string | null,
  usage: TokenUsage,
  at: Date,
): FemtoUsd | null {
  const price = prices.lookup(model, provider, at);
  return price === null ? null : computeCallCost(usage, price).totalFemto;
}

/**
 * Per (step, from-model) with enough evidence, the cheapest other model of the same step whose
 * attempt success is not more than 10 points lower; both priced at the from-model's mean call.
 */
export function findRerouteCandidates(
  history: AttemptHistory,
  prices: PriceBook,
  callsPerMonthFactor: number,
  at: Date,
): RerouteCandidate[] {
  const byStep = new Map<string, StepModelStats[]>();
  for (const s of history.steps) byStep.set(s.step, [...(byStep.get(s.step) ?? []), s]);
  const candidates: RerouteCandidate[] = [];
  const rate = (s: StepModelStats) => s.succeededAttempts / s.attempts;
  for (const [step, models] of byStep) {
    const proven = models.filter((m) => m.attempts >= MIN_EVIDENCE_ATTEMPTS && m.calls > 0);
    for (const from of proven) {
      const usage = meanUsage(from);
      const fromCost = callCost(prices, from.model, from.provider, usage, at);
      if (fromCost === null) continue;
      let best: RerouteCandidate | null = null;
      for (const to of proven) {
        if (to === from || rate(to) < rate(from) - MAX_SUCCESS_DROP) continue;
        const toCost = callCost(prices, to.model, to.provider, usage, at);
        if (toCost === null || toCost >= fromCost) continue;
        if (best && toCost >= best.toCostPerCallFemto) continue;
        best = {
          workflow: history.workflow,
          step,
          fromModel: from.model,
          toModel: to.model,
          fromSuccessRate: rate(from),
          toSuccessRate: rate(to),
          fromCostPerCallFemto: fromCost,
          toCostPerCallFemto: toCost,
          callsPerMonth: from.calls * callsPerMonthFactor,
        };
      }
      if (best) candidates.push(best);
    }
  }
  return candidates;
}
