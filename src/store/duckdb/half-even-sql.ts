/**
 * Exact money arithmetic in SQL, rounded as domain/money.ts `divideHalfEven`: the waste reads price
 * calls inside DuckDB (waste-input-pricing.ts, waste-route-pricing.ts) and must give the femto-
 * dollar the price book would. HUGEINT arithmetic costs ~6 µs a row, so rates are split into
 * millions and a remainder and the common case stays in BIGINT.
 */

const MILLION = 1_000_000n;

/**
 * `whole + part / divisor` half to even (`part` ≥ 0, `divisor` > 0): with `whole` a sum of tokens ×
 * millions parts and `part` the same tokens × remainders, the division of Σ tokens × rate by a
 * million; with `whole` = q × f and `part` = r × f, the division of (q × d + r) × f by `d`, whose
 * product alone could overflow.
 */
export const halfEvenParts = (
  whole: string,
  part: string,
  divisor = '1000000',
) => `(${whole} + (${part}) // ${divisor} + CASE
      WHEN ((${part}) % ${divisor}) * 2 > ${divisor} THEN 1
      WHEN ((${part}) % ${divisor}) * 2 = ${divisor}
        AND (${whole} + (${part}) // ${divisor}) % 2 = 1 THEN 1
      ELSE 0 END)`;

/**
 * `numerator × factor / divisor` half to even (all ≥ 0, `divisor` > 0) without forming the product:
 * the numerator's quotient and remainder are multiplied apart, so only the result need fit.
 */
export const halfEvenScaled = (numerator: string, factor: string, divisor: string) =>
  halfEvenParts(
    `(${numerator}) // ${divisor} * ${factor}`,
    `(${numerator}) % ${divisor} * ${factor}`,
    divisor,
  );

const BIGINT_LIMIT = 2n ** 63n;
const MAX_SMALL_TOKENS = 2n ** 31n - 1n;

/**
 * The most tokens per kind for which `terms` products of tokens × a millions part from `parts`, and
 * the same tokens × remainders, still sum inside BIGINT: each product stays under 2⁶³ / (terms + 1)
 * and tokens under 2³¹ (their remainders' sum under 10¹⁶). A call with more goes through HUGEINT.
 * At $5 per million (5 × 10⁹ femto-dollars a token) one term allows 922 million tokens, four 368
 * million; the bound is per rate, as any fixed one either sends most real rates to HUGEINT or fails.
 */
export function bigintTokenBound(parts: readonly bigint[], terms: number): bigint {
  let largest = 1n;
  for (const part of parts) if (part > largest) largest = part;
  const bound = BIGINT_LIMIT / BigInt(terms + 1) / largest;
  return bound < MAX_SMALL_TOKENS ? bound : MAX_SMALL_TOKENS;
}

/** A rate's magnitude in femto-dollars per million tokens as its millions part and remainder. */
export function splitRate(rate: bigint): [bigint, bigint] {
  const magnitude = rate < 0n ? -rate : rate;
  return [magnitude / MILLION, magnitude % MILLION];
}
