/**
 * Input guards shared by the economics formulas: a formula fed an impossible probability or
 * a fractional attempt count throws instead of returning a plausible-looking number.
 */

/** Throws a RangeError unless `value` is a probability in [0, 1]. */
export function assertProbability(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be in [0, 1], got ${value}`);
}

/** Throws a RangeError unless `value` is an integer ≥ `min`. */
export function assertInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${name} must be an integer ≥ ${min}, got ${value}`);
  }
}

/** Throws a RangeError unless `value` is a finite number ≥ 0 (a cost, a rate, minutes). */
export function assertNonNegative(name: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}
