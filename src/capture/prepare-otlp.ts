/**
 * The CPU half of the write path, with no store: OTLP bytes → decoded spans → steps → priced
 * steps, plus what was rejected and why. Runs on the main thread or in a capture worker.
 */
import { type AttributionRules, applyAttribution, type PricedStep } from '../domain/index.js';
import {
  type DecodeLimits,
  decodeTraceRequest,
  normalizeSpan,
  type OtlpEncoding,
} from '../ingest/index.js';
import type { PriceBook } from '../pricing/index.js';

const MAX_MESSAGES = 10;

export interface PreparedBatch {
  priced: PricedStep[];
  rejectedSpans: number;
  /** The first few rejection reasons, each naming the span and the rule. */
  rejectionMessages: string[];
}

export interface PrepareContext {
  priceBook: PriceBook;
  limits: Partial<DecodeLimits>;
  attribution: AttributionRules;
}

/** Throws `OtlpDecodeError` when the body cannot be decoded at all. */
export function prepareOtlp(
  body: Uint8Array,
  encoding: OtlpEncoding,
  context: PrepareContext,
): PreparedBatch {
  const decoded = decodeTraceRequest(body, encoding, context.limits);
  const messages = decoded.rejectionMessages.slice(0, MAX_MESSAGES);
  let rejected = decoded.rejectedSpans;
  const priced: PricedStep[] = [];
  for (const span of decoded.spans) {
    const result = normalizeSpan(span);
    if (!result.ok) {
      rejected += 1;
      if (messages.length < MAX_MESSAGES) messages.push(result.error);
      continue;
    }
    const step = result.step;
    const attributes = applyAttribution(step.attributes, context.attribution);
    priced.push({ ...step, attributes, cost: context.priceBook.priceStep(step) });
  }
  return { priced, rejectedSpans: rejected, rejectionMessages: messages };
}
