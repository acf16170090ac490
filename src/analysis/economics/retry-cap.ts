/**
 * The retry cap that minimises expected cost per unit, from OBSERVED success rates per attempt
 * number (real retries are correlated, so no i.i.d. p). Costs are plain USD expectations.
 */
import { assertInteger, assertNonNegative, assertProbability } from './assert-input.js';

export interface RetryCapInput {
  /** sᵢ = P(attempt i succeeds | attempts 1..i−1 failed), for i = 1..K (index 0 is attempt 1). */
  conditionalSuccessRates: readonly number[];
  /** USD per attempt: one figure, or one per attempt number (index 0 is attempt 1). */
  attemptCostUsd: number | readonly number[];
  /** USD per unit when the AI gives up and a human or BPO resolves it. */
  fallbackCostUsd: number;
}

export interface CapCost {
  /** Most AI attempts allowed; 0 sends every unit straight to the fallback. */
  cap: number;
  expectedCostUsd: number;
  expectedAttempts: number;
  fallbackProbability: number;
}

export interface AttemptMarginalValue {
  /** Raising the cap from attempt − 1 to attempt. */
  attempt: number;
  /** P(a unit reaches this attempt) = Πⱼ<ᵢ (1 − sⱼ). */
  reachProbability: number;
  /** Expected USD this attempt adds per unit: reach × attempt cost. */
  expectedCostUsd: number;
  /** Expected fallback USD it saves per unit: reach × sᵢ × fallback cost. */
  fallbackSavingUsd: number;
  /** Saving − cost: positive means the attempt pays for itself. */
  netValueUsd: number;
}

export interface RetryCapAnalysis {
  /** One row per cap 0..K. */
  caps: CapCost[];
  /** The cap with the lowest expected cost; the smallest such cap on a tie. */
  optimalCap: number;
  marginal: AttemptMarginalValue[];
}

/**
 * Expected USD per unit for each cap k: Σᵢ₌₁..ₖ reachᵢ·cᵢ + reachₖ₊₁·F, with reach₁ = 1 and
 * reachᵢ₊₁ = reachᵢ(1 − sᵢ). The optimum is the global minimum, not the first attempt with
 * negative marginal value: observed rates need not fall monotonically.
 */
export function evaluateRetryCaps(input: RetryCapInput): RetryCapAnalysis {
  const rates = input.conditionalSuccessRates;
  for (const [i, s] of rates.entries()) assertProbability(`conditionalSuccessRates[${i}]`, s);
  assertNonNegative('fallbackCostUsd', input.fallbackCostUsd);
  const costOf = attemptCostLookup(input.attemptCostUsd, rates.length);
  const caps: CapCost[] = [
    {
      cap: 0,
      expectedCostUsd: input.fallbackCostUsd,
      expectedAttempts: 0,
      fallbackProbability: 1,
    },
  ];
  const marginal: AttemptMarginalValue[] = [];
  let reach = 1;
  let attemptSpend = 0;
  let expectedAttempts = 0;
  for (let i = 0; i < rates.length; i++) {
    const s = rates[i] ?? 0;
    const attemptCost = costOf(i);
    const expectedCostUsd = reach * attemptCost;
    const fallbackSavingUsd = reach * s * input.fallbackCostUsd;
    marginal.push({
      attempt: i + 1,
      reachProbability: reach,
      expectedCostUsd,
      fallbackSavingUsd,
      netValueUsd: fallbackSavingUsd - expectedCostUsd,
    });
    attemptSpend += expectedCostUsd;
    expectedAttempts += reach;
    reach *= 1 - s;
    caps.push({
      cap: i + 1,
      expectedCostUsd: attemptSpend + reach * input.fallbackCostUsd,
      expectedAttempts,
      fallbackProbability: reach,
    });
  }
  let optimal = caps[0] as CapCost;
  for (const c of caps) if (c.expectedCostUsd < optimal.expectedCostUsd) optimal = c;
  return { caps, optimalCap: optimal.cap, marginal };
}

export interface AttemptCounts {
  /** Units that made attempt i. */
  reached: number;
  /** Of those, units whose attempt i succeeded. */
  succeeded: number;
}

/**
 * Observed sᵢ = succeeded ÷ reached per attempt number, stopping before the first attempt
 * number no unit reached (its rate is unknown, not 0).
 */
export function conditionalSuccessRates(counts: readonly AttemptCounts[]): number[] {
  const rates: number[] = [];
  for (const [i, c] of counts.entries()) {
    assertInteger(`counts[${i}].reached`, c.reached, 0);
    assertInteger(`counts[${i}].succeeded`, c.succeeded, 0);
    if (c.succeeded > c.reached) {
      throw new RangeError(`counts[${i}]: succeeded ${c.succeeded} > reached ${c.reached}`);
    }
    if (c.reached === 0) break;
    rates.push(c.succeeded / c.reached);
  }
  return rates;
}

function attemptCostLookup(
  attemptCostUsd: number | readonly number[],
  attempts: number,
): (index: number) => number {
  if (typeof attemptCostUsd === 'number') {
    assertNonNegative('attemptCostUsd', attemptCostUsd);
    return () => attemptCostUsd;
  }
  if (attemptCostUsd.length < attempts) {
    throw new RangeError(`attemptCostUsd has ${attemptCostUsd.length} entries, need ${attempts}`);
  }
  for (const [i, c] of attemptCostUsd.entries()) assertNonNegative(`attemptCostUsd[${i}]`, c);
  return (index) => attemptCostUsd[index] ?? 0;
}
