/**
 * Ratios with the product's zero rule (a zero denominator gives null, never 0 or infinity) and
 * exact femto-dollar division, rounded once, half-even.
 */
import { divideHalfEven, type FemtoUsd } from '../../domain/index.js';

/** numerator ÷ denominator; null when the denominator is 0 (docs/metrics.md). */
export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * Ratio of two femto-dollar amounts (a share such as expensive-failure share); null when the
 * denominator is 0. Each bigint becomes the nearest double first: relative error about 2⁻⁵², far
 * below any digit a share is shown with.
 */
export function femtoRatio(numerator: FemtoUsd, denominator: FemtoUsd): number | null {
  return denominator === 0n ? null : Number(numerator) / Number(denominator);
}

/** after ÷ before − 1 (+0.2857 when cost per success goes from 1/0.9 to 1/0.7); null if before is 0. */
export function relativeChange(before: number, after: number): number | null {
  const r = ratio(after, before);
  return r === null ? null : r - 1;
}

/**
 * An exact femto-dollar total shared over `count` units (cost per attempt, per resolved outcome),
 * rounded half-even to one femto-dollar; null when `count` is 0.
 * @throws RangeError when `count` is negative or not an integer.
 */
export function divideFemto(total: FemtoUsd, count: number | bigint): FemtoUsd | null {
  if (typeof count === 'number' && !Number.isSafeInteger(count)) {
    throw new RangeError(`count must be a safe integer, got ${count}`);
  }
  const divisor = BigInt(count);
  if (divisor < 0n) throw new RangeError(`count must be ≥ 0, got ${count}`);
  return divisor === 0n ? null : divideHalfEven(total, divisor);
}
