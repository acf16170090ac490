/**
 * Catalog prices → exact rates: picks the conditional price in force at the call's time (the
 * package's rules, start dates and times of day) and reads each number through its decimal text.
 */
import type { ModelInfo, ModelPrice } from '@pydantic/genai-prices';
import { divideHalfEven, usdToFemto } from '../domain/index.js';
import type { PriceRates, TieredRate } from './resolved-price.js';

/**
 * The package's rule, kept exactly: entries are scanned last to first and the first whose
 * constraint holds wins (an unconstrained entry always holds); if none holds, the first entry.
 */
export function priceInForce(model: ModelInfo, atMs: number): ModelPrice {
  if (!Array.isArray(model.prices)) return model.prices;
  const at = new Date(atMs);
  const seconds =
    at.getUTCHours() * 3600 +
    at.getUTCMinutes() * 60 +
    at.getUTCSeconds() +
    at.getUTCMilliseconds() / 1000;
  for (let i = model.prices.length - 1; i >= 0; i--) {
    const entry = model.prices[i];
    if (!entry) continue;
    const constraint = entry.constraint;
    if (constraint === undefined) return entry.prices;
    if (constraint.type === 'start_date') {
      if (atMs >= Date.parse(constraint.start_date)) return entry.prices;
      continue;
    }
    const start = secondOfDay(constraint.start_time);
    const end = secondOfDay(constraint.end_time);
    const inside =
      end < start ? seconds >= start || seconds < end : seconds >= start && seconds < end;
    if (inside) return entry.prices;
  }
  const first = model.prices[0];
  if (!first) throw new Error(`catalog model ${model.id} has an empty price list`);
  return first.prices;
}

const TOKEN_KEYS = [
  'input_mtok',
  'output_mtok',
  'cache_read_mtok',
  'cache_write_mtok',
  'cache_write_1h_mtok',
] as const;

const converted = new WeakMap<ModelPrice, PriceRates | null>();

/**
 * null when the entry prices nothing by the token kinds a step reports (audio hours, pages…).
 * An empty entry is a free model and prices at zero. Keys a step has no count for (audio,
 * images, web searches) are ignored.
 */
export function catalogRates(prices: ModelPrice): PriceRates | null {
  const cached = converted.get(prices);
  if (cached !== undefined) return cached;
  const keys = Object.keys(prices);
  const byTokens = keys.length === 0 || TOKEN_KEYS.some((key) => prices[key] !== undefined);
  const rates: PriceRates | null = byTokens
    ? {
        input: rateOf(prices.input_mtok) ?? { base: 0n, tiers: [] },
        output: rateOf(prices.output_mtok) ?? { base: 0n, tiers: [] },
        cacheRead: rateOf(prices.cache_read_mtok),
        cacheWrite: rateOf(prices.cache_write_mtok),
        cacheWrite1h: rateOf(prices.cache_write_1h_mtok),
        reasoning: rateOf(prices.output_reasoning_mtok),
        perRequestFemto: perRequest(prices.requests_kcount),
      }
    : null;
  converted.set(prices, rates);
  return rates;
}

function rateOf(value: ModelPrice[string]): TieredRate | null {
  if (value === undefined) return null;
  if (typeof value === 'number') return { base: usdToFemto(value), tiers: [] };
  return {
    base: usdToFemto(value.base),
    tiers: [...value.tiers]
      .sort((a, b) => a.start - b.start)
      .map((tier) => ({ aboveInputTokens: tier.start, rate: usdToFemto(tier.price) })),
  };
}

function perRequest(value: ModelPrice[string]): bigint {
  if (value === undefined) return 0n;
  const perThousand = typeof value === 'number' ? value : value.base;
  return divideHalfEven(usdToFemto(perThousand), 1000n);
}

function secondOfDay(time: string): number {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/.exec(time);
  if (!match) throw new Error(`invalid catalog time of day: ${time}`);
  const [, h, m, s, frac = '', zone, sign, zh = '00', zm = '00'] = match;
  const local = Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${frac}`);
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(zh) * 60 + Number(zm)) * 60;
  return (local - offset + 86400) % 86400;
}
