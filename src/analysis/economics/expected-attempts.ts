/**
 * F2 (economics.md §9): attempts per flow when each attempt succeeds independently with
 * probability p and the AI gets at most k attempts before the flow escalates.
 */
import { assertInteger, assertProbability } from './assert-input.js';

export interface CappedAttempts {
  /** E[attempts per flow] = Σᵢ₌₁..ₖ qⁱ⁻¹ = (1 − qᵏ)/p. */
  expectedAttempts: number;
  /** P(the AI resolves the flow) = 1 − qᵏ. */
  successProbability: number;
  /** P(all k attempts fail, the flow escalates) = qᵏ. */
  escalationProbability: number;
  /** E[failed attempts per flow] = q(1 − qᵏ)/p. */
  expectedFailedAttempts: number;
  /** E[attempts] ÷ P(success) = 1/p for every k; null when p = 0. */
  attemptsPerSuccess: number | null;
}

/**
 * Expected attempts for i.i.d. attempts with success probability `successRate` and at most
 * `maxAttempts` attempts. Summed term by term, so p = 0 gives k attempts and no success.
 */
export function cappedAttempts(successRate: number, maxAttempts: number): CappedAttempts {
  assertProbability('successRate', successRate);
  assertInteger('maxAttempts', maxAttempts, 1);
  const q = 1 - successRate;
  let expectedAttempts = 0;
  let reach = 1;
  for (let i = 1; i <= maxAttempts; i++) {
    expectedAttempts += reach;
    reach *= q;
  }
  const successProbability = 1 - reach;
  return {
    expectedAttempts,
    successProbability,
    escalationProbability: reach,
    expectedFailedAttempts: expectedAttempts - successProbability,
    attemptsPerSuccess: successRate === 0 ? null : 1 / successRate,
  };
}
