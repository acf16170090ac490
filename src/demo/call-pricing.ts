/**
 * Prices an intended call with the product's own catalog (createPriceBook) at the call's time, as
 * the receiver will once the span is normalised; an unpriced call is an error in the demo's data.
 */
import { emptyUsage, type FemtoUsd, type Step } from '../domain/index.js';
import type { PriceBook } from '../pricing/index.js';
import type { SimCall, SimUsage } from './sim-types.js';

export function stepOfCall(
  call: SimCall,
  usage: SimUsage | null = call.usage,
  model = call.model,
  provider = call.provider,
): Step {
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    parentSpanId: null,
    kind: call.kind === 'human' ? 'human' : call.kind,
    name: call.step,
    convention: 'demo',
    model,
    requestModel: model,
    provider,
    responseId: null,
    usage:
      usage === null
        ? emptyUsage()
        : {
            inputTokens: usage.input,
            outputTokens: usage.output,
            cacheReadTokens: usage.cacheRead > 0 ? usage.cacheRead : null,
            cacheWriteTokens: usage.cacheWrite > 0 ? usage.cacheWrite : null,
            cacheWrite1hTokens: null,
            reasoningTokens: usage.reasoning > 0 ? usage.reasoning : null,
          },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: call.startNs,
    durationNano: call.durationNs,
    status: 'unset',
    statusMessage: '',
    serviceName: null,
    sessionId: null,
    toolName: call.toolName,
    stepName: call.step,
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
  };
}

/** Cost of the call as sent, or as if sent with other usage or on another model. */
export function priceCall(
  book: PriceBook,
  call: SimCall,
  usage: SimUsage | null = call.usage,
  model = call.model,
  provider = call.provider,
): FemtoUsd {
  if (usage === null) return 0n;
  const cost = book.priceStep(stepOfCall(call, usage, model, provider));
  if (cost.costFemto === null) {
    throw new Error(`demo data error: ${model} (${provider}) is not priced at ${call.startNs}`);
  }
  return cost.costFemto;
}

/** Input and cache-read prices per million tokens in force at the call, for exact differences. */
export function inputRates(
  book: PriceBook,
  call: SimCall,
): { input: FemtoUsd; cacheRead: FemtoUsd | null } {
  const price = book.lookup(
    call.model ?? '',
    call.provider,
    new Date(Number(call.startNs / 1_000_000n)),
  );
  if (price === null) throw new Error(`demo data error: ${call.model} is not priced`);
  if (price.rates.input.tiers.length > 0) {
    const lowest = Math.min(...price.rates.input.tiers.map((t) => t.aboveInputTokens));
    if ((call.usage?.input ?? 0) > lowest)
      throw new Error(`demo data error: ${call.step} crosses a price tier`);
  }
  return { input: price.rates.input.base, cacheRead: price.rates.cacheRead?.base ?? null };
}
