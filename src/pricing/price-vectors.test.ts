/** Every shared price vector (../shared/fixtures/price-vectors.json beside the repo) reproduced from the catalog. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyUsage, type Step, usdToFemto } from '../domain/index.js';
import { createPriceBook } from './index.js';

interface Vector {
  id: string;
  model: string;
  provider?: string;
  provider_api_url?: string;
  timestamp?: string;
  usage: Partial<Record<string, number>>;
  expected: { input?: number; output?: number; total: number };
}

const VECTORS_PATH = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'fixtures',
  'price-vectors.json',
);
const vectors = (JSON.parse(readFileSync(VECTORS_PATH, 'utf8')) as { vectors: Vector[] }).vectors;
/** 1e-9 USD in femto-dollars. */
const TOLERANCE = 1_000_000n;
/** Vectors without a timestamp quote list prices in force on this day. */
const UNDATED = '2025-09-01T00:00:00Z';

function stepOf(vector: Vector): Step {
  const ms = BigInt(Date.parse(vector.timestamp ?? UNDATED));
  return {
    traceId: '0'.repeat(32),
    spanId: '0'.repeat(16),
    parentSpanId: null,
    kind: 'llm',
    name: vector.id,
    convention: 'gen-ai',
    model: vector.model,
    requestModel: null,
    // Step carries no API URL: a vector keyed by provider_api_url goes through model-only search.
    provider: vector.provider ?? null,
    responseId: null,
    usage: {
      ...emptyUsage(),
      inputTokens: vector.usage.input_tokens ?? null,
      outputTokens: vector.usage.output_tokens ?? null,
      cacheReadTokens: vector.usage.cache_read_tokens ?? null,
      cacheWriteTokens: vector.usage.cache_write_tokens ?? null,
      cacheWrite1hTokens: vector.usage.cache_write_1h_tokens ?? null,
    },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: ms * 1_000_000n,
    durationNano: 0n,
    status: 'ok',
    statusMessage: '',
    serviceName: null,
    sessionId: null,
    toolName: null,
    stepName: vector.id,
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
  };
}

function within(actual: bigint | null, expected: number): boolean {
  if (actual === null) return false;
  const diff = actual - usdToFemto(expected);
  return (diff < 0n ? -diff : diff) <= TOLERANCE;
}

describe('shared price vectors', () => {
  const book = createPriceBook();

  it('the file holds vectors', () => {
    expect(vectors.length).toBeGreaterThanOrEqual(13);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, vector) => {
    const cost = book.priceStep(stepOf(vector));
    expect(cost.pricingStatus).toBe('priced');
    expect(cost.priceSource).toBe('catalog');
    expect({ id: vector.id, total: within(cost.costFemto, vector.expected.total) }).toEqual({
      id: vector.id,
      total: true,
    });
    if (vector.expected.input !== undefined) {
      expect(within(cost.inputCostFemto, vector.expected.input)).toBe(true);
    }
    if (vector.expected.output !== undefined) {
      expect(within(cost.outputCostFemto, vector.expected.output)).toBe(true);
    }
  });

  it('prices the URL-keyed Claude vector at the Anthropic entry', () => {
    const vector = vectors.find((v) => v.provider_api_url !== undefined);
    expect(vector && book.priceStep(stepOf(vector)).priceId).toBe('anthropic/claude-3-5-sonnet');
  });
});
