/** The price book end to end: statuses, fallbacks, time-of-day prices, no network, throughput. */
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Step, type TokenUsage, usdToFemto } from '../domain/index.js';
import { CATALOG_PROVIDER_IDS, loadCatalogProviders } from './catalog-providers.js';
import { createPriceBook } from './index.js';

const usd = (amount: string): bigint => usdToFemto(amount);

function step(
  fields: Partial<Omit<Step, 'usage'>> & { usage?: Partial<TokenUsage>; at?: string },
): Step {
  const { usage, at, ...rest } = fields;
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    parentSpanId: null,
    kind: 'llm',
    name: 'chat',
    convention: 'gen-ai',
    model: 'gpt-4o',
    requestModel: null,
    provider: 'openai',
    responseId: null,
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: BigInt(Date.parse(at ?? '2025-09-01T12:00:00Z')) * 1_000_000n,
    durationNano: 0n,
    status: 'ok',
    statusMessage: '',
    serviceName: null,
    sessionId: null,
    toolName: null,
    stepName: 'chat',
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
    ...rest,
    usage: { ...emptyUsage(), ...usage },
  };
}

describe('createPriceBook().priceStep', () => {
  const book = createPriceBook();

  it('names the bundled catalog version', () => {
    expect(book.catalogVersion).toBe('genai-prices@0.1.8');
  });

  it('leaves a model nobody prices unpriced, with a null cost (never 0)', () => {
    expect(
      book.priceStep(step({ model: 'acme-llm-9000', provider: null, usage: { inputTokens: 10 } })),
    ).toEqual({
      pricingStatus: 'unpriced',
      costFemto: null,
      inputCostFemto: null,
      outputCostFemto: null,
      priceSource: null,
      priceId: null,
      priceVersion: null,
    });
    expect(book.priceStep(step({ model: null, usage: { inputTokens: 10 } })).pricingStatus).toBe(
      'unpriced',
    );
  });

  it('costs a step without usage 0n: nothing was consumed', () => {
    expect(book.priceStep(step({ kind: 'tool' }))).toMatchObject({
      pricingStatus: 'no_usage',
      costFemto: 0n,
      priceId: null,
    });
  });

  it('flags a model call without token counts (a streamed call) as usage unknown, never $0', () => {
    for (const kind of ['llm', 'embedding'] as const) {
      expect(book.priceStep(step({ kind }))).toMatchObject({
        pricingStatus: 'usage_unknown',
        costFemto: null,
      });
    }
  });

  it('falls back to the request model when the response model is unknown', () => {
    // 1,000 × $2.50 = 0.0025
    const cost = book.priceStep(
      step({ model: 'gpt-4o-acme-proxy', requestModel: 'gpt-4o', usage: { inputTokens: 1_000 } }),
    );
    expect([cost.priceId, cost.costFemto]).toEqual(['openai/gpt-4o', usd('0.0025')]);
  });

  it('follows time-of-day prices within one day (DeepSeek peak 00:30–16:30 UTC)', () => {
    const usage = { inputTokens: 1_000_000 };
    // Peak $0.27/M, off-peak $0.135/M
    expect(
      book.priceStep(
        step({ model: 'deepseek-chat', provider: 'deepseek', usage, at: '2025-09-01T12:00:00Z' }),
      ).costFemto,
    ).toBe(usd('0.27'));
    expect(
      book.priceStep(
        step({ model: 'deepseek-chat', provider: 'deepseek', usage, at: '2025-09-01T20:00:00Z' }),
      ).costFemto,
    ).toBe(usd('0.135'));
  });

  it('never fetches: pricing works with the network call path broken', () => {
    const original = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = (() => {
      calls += 1;
      return Promise.reject(new Error('no network in pricing'));
    }) as typeof fetch;
    try {
      const fresh = createPriceBook();
      for (let i = 0; i < 100; i++) fresh.priceStep(step({ usage: { inputTokens: i + 1 } }));
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toBe(0);
  });

  it('prices a mixed 100,000-step workload, leaving only the unknown model unpriced', () => {
    const models: [string, string | null][] = [
      ['gpt-4o', 'openai'],
      ['gpt-4o-mini-2024-07-18', 'openai'],
      ['claude-sonnet-4-5-20250929', 'anthropic'],
      ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', 'aws.bedrock'],
      ['models/gemini-2.5-pro', 'gcp.gemini'],
      ['deepseek-chat', 'deepseek'],
      ['acme-llm-9000', null],
    ];
    const steps = Array.from({ length: 100_000 }, (_, i) => {
      const [model, provider] = models[i % models.length] ?? ['gpt-4o', 'openai'];
      const day = String(1 + (i % 28)).padStart(2, '0');
      return step({
        model,
        provider,
        at: `2025-09-${day}T12:00:00Z`,
        usage: { inputTokens: 1_000 + i, outputTokens: 200, cacheReadTokens: 500 },
      });
    });
    const fresh = createPriceBook();
    let priced = 0;
    for (const s of steps) if (fresh.priceStep(s).pricingStatus === 'priced') priced += 1;
    expect(priced).toBe(steps.filter((s) => s.model !== 'acme-llm-9000').length);
  });
});

describe('catalog provider list', () => {
  it('resolves every listed id and every fallback target', () => {
    const { all, byId } = loadCatalogProviders();
    expect(all.map((p) => p.id)).toEqual(CATALOG_PROVIDER_IDS);
    for (const provider of all) {
      for (const fallback of provider.fallback_model_providers ?? [])
        expect(byId.has(fallback)).toBe(true);
    }
  });
});
