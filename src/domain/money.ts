/**
 * Exact money. Amounts are bigint counts of femto-dollars (1e-15 USD): a price with up to nine
 * decimals per million tokens times a token count is an exact integer in this unit.
 */

export type FemtoUsd = bigint;

export const FEMTO_PER_USD = 1_000_000_000_000_000n;
const SCALE = 15;

/** Parses a decimal string or a finite number ("0.0035", "1e-7", 2.5) into femto-dollars, half-even. */
export function usdToFemto(value: string | number): FemtoUsd {
  const text = typeof value === 'number' ? numberToPlainDecimal(value) : value.trim();
  const match = /^([+-])?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new RangeError(`not a decimal amount: ${JSON.stringify(value)}`);
  }
  const sign = match[1] === '-' ? -1n : 1n;
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`.replace(/^0+(?=\d)/, '') || '0';
  const exponent = Number(match[4] ?? '0') - (match[3] ?? '').length + SCALE;
  return sign * shiftDecimal(BigInt(digits), exponent);
}

/** Exact decimal string in USD with trailing zeros removed ("0.004434", "12", "-0.5"). */
export function femtoToUsdString(amount: FemtoUsd): string {
  const negative = amount < 0n;
  const abs = negative ? -amount : amount;
  const whole = abs / FEMTO_PER_USD;
  const frac = (abs % FEMTO_PER_USD).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** For presentation only (JSON numbers, charts): never sum the results. */
export function femtoToUsdNumber(amount: FemtoUsd): number {
  return Number(femtoToUsdString(amount));
}

/** Multiplies by a decimal factor ("0.85", 0.5) exactly, rounding half-even to a femto-dollar. */
export function multiplyFemto(amount: FemtoUsd, factor: string | number): FemtoUsd {
  const scaled = usdToFemto(factor);
  return divideHalfEven(amount * scaled, FEMTO_PER_USD);
}

export function divideHalfEven(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

function shiftDecimal(digits: bigint, exponent: number): bigint {
  if (exponent >= 0) return digits * 10n ** BigInt(exponent);
  return divideHalfEven(digits, 10n ** BigInt(-exponent));
}

function numberToPlainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite amount: ${value}`);
  return String(value);
}
