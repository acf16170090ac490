/**
 * The over-powered saving is priced in SQL (store/duckdb/waste-route-pricing.ts) at the bands
 * analysis/waste/reprice.ts `callRatesOf` makes of a price: every call must cost, to the
 * femto-dollar, what pricing/compute-call-cost.ts charges for it — cliff tiers, cache kinds with and
 * without their own rates, reasoning, per-request fees, discounts, and counts past BIGINT's products.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callRatesOf } from '../src/analysis/waste/reprice.js';
import type { TokenUsage } from '../src/domain/index.js';
import { computeCallCost, type ResolvedPrice, type TieredRate } from '../src/pricing/index.js';
import { priceCallsInSql } from '../src/store/duckdb/waste-route-pricing.js';
import type { TokenCounts } from '../src/store/index.js';

const PER_MTOK = 1_000_000_000_000_000n; // $1 per million tokens, in femto-dollars per million

const flat = (base: bigint): TieredRate => ({ base, tiers: [] });

function price(
  rates: Partial<ResolvedPrice['rates']>,
  discount: string | null = null,
): ResolvedPrice {
  return {
    source: 'catalog',
    priceId: 'test/model',
    priceVersion: 'test',
    discount,
    rates: {
      input: flat(PER_MTOK),
      output: flat(5n * PER_MTOK),
      cacheRead: null,
      cacheWrite: null,
      cacheWrite1h: null,
      reasoning: null,
      perRequestFemto: 0n,
      ...rates,
    },
  };
}

const tokens = (t: Partial<TokenCounts>): TokenCounts => ({
  input: 0,
  output: 0,
  cacheRead: null,
  cacheWrite: null,
  cacheWrite1h: null,
  reasoning: null,
  ...t,
});

const usageOf = (t: TokenCounts): TokenUsage => ({
  inputTokens: t.input,
  outputTokens: t.output,
  cacheReadTokens: t.cacheRead,
  cacheWriteTokens: t.cacheWrite,
  cacheWrite1hTokens: t.cacheWrite1h,
  reasoningTokens: t.reasoning,
});

let instance: DuckDBInstance;
let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Prices every call in one statement and expects each at compute-call-cost's amount. */
async function expectSameCosts(calls: { price: ResolvedPrice; tokens: TokenCounts }[]) {
  const expected = calls.map((c) => computeCallCost(usageOf(c.tokens), c.price).totalFemto);
  const actual = await priceCallsInSql(
    connection,
    calls.map((c) => ({ rates: callRatesOf(c.price), tokens: c.tokens })),
  );
  for (const [i, c] of calls.entries())
    expect(actual[i], `call ${i}: ${JSON.stringify(c.tokens)}`).toBe(expected[i]);
  return expected;
}

describe('a call priced in SQL at its cheaper model', () => {
  it('costs the hand-worked amounts', async () => {
    const tiered = price({
      input: { base: PER_MTOK, tiers: [{ aboveInputTokens: 200_000, rate: 2n * PER_MTOK }] },
      output: { base: 5n * PER_MTOK, tiers: [{ aboveInputTokens: 200_000, rate: 10n * PER_MTOK }] },
    });
    const tiny = price({ input: flat(500n), output: flat(0n) });
    const costs = await expectSameCosts([
      // 1,000 input at $1/M + 200 output at $5/M = $0.001 + $0.001.
      { price: price({}), tokens: tokens({ input: 1000, output: 200 }) },
      // Cliff tier: above 200,000 input tokens every input token is $2/M and output $10/M.
      // 250,000 in, 1,000 out = $0.50 + $0.01; 200,000 in stays on the base: $0.20 + $0.005.
      { price: tiered, tokens: tokens({ input: 250_000, output: 1000 }) },
      { price: tiered, tokens: tokens({ input: 200_000, output: 1000 }) },
      // Cache reads at $0.10/M: 10,000 input of which 8,000 read = 2,000 × $1/M + 8,000 ×
      // $0.10/M = $0.002 + $0.0008; a 15% discount keeps 0.85 of it: $0.00238.
      {
        price: price({ cacheRead: flat(PER_MTOK / 10n) }, '0.15'),
        tokens: tokens({ input: 10_000, cacheRead: 8000 }),
      },
      // 500 femto-dollars per million tokens: 3 tokens = 0.0015 femto → 0; 1,000 tokens = 0.5 →
      // 0 (half to even); 3,000 tokens = 1.5 → 2.
      { price: tiny, tokens: tokens({ input: 3 }) },
      { price: tiny, tokens: tokens({ input: 1000 }) },
      { price: tiny, tokens: tokens({ input: 3000 }) },
    ]);
    expect(costs).toEqual([
      2_000_000_000_000n,
      510_000_000_000_000n,
      205_000_000_000_000n,
      2_380_000_000_000n,
      0n,
      0n,
      2n,
    ]);
  });

  it('matches compute-call-cost on random prices and calls, past BIGINT included', async () => {
    let seed = 11;
    const next = (limit: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    // Up to $200 per million with a sub-femto remainder half the time.
    const rate = () =>
      BigInt(next(200_000_000)) * 1_000_000_000n + (next(2) === 0 ? BigInt(next(1_000_000)) : 0n);
    const tiered = (): TieredRate =>
      next(3) === 0
        ? { base: rate(), tiers: [{ aboveInputTokens: 128_000 * (1 + next(2)), rate: rate() }] }
        : flat(rate());
    const maybe = <T>(value: () => T): T | null => (next(3) === 0 ? null : value());
    const discounts = [null, null, '0.15', '0.5', '0.333333333333333'];
    const calls = Array.from({ length: 400 }, (_, i) => {
      const p = price(
        {
          input: tiered(),
          output: tiered(),
          cacheRead: maybe(tiered),
          cacheWrite: maybe(tiered),
          cacheWrite1h: maybe(tiered),
          reasoning: maybe(tiered),
          perRequestFemto: next(4) === 0 ? BigInt(next(10_000_000_000)) : 0n,
        },
        discounts[next(discounts.length)] ?? null,
      );
      // One call in ten past the BIGINT bound (billions of tokens at these rates).
      const input = next(i % 10 === 9 ? 3_000_000_000 : 400_000);
      const output = next(20_000);
      const t = tokens({
        input,
        output,
        cacheRead: maybe(() => next(input + 10)),
        cacheWrite: maybe(() => next(Math.max(1, Math.floor(input / 4)))),
        cacheWrite1h: maybe(() => next(Math.max(1, Math.floor(input / 8)))),
        reasoning: maybe(() => next(output + 50)),
      });
      return { price: p, tokens: t };
    });
    // Prices without tiers are joined to their calls plainly, tiered ones by band (ASOF): both ways.
    const plain = calls.filter((c) => callRatesOf(c.price).bands.length === 1);
    const banded = calls.filter((c) => callRatesOf(c.price).bands.length > 1);
    expect(plain.length).toBeGreaterThan(50);
    expect(banded.length).toBeGreaterThan(50);
    await expectSameCosts(plain);
    await expectSameCosts(banded);
  });

  it('is unpriced without rates, never $0', async () => {
    const rates = { ...callRatesOf(price({})), bands: [] };
    expect(
      await priceCallsInSql(connection, [{ rates, tokens: tokens({ input: 10, output: 1 }) }]),
    ).toEqual([null]);
  });
});
