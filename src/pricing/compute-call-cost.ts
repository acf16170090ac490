/**
 * Exact cost of one call from its token usage and a resolved price: bigint femto-dollars,
 * cliff tiers chosen by the request's total input, discount and service-tier factor applied once.
 */
import { divideHalfEven, FEMTO_PER_USD, type TokenUsage, usdToFemto } from '../domain/index.js';
import type { ResolvedPrice, TieredRate } from './resolved-price.js';

const TOKENS_PER_MTOK = 1_000_000n;

export interface CallCost {
  totalFemto: bigint;
  inputFemto: bigint;
  outputFemto: bigint;
}

export interface CallCostOptions {
  /** Multiplier for the call's service tier ("0.5" for batch); applied after any discount. */
  serviceTierMultiplier?: string;
}

/**
 * Usage is inclusive (`inputTokens` holds cache reads and writes, `outputTokens` holds
 * reasoning). When the cache counts exceed `inputTokens` the cache counts are taken as
 * authoritative: uncached input is 0 and the tier threshold uses the cache total.
 * `totalFemto` also carries any per-request fee, so it can exceed input + output.
 */
export function computeCallCost(
  usage: TokenUsage,
  price: ResolvedPrice,
  options: CallCostOptions = {},
): CallCost {
  const { rates } = price;
  const input = tokens(usage.inputTokens);
  const output = tokens(usage.outputTokens);
  const cacheRead = tokens(usage.cacheReadTokens);
  const write1h = tokens(usage.cacheWrite1hTokens);
  const cacheWrite = max(tokens(usage.cacheWriteTokens), write1h);
  const write5m = cacheWrite - write1h;
  const promptTotal = max(input, cacheRead + cacheWrite);
  const threshold = Number(promptTotal);

  const inputRate = rateAt(rates.input, threshold);
  // A cache kind without its own price is billed as ordinary input, as the catalog does.
  const readRate = rates.cacheRead ? rateAt(rates.cacheRead, threshold) : inputRate;
  const write5mRate = rates.cacheWrite ? rateAt(rates.cacheWrite, threshold) : inputRate;
  const write1hRate = rates.cacheWrite1h ? rateAt(rates.cacheWrite1h, threshold) : 2n * inputRate;
  const uncached = max(promptTotal - cacheRead - cacheWrite, 0n);

  const reasoning = rates.reasoning ? min(tokens(usage.reasoningTokens), output) : 0n;
  const outputRate = rateAt(rates.output, threshold);
  const reasoningRate = rates.reasoning ? rateAt(rates.reasoning, threshold) : outputRate;

  const inputNumerator =
    uncached * inputRate + cacheRead * readRate + write5m * write5mRate + write1h * write1hRate;
  const outputNumerator = (output - reasoning) * outputRate + reasoning * reasoningRate;

  const factors: string[] = [];
  if (price.discount !== null) factors.push(complement(price.discount));
  if (options.serviceTierMultiplier !== undefined) factors.push(options.serviceTierMultiplier);

  const inputFemto = scale(inputNumerator, TOKENS_PER_MTOK, factors);
  const outputFemto = scale(outputNumerator, TOKENS_PER_MTOK, factors);
  const requestFemto = scale(rates.perRequestFemto, 1n, factors);
  return { inputFemto, outputFemto, totalFemto: inputFemto + outputFemto + requestFemto };
}

/** The rate of the highest tier whose threshold the request's input exceeds (cliff pricing). */
export function rateAt(rate: TieredRate, promptTokens: number): bigint {
  let chosen = rate.base;
  for (const tier of rate.tiers) {
    if (promptTokens > tier.aboveInputTokens) chosen = tier.rate;
  }
  return chosen;
}

function tokens(count: number | null): bigint {
  if (count === null) return 0n;
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new RangeError(`token count must be a non-negative integer, got ${count}`);
  }
  return BigInt(count);
}

/** Divides once, after every factor, so a discounted batch call rounds a single time. */
function scale(numerator: bigint, denominator: bigint, factors: readonly string[]): bigint {
  let n = numerator;
  let d = denominator;
  for (const factor of factors) {
    n *= usdToFemto(factor);
    d *= FEMTO_PER_USD;
  }
  return d === 1n ? n : divideHalfEven(n, d);
}

function complement(discount: string): string {
  const off = usdToFemto(discount);
  const kept = FEMTO_PER_USD - off;
  return `${kept / FEMTO_PER_USD}.${(kept % FEMTO_PER_USD).toString().padStart(15, '0')}`;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
