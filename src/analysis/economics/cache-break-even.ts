/**
 * When a prompt cache pays: a prefix written once at w× the input price and read n times at r×
 * beats re-sending it uncached when w + n·r < 1 + n, i.e. n > (w − 1)/(1 − r).
 */
import { assertNonNegative } from './assert-input.js';

export interface CacheBreakEven {
  /** (w − 1)/(1 − r), floored at 0: caching wins for any number of reads above this. */
  breakEvenReads: number;
  /** The fewest whole reads that make the cache cheaper (or no dearer, when w ≤ 1). */
  minimumPayingReads: number;
}

/** null when reads cost at least the base price (r ≥ 1): reuse never recovers the write. */
export function cacheBreakEven(
  writeMultiplier: number,
  readMultiplier: number,
): CacheBreakEven | null {
  assertNonNegative('writeMultiplier', writeMultiplier);
  assertNonNegative('readMultiplier', readMultiplier);
  if (readMultiplier >= 1) return null;
  if (writeMultiplier <= 1) return { breakEvenReads: 0, minimumPayingReads: 0 };
  const breakEvenReads = (writeMultiplier - 1) / (1 - readMultiplier);
  return { breakEvenReads, minimumPayingReads: Math.floor(breakEvenReads) + 1 };
}
