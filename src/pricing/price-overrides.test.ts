/** The user's price file: contract dates, discounts, patterns, self-hosted models, tiers, errors. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Step, usdToFemto } from '../domain/index.js';
import {
  createPriceBook,
  loadPriceOverrides,
  type PriceOverrides,
  parsePriceOverrides,
} from './index.js';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/pricing');
const contract = await loadPriceOverrides(resolve(FIXTURES, 'contract-prices.json'));
const usd = (amount: string): bigint => usdToFemto(amount);

function call(
  model: string,
  provider: string | null,
  day: string,
  counts: { input: number; output: number },
  serviceTier: string | null = null,
): Step {
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    parentSpanId: null,
    kind: 'llm',
    name: 'chat',
    convention: 'gen-ai',
    model,
    requestModel: null,
    provider,
    responseId: null,
    usage: { ...emptyUsage(), inputTokens: counts.input, outputTokens: counts.output },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier,
    startTimeUnixNano: BigInt(Date.parse(`${day}T12:00:00Z`)) * 1_000_000n,
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
  };
}

describe('price overrides', () => {
  const book = createPriceBook({ overrides: contract });
  const small = { input: 1_000, output: 100 };

  it('applies a contract price from its start date; the catalog (discounted) before', () => {
    // Before: catalog gpt-4o 1,000 × $2.50 + 100 × $10 = 0.0035, less the 10% enterprise discount
    expect(book.priceStep(call('gpt-4o', 'openai', '2025-06-30', small))).toMatchObject({
      costFemto: usd('0.00315'),
      priceSource: 'catalog',
      priceId: 'openai/gpt-4o',
      priceVersion: `${book.catalogVersion}+acme-2025-07`,
    });
    // From 2025-07-01: 1,000 × $2 + 100 × $8 = 0.0028; the catalog discount does not apply
    expect(book.priceStep(call('gpt-4o-2024-08-06', 'openai', '2025-07-01', small))).toMatchObject({
      costFemto: usd('0.0028'),
      priceSource: 'override',
      priceId: 'acme-gpt-4o-contract',
      priceVersion: 'acme-2025-07',
    });
  });

  it('keeps provider-scoped entries off other providers', () => {
    // Azure OpenAI is neither the contract's nor the discount's provider: list price 0.0035
    expect(book.priceStep(call('gpt-4o', 'azure.ai.openai', '2025-07-01', small))).toMatchObject({
      costFemto: usd('0.0035'),
      priceSource: 'catalog',
      priceVersion: book.catalogVersion,
    });
  });

  it('matches a /regex/ model', () => {
    // 1,000 × $0.30 + 1,000 × $1.20 = 0.0015
    const cost = book.priceStep(
      call('ft:gpt-4o-mini:acme:support:abc123', 'openai', '2025-07-01', {
        input: 1_000,
        output: 1_000,
      }),
    );
    expect([cost.priceId, cost.costFemto]).toEqual(['acme-fine-tunes', usd('0.0015')]);
  });

  it('prices a self-hosted model only for its provider', () => {
    // 1,000,000 × $0.02 + 500,000 × $0.04 = 0.04
    const usage = { input: 1_000_000, output: 500_000 };
    expect(book.priceStep(call('llama-3.1-8b-local', 'vllm', '2025-07-01', usage)).costFemto).toBe(
      usd('0.04'),
    );
    expect(book.priceStep(call('llama-3.1-8b-local', 'ollama', '2025-07-01', usage))).toMatchObject(
      {
        pricingStatus: 'unpriced',
        costFemto: null,
      },
    );
  });

  it('matches a glob and applies the entry’s tiers and discount', () => {
    // 150,000 > 100,000: 150,000 × $2 + 1,000 × $3 = 0.303; 15% off → 0.25755
    const cost = book.priceStep(
      call('ACME-chat-v2', null, '2025-07-01', { input: 150_000, output: 1_000 }),
    );
    expect([cost.priceId, cost.costFemto]).toEqual(['acme-internal-v2', usd('0.25755')]);
  });

  it('applies service-tier multipliers from the file, else the built-in batch/flex halves', () => {
    // 0.00315 (discounted catalog) × 0.5 = 0.001575; × 1.75 = 0.0055125
    expect(book.priceStep(call('gpt-4o', 'openai', '2025-06-30', small, 'batch')).costFemto).toBe(
      usd('0.001575'),
    );
    expect(
      book.priceStep(call('gpt-4o', 'openai', '2025-06-30', small, 'Priority')).costFemto,
    ).toBe(usd('0.0055125'));
    // A file multiplier on an undiscounted catalog price names both versions: 0.0035 × 0.5
    expect(
      book.priceStep(call('gpt-4o', 'azure.ai.openai', '2025-06-30', small, 'batch')),
    ).toMatchObject({
      costFemto: usd('0.00175'),
      priceVersion: `${book.catalogVersion}+acme-2025-07`,
    });
    const plain = createPriceBook();
    // 0.0035 × 0.5 = 0.00175 for batch; an unknown tier bills 1×
    expect(plain.priceStep(call('gpt-4o', 'openai', '2025-06-30', small, 'batch')).costFemto).toBe(
      usd('0.00175'),
    );
    expect(
      plain.priceStep(call('gpt-4o', 'openai', '2025-06-30', small, 'priority')).costFemto,
    ).toBe(usd('0.0035'));
  });

  it('reads numbers through their decimal text', () => {
    const overrides: PriceOverrides = parsePriceOverrides(
      { version: 'v', prices: [{ id: 'n', model: 'm', inputPerMTok: 0.1, outputPerMTok: 1e-7 }] },
      'inline',
    );
    expect(overrides.prices[0]).toMatchObject({ inputPerMTok: '0.1', outputPerMTok: '1e-7' });
  });
});

describe('invalid price files', () => {
  it('names the file when the JSON does not parse', async () => {
    // Written at test time: a broken JSON fixture would fail the repository's format check.
    const path = join(await mkdtemp(join(tmpdir(), 'tokenledger-prices-')), 'prices.json');
    await writeFile(path, '{ "version": "x", "prices": [');
    await expect(loadPriceOverrides(path)).rejects.toThrow(`${path}: $: not valid JSON`);
  });

  it('names the file, the JSON path and the rule for every violation', async () => {
    const path = resolve(FIXTURES, 'invalid-rules.json');
    const message = await loadPriceOverrides(path).then(
      () => '',
      (error: Error) => error.message,
    );
    const lines = message.split('\n');
    expect(lines.every((line) => line.startsWith(`${path}: $.`))).toBe(true);
    for (const expected of [
      '$.prices[0].inputPerMTok: must be a non-negative decimal amount',
      '$.prices[1].outputPerMTok: a price entry needs outputPerMTok',
      '$.prices[2].model: is not a valid /regex/',
      '$.prices[3].startDate: must be a UTC date YYYY-MM-DD',
      '$.prices[4].discount: must be a fraction between 0 and 1',
      '$.prices[5]: Unrecognized key: "inputPerMtok"',
      '$.serviceTiers.batch: must be a positive multiplier',
    ]) {
      expect(lines.some((line) => line.includes(expected))).toBe(true);
    }
  });

  it.each([
    [{ prices: [] }, '$.version: must be a string'],
    [
      { version: 'v', prices: [{ provider: 'openai' }] },
      '$.prices[0].inputPerMTok: an entry needs inputPerMTok and outputPerMTok, or a discount',
    ],
    [
      { version: 'v', prices: [{ discount: '0.1' }] },
      '$.prices[0].provider: a catalog discount needs a provider or a model',
    ],
    [
      { version: 'v', prices: [{ model: 'm', inputPerMTok: 1, outputPerMTok: 1 }] },
      '$.prices[0].id: a price entry needs an id',
    ],
    [
      {
        version: 'v',
        prices: [
          {
            id: 'x',
            model: 'm',
            inputPerMTok: 1,
            outputPerMTok: 1,
            startDate: '2025-02-01',
            endDate: '2025-01-01',
          },
        ],
      },
      '$.prices[0].endDate: must be after startDate',
    ],
  ])('%j', (json, expected) => {
    expect(() => parsePriceOverrides(json, 'prices.json')).toThrow(`prices.json: ${expected}`);
  });
});
