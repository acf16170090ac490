/**
 * F4 (economics.md §9): cost per resolved outcome once human review, fixing and silent errors
 * are paid at a loaded labour rate, and the comparison with an all-human process. Plain USD.
 */
import { assertNonNegative, assertProbability } from './assert-input.js';

/** BLS ECEC, June 2025, US private industry: employer cost per hour worked (bls.gov ecec.nr0). */
export const BLS_ECEC_PRIVATE_JUNE_2025 = {
  totalCompensationUsdPerHour: 45.65,
  wagesUsdPerHour: 32.07,
} as const;

/** Total compensation ÷ wages: the benefits load on a wage (1.42345 for the BLS figures). */
export function compensationMultiplier(
  totalCompensationUsdPerHour: number,
  wagesUsdPerHour: number,
): number {
  assertNonNegative('totalCompensationUsdPerHour', totalCompensationUsdPerHour);
  if (!(wagesUsdPerHour > 0)) throw new RangeError(`wagesUsdPerHour must be > 0`);
  return totalCompensationUsdPerHour / wagesUsdPerHour;
}

/**
 * Loaded USD per hour = wage × benefits multiplier × overhead multiplier. Overhead (facilities,
 * management) is a separate, configurable factor: BLS compensation does not include it.
 */
export function loadedHourlyRate(
  wageUsdPerHour: number,
  benefitsMultiplier: number,
  overheadMultiplier = 1,
): number {
  assertNonNegative('wageUsdPerHour', wageUsdPerHour);
  assertNonNegative('benefitsMultiplier', benefitsMultiplier);
  assertNonNegative('overheadMultiplier', overheadMultiplier);
  return wageUsdPerHour * benefitsMultiplier * overheadMultiplier;
}

export interface ResolvedOutcomeCostInput {
  /** Expected token USD per flow (all attempts, e.g. T·E[attempts] from F2). */
  tokenCostPerFlowUsd: number;
  loadedRateUsdPerHour: number;
  /** Minutes a person spends reviewing one AI attempt. */
  reviewMinutesPerAttempt: number;
  /** Expected attempts per flow that a person reviews. */
  expectedAttemptsReviewed: number;
  /** Minutes to fix (or do by hand) a flow the AI failed. */
  fixMinutes: number;
  /** P(the AI fails the flow), qᵏ under F2. */
  aiFailureProbability: number;
  /** Minutes an undetected error costs later; 0 when not modelled. */
  silentErrorMinutes?: number;
  /** P(an AI result is wrong and nobody notices). */
  undetectedErrorProbability?: number;
}

export interface ResolvedOutcomeCost {
  tokenCostUsd: number;
  laborCostUsd: number;
  totalUsd: number;
}

/**
 * USD per resolved outcome = token cost per flow + (w/60)·[t_review·E[attempts reviewed]
 * + t_fix·P(AI fails) + t_silent·P(undetected error)], minutes t at loaded rate w.
 */
export function costPerResolvedOutcome(input: ResolvedOutcomeCostInput): ResolvedOutcomeCost {
  const silentMinutes = input.silentErrorMinutes ?? 0;
  const undetected = input.undetectedErrorProbability ?? 0;
  assertNonNegative('tokenCostPerFlowUsd', input.tokenCostPerFlowUsd);
  assertNonNegative('loadedRateUsdPerHour', input.loadedRateUsdPerHour);
  assertNonNegative('reviewMinutesPerAttempt', input.reviewMinutesPerAttempt);
  assertNonNegative('expectedAttemptsReviewed', input.expectedAttemptsReviewed);
  assertNonNegative('fixMinutes', input.fixMinutes);
  assertNonNegative('silentErrorMinutes', silentMinutes);
  assertProbability('aiFailureProbability', input.aiFailureProbability);
  assertProbability('undetectedErrorProbability', undetected);
  const minutes =
    input.reviewMinutesPerAttempt * input.expectedAttemptsReviewed +
    input.fixMinutes * input.aiFailureProbability +
    silentMinutes * undetected;
  const laborCostUsd = (input.loadedRateUsdPerHour / 60) * minutes;
  return {
    tokenCostUsd: input.tokenCostPerFlowUsd,
    laborCostUsd,
    totalUsd: input.tokenCostPerFlowUsd + laborCostUsd,
  };
}

export interface HumanComparison {
  /** True while the AI's cost per resolved outcome is strictly below the all-human cost H. */
  useAi: boolean;
  /** H − AI cost per resolved outcome (negative when the AI costs more). */
  savingPerOutcomeUsd: number;
}

/** Break-even against an all-human process: the Cost-of-Pass frontier min(v_AI, v_human). */
export function compareWithHuman(
  aiCostPerResolvedUsd: number,
  humanCostPerOutcomeUsd: number,
): HumanComparison {
  return {
    useAi: aiCostPerResolvedUsd < humanCostPerOutcomeUsd,
    savingPerOutcomeUsd: humanCostPerOutcomeUsd - aiCostPerResolvedUsd,
  };
}
