/**
 * The write path: OTLP bytes → decoded spans → steps → priced steps → the store. A call resolves
 * only once the store has committed its steps, so a caller that answers after it never loses data.
 */
import {
  type AttributionRules,
  applyAttribution,
  NO_ATTRIBUTION_RULES,
  type PricedStep,
} from '../domain/index.js';
import {
  type DecodeLimits,
  decodeTraceRequest,
  normalizeSpan,
  type OtlpEncoding,
} from '../ingest/index.js';
import type { PriceBook } from '../pricing/index.js';
import type { Store } from '../store/index.js';

const MAX_MESSAGES = 10;

export interface CaptureResult {
  acceptedSpans: number;
  /** Spans already stored (an exporter retry); accepted, not stored twice. */
  duplicateSpans: number;
  rejectedSpans: number;
  /** The first few rejection reasons, each naming the span and the rule. */
  rejectionMessages: string[];
}

export interface CaptureDeps {
  store: Store;
  priceBook: PriceBook;
  limits?: Partial<DecodeLimits>;
  /** The user's keys that link traces to work units (config `attribution`). */
  attribution?: AttributionRules;
}

export class Capture {
  readonly #store: Store;
  readonly #priceBook: PriceBook;
  readonly #limits: Partial<DecodeLimits>;
  readonly #attribution: AttributionRules;

  constructor(deps: CaptureDeps) {
    this.#store = deps.store;
    this.#priceBook = deps.priceBook;
    this.#limits = deps.limits ?? {};
    this.#attribution = deps.attribution ?? NO_ATTRIBUTION_RULES;
  }

  /** Throws `OtlpDecodeError` when the body cannot be decoded at all; nothing is stored then. */
  async ingestOtlp(body: Uint8Array, encoding: OtlpEncoding): Promise<CaptureResult> {
    const decoded = decodeTraceRequest(body, encoding, this.#limits);
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
      const attributes = applyAttribution(step.attributes, this.#attribution);
      priced.push({ ...step, attributes, cost: this.#priceBook.priceStep(step) });
    }
    const stored =
      priced.length > 0 ? await this.#store.insertSteps(priced) : { inserted: 0, duplicates: 0 };
    return {
      acceptedSpans: priced.length,
      duplicateSpans: stored.duplicates,
      rejectedSpans: rejected,
      rejectionMessages: messages,
    };
  }
}
