/**
 * Per logical step, what one call costs and how much input it sends in successful attempts
 * against failed ones, as figures and a sentence.
 */
import { divideHalfEven, femtoToUsdNumber } from '../../domain/index.js';
import type { CompareStepCounts, StepSideStats } from '../../store/index.js';

export interface StepSide {
  calls: number;
  /** Exact cost of the calls whose cost is known ÷ those calls. */
  meanCostUsd: number | null;
  /** Input tokens ÷ calls that reported input tokens. */
  meanInputTokens: number | null;
}

export interface StepComparison {
  stepName: string;
  success: StepSide;
  failed: StepSide;
  /** Failed minus successful mean cost per call. */
  costPerCallDifferenceUsd: number | null;
  inputTokensDifference: number | null;
  sentence: string;
}

function side(stats: StepSideStats): StepSide {
  return {
    calls: stats.calls,
    meanCostUsd:
      stats.costedCalls === 0
        ? null
        : femtoToUsdNumber(divideHalfEven(stats.costFemto, BigInt(stats.costedCalls))),
    meanInputTokens:
      stats.inputCalls === 0 ? null : Math.round(stats.inputTokens / stats.inputCalls),
  };
}

/** Dollars for a sentence: cents from $1, two significant digits below (token costs are small). */
export const usdText = (x: number) => `$${x >= 1 || x === 0 ? x.toFixed(2) : x.toPrecision(2)}`;
const usd = (x: number | null) => (x === null ? 'an unknown cost' : usdText(x));
const tokens = (x: number | null) => (x === null ? 'unreported' : x.toLocaleString('en-US'));

export function describeStep(counts: CompareStepCounts): StepComparison {
  const success = side(counts.success);
  const failed = side(counts.failed);
  const costDifference =
    success.meanCostUsd === null || failed.meanCostUsd === null
      ? null
      : Math.round((failed.meanCostUsd - success.meanCostUsd) * 1e9) / 1e9;
  const inputDifference =
    success.meanInputTokens === null || failed.meanInputTokens === null
      ? null
      : failed.meanInputTokens - success.meanInputTokens;
  const tokenless =
    success.meanInputTokens === null &&
    failed.meanInputTokens === null &&
    !(success.meanCostUsd ?? 0) &&
    !(failed.meanCostUsd ?? 0);
  const sentence = tokenless
    ? `Step ${counts.stepName}: no tokens (${failed.calls} calls in failed attempts, ${success.calls} in successful ones).`
    : success.calls === 0 || failed.calls === 0
      ? `Step ${counts.stepName}: only in ${success.calls === 0 ? 'failed' : 'successful'} attempts (${success.calls + failed.calls} calls), ${usd((success.calls === 0 ? failed : success).meanCostUsd)} per call.`
      : `Step ${counts.stepName}: ${usd(failed.meanCostUsd)} and ${tokens(failed.meanInputTokens)} input tokens per call in failed attempts against ${usd(success.meanCostUsd)} and ${tokens(success.meanInputTokens)} in successful ones.`;
  return {
    stepName: counts.stepName,
    success,
    failed,
    costPerCallDifferenceUsd: costDifference,
    inputTokensDifference: inputDifference,
    sentence,
  };
}
