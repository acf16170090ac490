/** Exact call cost: long-context tiers, cache writes, reasoning, per-request fees, discounts, rounding. */
import { describe, expect, it } from 'vitest';
import { emptyUsage, type TokenUsage, usdToFemto } from '../domain/index.js';
import { computeCallCost, createPriceBook, type ResolvedPrice } from './index.js';

const book = createPriceBook();
const AT = new Date('2025-09-01T00:00:00Z');

function price(model: string, provider: string | null): ResolvedPrice {
  const found = book.lookup(model, provider, AT);
  if (!found) throw new Error(`no catalog price for ${model}`);
  return found;
}

function usage(counts: Partial<TokenUsage>): TokenUsage {
  return { ...emptyUsage(), ...counts };
}

const usd = (amount: string): bigint => usdToFemto(amount);

describe('long-context tiers (economics.md §10): the whole request moves to the tier price', () => {
  const gemini = price('gemini-2.5-pro', 'gcp.gemini');
  // The catalog lists Sonnet 4 without its 1M-beta tier; Sonnet 4.5 carries the same schedule
  // ($3/$15 → $6/$22.50 above 200k input), so §10's Sonnet rows are checked on it.
  const sonnet = price('claude-sonnet-4-5', 'anthropic');

  it.each([
    // 150,000 × $1.25/M = 0.1875 + 2,000 × $10/M = 0.02 → 0.2075
    [gemini, 150_000, '0.2075'],
    // 300,000 > 200k: 300,000 × $2.50/M = 0.75 + 2,000 × $15/M = 0.03 → 0.78 (×3.76)
    [gemini, 300_000, '0.78'],
    // Exactly 200,000 is not above the threshold: 0.25 + 0.02
    [gemini, 200_000, '0.27'],
    // 150,000 × $3/M = 0.45 + 2,000 × $15/M = 0.03 → 0.48
    [sonnet, 150_000, '0.48'],
    // 300,000 × $6/M = 1.8 + 2,000 × $22.50/M = 0.045 → 1.845 (×3.84)
    [sonnet, 300_000, '1.845'],
    // §10 worked example "≈ $0.63 vs ≈ $1.55": 199,999 × $3/M + 0.03 = 0.629997
    [sonnet, 199_999, '0.629997'],
    // 250,000 × $6/M = 1.5 + 2,000 × $22.50/M = 0.045 → 1.545
    [sonnet, 250_000, '1.545'],
  ])('%#: %i input + 2,000 output', (resolved, input, total) => {
    const cost = computeCallCost(usage({ inputTokens: input, outputTokens: 2_000 }), resolved);
    expect(cost.totalFemto).toBe(usd(total));
  });

  it('counts cached tokens towards the threshold and tiers the cache rates too', () => {
    // 250k total > 200k. Uncached 149,000 × $6 = 0.894; read 100,000 × $0.60 = 0.06;
    // 5-minute write 1,000 × $7.50 = 0.0075 → input 0.9615
    const cost = computeCallCost(
      usage({ inputTokens: 250_000, cacheReadTokens: 100_000, cacheWriteTokens: 1_000 }),
      sonnet,
    );
    expect(cost.inputFemto).toBe(usd('0.9615'));
  });
});

describe('cache writes', () => {
  it('prices 1-hour writes at 2× input when the catalog entry has no 1-hour key (Bedrock)', () => {
    const bedrock = price('us.anthropic.claude-sonnet-4-20250514-v1:0', 'aws.bedrock');
    expect(bedrock.rates.cacheWrite1h).toBeNull();
    // 5 uncached × $3 + 4,735 1h writes × $6 (2 × $3) = 0.028425; 255 × $15 = 0.003825
    const cost = computeCallCost(
      usage({
        inputTokens: 4_740,
        cacheWriteTokens: 4_735,
        cacheWrite1hTokens: 4_735,
        outputTokens: 255,
      }),
      bedrock,
    );
    expect([cost.inputFemto, cost.totalFemto]).toEqual([usd('0.028425'), usd('0.03225')]);
  });

  it('splits writes into 5-minute and 1-hour parts', () => {
    // Uncached 5,000 × $3 = 0.015; read 2,000 × $0.30 = 0.0006; 5m 2,000 × $3.75 = 0.0075;
    // 1h 1,000 × $6 = 0.006 → 0.0291
    const cost = computeCallCost(
      usage({
        inputTokens: 10_000,
        cacheReadTokens: 2_000,
        cacheWriteTokens: 3_000,
        cacheWrite1hTokens: 1_000,
      }),
      price('claude-sonnet-4-0', 'anthropic'),
    );
    expect(cost.inputFemto).toBe(usd('0.0291'));
  });

  it('takes cache counts as authoritative when they exceed inputTokens', () => {
    // Uncached would be 100 − 300 < 0 → 0; 300 reads × $1.25 = 0.000375
    const cost = computeCallCost(
      usage({ inputTokens: 100, cacheReadTokens: 300 }),
      price('gpt-4o', 'openai'),
    );
    expect(cost.inputFemto).toBe(usd('0.000375'));
  });
});

describe('output, reasoning and per-request fees', () => {
  it('prices reasoning as part of output, once', () => {
    // 1,000 output (800 of them reasoning) × $4.40/M = 0.0044
    const cost = computeCallCost(
      usage({ outputTokens: 1_000, reasoningTokens: 800 }),
      price('o4-mini', 'openai'),
    );
    expect(cost.outputFemto).toBe(usd('0.0044'));
  });

  it('uses a separate reasoning rate when the catalog has one', () => {
    // Perplexity sonar-deep-research: 400 × $8 + 600 reasoning × $3 = 0.005; 100 × $2 = 0.0002
    const cost = computeCallCost(
      usage({ inputTokens: 100, outputTokens: 1_000, reasoningTokens: 600 }),
      price('sonar-deep-research', 'perplexity'),
    );
    expect([cost.inputFemto, cost.outputFemto]).toEqual([usd('0.0002'), usd('0.005')]);
  });

  it('adds a per-request fee to the total only', () => {
    // Perplexity sonar: $12 per 1,000 requests = 0.012; 1,000 × $1 in + 1,000 × $1 out = 0.002
    const cost = computeCallCost(
      usage({ inputTokens: 1_000, outputTokens: 1_000 }),
      price('sonar', 'perplexity'),
    );
    expect(cost).toEqual({
      inputFemto: usd('0.001'),
      outputFemto: usd('0.001'),
      totalFemto: usd('0.014'),
    });
  });
});

describe('discounts, service tiers and rounding', () => {
  it('applies a discount and a tier multiplier', () => {
    // gpt-4o 1,000 in + 100 out = 0.0035; × 0.9 (10% off) × 0.5 (batch) = 0.001575
    const cost = computeCallCost(
      usage({ inputTokens: 1_000, outputTokens: 100 }),
      { ...price('gpt-4o', 'openai'), discount: '0.1' },
      { serviceTierMultiplier: '0.5' },
    );
    expect(cost.totalFemto).toBe(usd('0.001575'));
  });

  it('rounds each part half-even to a femto-dollar', () => {
    const tiny: ResolvedPrice = {
      source: 'override',
      priceId: 'tiny',
      priceVersion: 'test',
      discount: null,
      rates: {
        input: { base: 1n, tiers: [] },
        output: { base: 1n, tiers: [] },
        cacheRead: null,
        cacheWrite: null,
        cacheWrite1h: null,
        reasoning: null,
        perRequestFemto: 0n,
      },
    };
    // 1 femto per MTok: 500,000 tokens = 0.5 → 0 (even); 1,500,000 tokens = 1.5 → 2 (even)
    const cost = computeCallCost(usage({ inputTokens: 500_000, outputTokens: 1_500_000 }), tiny);
    expect([cost.inputFemto, cost.outputFemto]).toEqual([0n, 2n]);
  });

  it('refuses token counts that are not non-negative integers', () => {
    expect(() => computeCallCost(usage({ inputTokens: 1.5 }), price('gpt-4o', 'openai'))).toThrow(
      RangeError,
    );
  });
});
