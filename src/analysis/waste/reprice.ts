/**
 * Prices stored token counts with the price book as if sent on a given model on a given UTC day:
 * the over-powered saving, the routing counterfactual and the per-token input rates of bloat and
 * cache misses.
 */
import type { FemtoUsd, Step } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { InputRates, TokenCounts } from '../../store/index.js';

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
