/**
 * F3 (economics.md §9): expected cost per flow when failed and successful attempts cost
 * differently and a human resolves what the AI did not. All amounts are plain USD numbers:
 * these are expectations from probabilities, not sums of observed spend.
 */
import { assertInteger, assertNonNegative, assertProbability } from './assert-input.js';
import { cappedAttempts } from './expected-attempts.js';

export interface FlowCostInput {
  /** p: success probability of each (i.i.d.) attempt. */
  successRate: number;
  /** k: attempts before the flow goes to the fallback. */
  maxAttempts: number;
  /** T_s: USD cost of an attempt that succeeds. */
  successAttemptCostUsd: number;
  /** T_f: USD cost of an attempt that fails. */
  failedAttemptCostUsd: number;
  /** C_H: USD cost of the human (or BPO) resolving a flow the AI did not. */
  fallbackCostUsd: number;
}

/**
 * E[USD per flow] = T_f·q(1 − qᵏ)/p + T_s·(1 − qᵏ) + C_H·qᵏ. Every flow ends resolved by the AI
 * or the fallback, so this is also the expected cost per resolved flow.
 */
export function expectedCostPerFlow(input: FlowCostInput): number {
  assertNonNegative('successAttemptCostUsd', input.successAttemptCostUsd);
  assertNonNegative('failedAttemptCostUsd', input.failedAttemptCostUsd);
  assertNonNegative('fallbackCostUsd', input.fallbackCostUsd);
  const a = cappedAttempts(input.successRate, input.maxAttempts);
  return (
    input.failedAttemptCostUsd * a.expectedFailedAttempts +
    input.successAttemptCostUsd * a.successProbability +
    input.fallbackCostUsd * a.escalationProbability
  );
}

/**
 * AI-only USD cost per AI success = T_s + T_f·q/p, whatever the cap (each success carries q/p
 * failed attempts on average). null when p = 0: no success to divide by.
 */
export function aiOnlyCostPerAiSuccess(
  input: Pick<FlowCostInput, 'successRate' | 'successAttemptCostUsd' | 'failedAttemptCostUsd'>,
): number | null {
  assertProbability('successRate', input.successRate);
  assertNonNegative('successAttemptCostUsd', input.successAttemptCostUsd);
  assertNonNegative('failedAttemptCostUsd', input.failedAttemptCostUsd);
  if (input.successRate === 0) return null;
  const q = 1 - input.successRate;
  return input.successAttemptCostUsd + (input.failedAttemptCostUsd * q) / input.successRate;
}

export interface GrowingAttemptCostInput {
  successRate: number;
  maxAttempts: number;
  /** T₀: USD cost of the first attempt. */
  firstAttemptCostUsd: number;
  /** δ: USD added to each further attempt because it re-sends the history of the earlier ones. */
  costGrowthPerAttemptUsd: number;
  fallbackCostUsd: number;
}

/**
 * E[USD per flow] when retries carry the history: attempt i costs T₀ + (i − 1)δ and is reached
 * with probability qⁱ⁻¹, so E = Σᵢ₌₁..ₖ qⁱ⁻¹(T₀ + (i − 1)δ) + C_H·qᵏ.
 */
export function expectedCostPerFlowWithHistory(input: GrowingAttemptCostInput): number {
  assertProbability('successRate', input.successRate);
  assertInteger('maxAttempts', input.maxAttempts, 1);
  assertNonNegative('firstAttemptCostUsd', input.firstAttemptCostUsd);
  assertNonNegative('costGrowthPerAttemptUsd', input.costGrowthPerAttemptUsd);
  assertNonNegative('fallbackCostUsd', input.fallbackCostUsd);
  const q = 1 - input.successRate;
  let reach = 1;
  let cost = 0;
  for (let i = 1; i <= input.maxAttempts; i++) {
    cost += reach * (input.firstAttemptCostUsd + (i - 1) * input.costGrowthPerAttemptUsd);
    reach *= q;
  }
  return cost + input.fallbackCostUsd * reach;
}
