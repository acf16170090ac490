/**
 * The shape every price source (catalog or the user's overrides) resolves to before arithmetic:
 * exact rates in femto-dollars per million tokens, so a token count times a rate is exact.
 */

/** A per-million-token rate in femto-dollars, with cliff tiers chosen by the request's input. */
export interface TieredRate {
  readonly base: bigint;
  /**
   * Sorted by `aboveInputTokens`. When the request's total input tokens (cache included) exceed
   * a tier's threshold, every token of this kind in the request is billed at that tier's rate.
   */
  readonly tiers: readonly { readonly aboveInputTokens: number; readonly rate: bigint }[];
}

export interface PriceRates {
  readonly input: TieredRate;
  readonly output: TieredRate;
  /** null: cache reads are billed as ordinary input. */
  readonly cacheRead: TieredRate | null;
  /** 5-minute (default TTL) cache writes; null: billed as ordinary input. */
  readonly cacheWrite: TieredRate | null;
  /** 1-hour cache writes; null: 2× the input rate (Anthropic's published rule). */
  readonly cacheWrite1h: TieredRate | null;
  /** Reasoning tokens when the source prices them apart; null: billed as output. */
  readonly reasoning: TieredRate | null;
  /** A fixed fee per call (catalog `requests_kcount`), in femto-dollars; 0n when none. */
  readonly perRequestFemto: bigint;
}

export interface ResolvedPrice {
  readonly source: 'catalog' | 'override';
  /** Catalog `provider/model-id`, or the override entry's id. */
  readonly priceId: string;
  /** `genai-prices@<version>`, or the override file's version (with `+<file version>` for catalog prices it discounts). */
  readonly priceVersion: string;
  readonly rates: PriceRates;
  /** Fraction taken off every amount ("0.15" = 15% off); null when none. */
  readonly discount: string | null;
}
