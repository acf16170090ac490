/**
 * The write path: OTLP bytes → decoded spans → steps → priced steps → the store. A call resolves
 * only once the store has committed its steps, so a caller that answers after it never loses data.
 */
import { type AttributionRules, NO_ATTRIBUTION_RULES } from '../domain/index.js';
import type { DecodeLimits, OtlpEncoding } from '../ingest/index.js';
import type { PriceBook, PriceOverrides } from '../pricing/index.js';
import type { Store } from '../store/index.js';
import { CapturePool } from './capture-pool.js';
import { type PreparedBatch, prepareOtlp } from './prepare-otlp.js';

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
  /**
   * Worker threads that decode, normalise and price off the main thread (0 or absent: none).
   * Each builds its own price book from `priceOverrides`, which must be what `priceBook` was
   * built from.
   */
  workers?: number;
  priceOverrides?: PriceOverrides | null;
}

export class Capture {
  readonly #store: Store;
  readonly #priceBook: PriceBook;
  readonly #limits: Partial<DecodeLimits>;
  readonly #attribution: AttributionRules;
  readonly #pool: CapturePool | null;

  constructor(deps: CaptureDeps) {
    this.#store = deps.store;
    this.#priceBook = deps.priceBook;
    this.#limits = deps.limits ?? {};
    this.#attribution = deps.attribution ?? NO_ATTRIBUTION_RULES;
    const workers = deps.workers ?? 0;
    this.#pool =
      workers > 0
        ? new CapturePool(workers, {
            overrides: deps.priceOverrides ?? null,
            limits: this.#limits,
            attribution: this.#attribution,
          })
        : null;
  }

  /** Throws `OtlpDecodeError` when the body cannot be decoded at all; nothing is stored then. */
  async ingestOtlp(body: Uint8Array, encoding: OtlpEncoding): Promise<CaptureResult> {
    const prepared: PreparedBatch = this.#pool
      ? await this.#pool.prepare(body, encoding)
      : prepareOtlp(body, encoding, {
          priceBook: this.#priceBook,
          limits: this.#limits,
          attribution: this.#attribution,
        });
    const { priced } = prepared;
    const stored =
      priced.length > 0 ? await this.#store.insertSteps(priced) : { inserted: 0, duplicates: 0 };
    return {
      acceptedSpans: priced.length,
      duplicateSpans: stored.duplicates,
      rejectedSpans: prepared.rejectedSpans,
      rejectionMessages: prepared.rejectionMessages,
    };
  }

  /** Stops the capture workers, if any; requests still in them fail. */
  async close(): Promise<void> {
    await this.#pool?.close();
  }
}
