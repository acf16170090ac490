/**
 * Compiled price overrides: which contract price or catalog discount applies to a model,
 * provider and day. Among matching entries the latest `startDate` wins, then file order.
 */
import { usdToFemto } from '../domain/index.js';
import type { PriceOverrideEntry, PriceOverrides } from './price-overrides.js';
import type { PriceRates, ResolvedPrice, TieredRate } from './resolved-price.js';

interface CompiledEntry {
  readonly index: number;
  readonly entry: PriceOverrideEntry;
  readonly matchesModel: (raw: string, candidates: readonly string[]) => boolean;
  readonly provider: string | null;
  readonly startMs: number;
  readonly endMs: number;
}

export interface StepIdentity {
  readonly rawModel: string;
  readonly candidates: readonly string[];
  /** Lower-cased names the entry's `provider` may equal: the step's and its catalog id. */
  readonly providers: readonly string[];
  readonly atMs: number;
}

export class OverrideMatcher {
  readonly version: string;
  readonly #prices: CompiledEntry[] = [];
  readonly #discounts: CompiledEntry[] = [];
  readonly #tiers: ReadonlyMap<string, string>;
  readonly #resolved = new Map<number, ResolvedPrice>();

  constructor(overrides: PriceOverrides) {
    this.version = overrides.version;
    overrides.prices.forEach((entry, index) => {
      const compiled: CompiledEntry = {
        index,
        entry,
        matchesModel: entry.model === undefined ? () => true : compileModelPattern(entry.model),
        provider: entry.provider?.toLowerCase() ?? null,
        startMs: entry.startDate ? Date.parse(`${entry.startDate}T00:00:00Z`) : -Infinity,
        endMs: entry.endDate ? Date.parse(`${entry.endDate}T00:00:00Z`) : Infinity,
      };
      const priced = entry.inputPerMTok !== undefined && entry.outputPerMTok !== undefined;
      (priced ? this.#prices : this.#discounts).push(compiled);
    });
    this.#tiers = new Map(
      Object.entries(overrides.serviceTiers).map(([tier, factor]) => [tier.toLowerCase(), factor]),
    );
  }

  /** The user's own price for this call, if any entry applies. */
  priceFor(step: StepIdentity): ResolvedPrice | null {
    const chosen = pick(this.#prices, step);
    if (!chosen) return null;
    let price = this.#resolved.get(chosen.index);
    if (!price) {
      price = {
        source: 'override',
        priceId: chosen.entry.id ?? `override-${chosen.index}`,
        priceVersion: this.version,
        rates: entryRates(chosen.entry),
        discount: chosen.entry.discount ?? null,
      };
      this.#resolved.set(chosen.index, price);
    }
    return price;
  }

  /** The discount the user negotiated on catalog prices for this call, if any. */
  catalogDiscountFor(step: StepIdentity): string | null {
    return pick(this.#discounts, step)?.entry.discount ?? null;
  }

  serviceTierMultiplier(tier: string): string | undefined {
    return this.#tiers.get(tier);
  }
}

function pick(entries: readonly CompiledEntry[], step: StepIdentity): CompiledEntry | null {
  let best: CompiledEntry | null = null;
  for (const candidate of entries) {
    if (step.atMs < candidate.startMs || step.atMs >= candidate.endMs) continue;
    if (candidate.provider !== null && !step.providers.includes(candidate.provider)) continue;
    if (!candidate.matchesModel(step.rawModel, step.candidates)) continue;
    if (best === null || candidate.startMs > best.startMs) best = candidate;
  }
  return best;
}

/** Exact names and globs compare case-insensitively with every candidate; /regex/ as written. */
function compileModelPattern(pattern: string): CompiledEntry['matchesModel'] {
  const literal = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (literal) {
    const regex = new RegExp(literal[1] ?? '', (literal[2] ?? '').replace('g', ''));
    return (raw, candidates) => regex.test(raw) || candidates.some((name) => regex.test(name));
  }
  const lower = pattern.toLowerCase();
  if (/[*?]/.test(lower)) {
    const source = lower
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    const glob = new RegExp(`^${source}$`);
    return (raw, candidates) =>
      glob.test(raw.toLowerCase()) || candidates.some((name) => glob.test(name));
  }
  return (raw, candidates) => raw.toLowerCase() === lower || candidates.includes(lower);
}

function entryRates(entry: PriceOverrideEntry): PriceRates {
  const tiers = [...(entry.tiers ?? [])].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens);
  const rate = (
    base: string | undefined,
    pickTier: (tier: NonNullable<PriceOverrideEntry['tiers']>[number]) => string | undefined,
  ): TieredRate | null => {
    if (base === undefined) return null;
    const baseRate = usdToFemto(base);
    return {
      base: baseRate,
      tiers: tiers.map((tier) => {
        const value = pickTier(tier);
        // A tier that leaves a kind unpriced keeps the base rate for it.
        return {
          aboveInputTokens: tier.aboveInputTokens,
          rate: value === undefined ? baseRate : usdToFemto(value),
        };
      }),
    };
  };
  return {
    input: rate(entry.inputPerMTok, (t) => t.inputPerMTok) ?? { base: 0n, tiers: [] },
    output: rate(entry.outputPerMTok, (t) => t.outputPerMTok) ?? { base: 0n, tiers: [] },
    cacheRead: rate(entry.cacheReadPerMTok, (t) => t.cacheReadPerMTok),
    cacheWrite: rate(entry.cacheWritePerMTok, (t) => t.cacheWritePerMTok),
    cacheWrite1h: rate(entry.cacheWrite1hPerMTok, (t) => t.cacheWrite1hPerMTok),
    reasoning: null,
    perRequestFemto: 0n,
  };
}
