/**
 * Prices stored token counts with the price book as if sent on a given model on a given UTC day:
 * the routing counterfactual, and the rates the store prices the over-powered saving and the
 * input of bloat and cache misses at.
 */
import { FEMTO_PER_USD, type FemtoUsd, type Step, usdToFemto } from '../../domain/index.js';
import {
  type PriceBook,
  type ResolvedPrice,
  rateAt,
  type TieredRate,
} from '../../pricing/index.js';
import type { CallRateBand, CallRates, InputRates, TokenCounts } from '../../store/index.js';

const NS_PER_MS = 1_000_000n;

function stepOf(tokens: TokenCounts, model: string, provider: string | null, day: bigint): Step {
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    parentSpanId: null,
    kind: 'llm',
    name: 'what-if',
    convention: 'tokenledger',
    model,
    requestModel: model,
    provider,
    responseId: null,
    usage: {
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      cacheReadTokens: tokens.cacheRead,
      cacheWriteTokens: tokens.cacheWrite,
      cacheWrite1hTokens: tokens.cacheWrite1h,
      reasoningTokens: tokens.reasoning,
    },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: day,
    durationNano: 0n,
    status: 'unset',
    statusMessage: '',
    serviceName: null,
    sessionId: null,
    toolName: null,
    stepName: 'what-if',
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
  };
}

/** Cost of the token counts on `model`, or null when the catalog cannot price it. */
export function repriceTokens(
  book: PriceBook,
  tokens: TokenCounts,
  model: string,
  provider: string | null,
  dayUnixNano: bigint,
): FemtoUsd | null {
  return book.priceStep(stepOf(tokens, model, provider, dayUnixNano)).costFemto;
}

export function inputRatesAt(
  book: PriceBook,
  model: string,
  provider: string | null,
  dayUnixNano: bigint,
): InputRates | null {
  const price = book.lookup(model, provider, new Date(Number(dayUnixNano / NS_PER_MS)));
  if (price === null) return null;
  const tiers = price.rates.input.tiers.map((t) => t.aboveInputTokens);
  return {
    input: price.rates.input.base,
    cacheRead: price.rates.cacheRead?.base ?? null,
    lowestTier: tiers.length === 0 ? null : Math.min(...tiers),
  };
}

/** Every rate of the model's price that day, as the store prices a call; null when none is known. */
export function callRatesAt(
  book: PriceBook,
  model: string,
  provider: string | null,
  dayUnixNano: bigint,
): CallRates | null {
  const price = book.lookup(model, provider, new Date(Number(dayUnixNano / NS_PER_MS)));
  return price === null ? null : callRatesOf(price);
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/**
 * A resolved price as bands of plain rates, one per cliff threshold any kind has, each band's
 * rates chosen as pricing/compute-call-cost.ts chooses them for a request just above it.
 */
export function callRatesOf(price: ResolvedPrice): CallRates {
  const { rates } = price;
  const kinds = [
    rates.input,
    rates.output,
    rates.cacheRead,
    rates.cacheWrite,
    rates.cacheWrite1h,
    rates.reasoning,
  ];
  const thresholds = new Set<number>();
  for (const kind of kinds)
    for (const tier of kind?.tiers ?? [])
      if (tier.aboveInputTokens >= 0) thresholds.add(tier.aboveInputTokens);
  const band = (above: number): CallRateBand => {
    // A request of `above + 1` input tokens is billed as every request of the band.
    const at = (rate: TieredRate | null) => (rate === null ? null : rateAt(rate, above + 1));
    const input = rateAt(rates.input, above + 1);
    const output = rateAt(rates.output, above + 1);
    return {
      aboveInputTokens: above,
      input,
      cacheRead: at(rates.cacheRead) ?? input,
      cacheWrite: at(rates.cacheWrite) ?? input,
      cacheWrite1h: at(rates.cacheWrite1h) ?? 2n * input,
      output,
      reasoning: at(rates.reasoning) ?? output,
    };
  };
  const kept = price.discount === null ? FEMTO_PER_USD : FEMTO_PER_USD - usdToFemto(price.discount);
  const divisor = gcd(kept, FEMTO_PER_USD);
  return {
    bands: [-1, ...[...thresholds].sort((a, b) => a - b)].map(band),
    reasoningApart: rates.reasoning !== null,
    perRequestFemto: rates.perRequestFemto,
    kept: { numerator: kept / divisor, denominator: FEMTO_PER_USD / divisor },
  };
}
