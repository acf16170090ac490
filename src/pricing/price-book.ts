/**
 * The price book: Step → StepCost on the ingest hot path. Overrides win over the catalog;
 * resolved prices are cached per (provider, model, UTC day) in a bounded map.
 */
import { hasUsage, type Step, type StepCost } from '../domain/index.js';
import { type CatalogMatch, findCatalogModel } from './catalog-match.js';
import {
  type CatalogProviders,
  loadCatalogProviders,
  readCatalogVersion,
  resolveCatalogProvider,
} from './catalog-providers.js';
import { catalogRates, priceInForce } from './catalog-rates.js';
import { computeCallCost } from './compute-call-cost.js';
import { normalizeModelName } from './normalize-model-name.js';
import { OverrideMatcher, type StepIdentity } from './override-matcher.js';
import type { PriceOverrides } from './price-overrides.js';
import type { ResolvedPrice } from './resolved-price.js';

const MS_PER_DAY = 86_400_000;
const CACHE_LIMIT = 20_000;

/**
 * Used when the price file names no multiplier for a tier: OpenAI, Anthropic and Google bill
 * batch at half price and OpenAI bills flex at batch rates. Any other tier is billed 1×.
 */
export const DEFAULT_SERVICE_TIERS: Readonly<Record<string, string>> = {
  batch: '0.5',
  flex: '0.5',
};

export interface PriceBook {
  /** `genai-prices@<version>` of the bundled catalog. */
  readonly catalogVersion: string;
  /**
   * `no_usage` (a step that is not a model call and has no token counts) costs 0n. A model call
   * without token counts is `usage_unknown`, and `unpriced` (usage but no price for the model)
   * has a null cost: neither is ever 0n.
   */
  priceStep(step: Step): StepCost;
  /** The price in force for a model and provider at an instant; null when none is known. */
  lookup(model: string, provider: string | null, at: Date): ResolvedPrice | null;
}

export function createPriceBook(options: { overrides?: PriceOverrides } = {}): PriceBook {
  return new CachedPriceBook(catalogProviders(), catalogVersion(), options.overrides ?? null);
}

type Source =
  | { readonly kind: 'override'; readonly price: ResolvedPrice }
  | {
      readonly kind: 'catalog';
      readonly match: CatalogMatch;
      readonly discount: string | null;
      readonly memo: Map<object, ResolvedPrice | null>;
    };

const UNPRICED: StepCost = {
  pricingStatus: 'unpriced',
  costFemto: null,
  inputCostFemto: null,
  outputCostFemto: null,
  priceSource: null,
  priceId: null,
  priceVersion: null,
};

const NO_USAGE: StepCost = {
  ...UNPRICED,
  pricingStatus: 'no_usage',
  costFemto: 0n,
  inputCostFemto: 0n,
  outputCostFemto: 0n,
};

const USAGE_UNKNOWN: StepCost = { ...UNPRICED, pricingStatus: 'usage_unknown' };

class CachedPriceBook implements PriceBook {
  readonly catalogVersion: string;
  readonly #providers: CatalogProviders;
  readonly #overrides: OverrideMatcher | null;
  readonly #cache = new Map<string, Source | null>();

  constructor(providers: CatalogProviders, version: string, overrides: PriceOverrides | null) {
    this.#providers = providers;
    this.catalogVersion = version;
    this.#overrides = overrides ? new OverrideMatcher(overrides) : null;
  }

  priceStep(step: Step): StepCost {
    if (!hasUsage(step.usage)) {
      return step.kind === 'llm' || step.kind === 'embedding' ? USAGE_UNKNOWN : NO_USAGE;
    }
    const at = Number(step.startTimeUnixNano / 1_000_000n);
    let price = step.model === null ? null : this.#priceAt(step.model, step.provider, at);
    if (price === null && step.requestModel !== null && step.requestModel !== step.model) {
      price = this.#priceAt(step.requestModel, step.provider, at);
    }
    if (price === null) return UNPRICED;

    const tier = step.serviceTier?.trim().toLowerCase() ?? null;
    const fileMultiplier = tier === null ? undefined : this.#overrides?.serviceTierMultiplier(tier);
    const multiplier = fileMultiplier ?? (tier === null ? undefined : DEFAULT_SERVICE_TIERS[tier]);
    let cost: ReturnType<typeof computeCallCost>;
    try {
      cost = computeCallCost(step.usage, price, { serviceTierMultiplier: multiplier });
    } catch {
      // Token counts that are not non-negative integers cannot be priced exactly.
      return UNPRICED;
    }
    return {
      pricingStatus: 'priced',
      costFemto: cost.totalFemto,
      inputCostFemto: cost.inputFemto,
      outputCostFemto: cost.outputFemto,
      priceSource: price.source,
      priceId: price.priceId,
      priceVersion: this.#versionOf(price, fileMultiplier !== undefined),
    };
  }

  /** A catalog amount the price file changed (discount or tier multiplier) names both versions. */
  #versionOf(price: ResolvedPrice, tierFromFile: boolean): string {
    const alreadyNamed = price.source === 'override' || price.discount !== null;
    if (!tierFromFile || alreadyNamed || !this.#overrides) return price.priceVersion;
    return `${price.priceVersion}+${this.#overrides.version}`;
  }

  lookup(model: string, provider: string | null, at: Date): ResolvedPrice | null {
    return this.#priceAt(model, provider, at.getTime());
  }

  #priceAt(model: string, provider: string | null, atMs: number): ResolvedPrice | null {
    const day = Math.floor(atMs / MS_PER_DAY);
    const key = `${provider ?? ''}\u0000${model}\u0000${day}`;
    let source = this.#cache.get(key);
    if (source === undefined) {
      source = this.#resolve(model, provider, day * MS_PER_DAY);
      if (this.#cache.size >= CACHE_LIMIT) {
        const oldest = this.#cache.keys().next();
        if (!oldest.done) this.#cache.delete(oldest.value);
      }
      this.#cache.set(key, source);
    }
    if (source === null) return null;
    if (source.kind === 'override') return source.price;
    // Catalog prices may change by date or time of day, so the entry in force is chosen per call.
    const prices = priceInForce(source.match.model, atMs);
    let price = source.memo.get(prices);
    if (price === undefined) {
      const rates = catalogRates(prices);
      price = rates && {
        source: 'catalog',
        priceId: `${source.match.provider.id}/${source.match.model.id}`,
        priceVersion:
          source.discount === null
            ? this.catalogVersion
            : `${this.catalogVersion}+${this.#overrides?.version}`,
        rates,
        discount: source.discount,
      };
      source.memo.set(prices, price);
    }
    return price;
  }

  /** Everything about a price that depends only on the model, provider and UTC day. */
  #resolve(model: string, provider: string | null, dayStartMs: number): Source | null {
    const candidates = normalizeModelName(model);
    if (candidates.length === 0) return null;
    const catalogProvider = resolveCatalogProvider(this.#providers, provider);
    const providerNames = [provider?.trim().toLowerCase(), catalogProvider?.id].filter(
      (name): name is string => name !== undefined && name !== '',
    );
    const identity: StepIdentity = {
      rawModel: model,
      candidates,
      providers: providerNames,
      atMs: dayStartMs,
    };
    const override = this.#overrides?.priceFor(identity);
    if (override) return { kind: 'override', price: override };
    const match = findCatalogModel(this.#providers, provider, candidates);
    if (!match) return null;
    const discountIdentity =
      providerNames.length > 0 ? identity : { ...identity, providers: [match.provider.id] };
    return {
      kind: 'catalog',
      match,
      discount: this.#overrides?.catalogDiscountFor(discountIdentity) ?? null,
      memo: new Map(),
    };
  }
}

let sharedProviders: CatalogProviders | null = null;
let sharedVersion: string | null = null;

function catalogProviders(): CatalogProviders {
  sharedProviders ??= loadCatalogProviders();
  return sharedProviders;
}

function catalogVersion(): string {
  sharedVersion ??= readCatalogVersion();
  return sharedVersion;
}
