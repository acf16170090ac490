/**
 * F9 (economics.md §9): the spread of observed femto-dollar amounts (cost per unit, per run).
 * Percentiles are nearest-rank picks of real amounts, so they stay exact bigints.
 */
import type { FemtoUsd } from '../../domain/index.js';
import { femtoRatio } from './ratios.js';

/**
 * The nearest-rank percentile of ascending amounts: the value at rank ⌈P/100 · N⌉ (1-based).
 * null for an empty list.
 * @throws RangeError unless 0 < percentile ≤ 100.
 */
export function nearestRank(
  sortedAscending: readonly FemtoUsd[],
  percentile: number,
): FemtoUsd | null {
  if (!(percentile > 0 && percentile <= 100)) {
    throw new RangeError(`percentile must be in (0, 100], got ${percentile}`);
  }
  const n = sortedAscending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile * n) / 100));
  return sortedAscending[rank - 1] ?? null;
}

export interface AmountSpread {
  count: number;
  min: FemtoUsd | null;
  p50: FemtoUsd | null;
  p95: FemtoUsd | null;
  max: FemtoUsd | null;
  /** max ÷ min; null when empty or min ≤ 0 (callers pass only amounts > 0, as costSpread does). */
  maxOverMin: number | null;
  /** Population standard deviation ÷ mean; null when empty or the mean is ≤ 0. */
  coefficientOfVariation: number | null;
}

/** Percentiles, range and coefficient of variation of a list of amounts, in any order. */
export function spreadOfAmounts(amounts: readonly FemtoUsd[]): AmountSpread {
  const sorted = [...amounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const min = sorted[0] ?? null;
  const max = sorted[sorted.length - 1] ?? null;
  return {
    count: sorted.length,
    min,
    p50: nearestRank(sorted, 50),
    p95: nearestRank(sorted, 95),
    max,
    maxOverMin: min === null || max === null || min <= 0n ? null : femtoRatio(max, min),
    coefficientOfVariation: coefficientOfVariation(sorted),
  };
}

/**
 * σ/μ = √(N·Σx² − (Σx)²) ÷ Σx: the integer under the root is exact, so only the final root
 * and division round. Population form: the runs observed are the whole set being described.
 */
export function coefficientOfVariation(amounts: readonly FemtoUsd[]): number | null {
  const n = BigInt(amounts.length);
  let sum = 0n;
  let sumOfSquares = 0n;
  for (const x of amounts) {
    sum += x;
    sumOfSquares += x * x;
  }
  if (n === 0n || sum <= 0n) return null;
  return Math.sqrt(Number(n * sumOfSquares - sum * sum)) / Number(sum);
}
