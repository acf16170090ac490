/**
 * Money strings for expectations. Figures that come from probabilities (expected cost per unit,
 * expected saving) are not exact sums; they are rounded once, to a millionth of a dollar, and
 * written as decimal strings so that no client re-adds floats.
 */
import { femtoToUsdString, usdToFemto } from '../../domain/index.js';

export function expectedUsd(value: number): string {
  return femtoToUsdString(usdToFemto(value.toFixed(6)));
}
