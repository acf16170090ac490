/** Model-name normalisation, and the price entry each model form resolves to by provider and date. */
import { describe, expect, it } from 'vitest';
import { createPriceBook, normalizeModelName } from './index.js';

describe('normalizeModelName', () => {
  it.each([
    ['gpt-4o-2024-08-06', ['gpt-4o-2024-08-06', 'gpt-4o']],
    ['OpenAI/GPT-4o', ['openai/gpt-4o', 'gpt-4o']],
    ['models/gemini-2.5-pro', ['gemini-2.5-pro']],
    [
      'projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro',
      ['gemini-2.5-pro'],
    ],
    [
      'claude-3-5-sonnet-v2@20241022',
      ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet-20241022', 'claude-3-5-sonnet'],
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      [
        'us.anthropic.claude-3-7-sonnet-20250219-v1:0',
        'anthropic.claude-3-7-sonnet-20250219-v1:0',
        'claude-3-7-sonnet-20250219-v1:0',
        'claude-3-7-sonnet-20250219',
        'claude-3-7-sonnet',
      ],
    ],
    ['gpt-35-turbo', ['gpt-35-turbo', 'gpt-3.5-turbo']],
    ['  ', []],
  ])('%s', (model, expected) => {
    expect(normalizeModelName(model)).toEqual(expected);
  });
});

describe('model form × provider × date → price entry', () => {
  const book = createPriceBook();
  const at = new Date('2025-09-01T00:00:00Z');

  it.each([
    // Dated snapshot the catalog lists under the base entry, and one it prices apart.
    ['gpt-4o-2024-08-06', 'openai', 'openai/gpt-4o'],
    ['gpt-4o-2024-05-13', 'openai', 'openai/gpt-4o-2024-05-13'],
    ['gpt-4o-mini-2024-07-18', 'openai', 'openai/gpt-4o-mini'],
    ['claude-opus-4-1-20250805', 'anthropic', 'anthropic/claude-opus-4-1'],
    // Provider prefixes, with and without a step provider.
    ['openai/gpt-4o', null, 'openai/gpt-4o'],
    ['openai/gpt-4o', 'openai', 'openai/gpt-4o'],
    ['anthropic/claude-sonnet-4', null, 'anthropic/claude-sonnet-4-0'],
    // Gemini API and Vertex resource names.
    ['models/gemini-2.5-pro', 'gcp.gemini', 'google/gemini-2.5-pro'],
    ['publishers/google/models/gemini-2.5-pro', 'gcp.vertex_ai', 'google/gemini-2.5-pro'],
    ['claude-3-5-sonnet-v2@20241022', 'gcp.vertex_ai', 'google/claude-3-5-sonnet'],
    ['claude-sonnet-4@20250514', 'gcp.vertex_ai', 'google/claude-4-sonnet'],
    // Bedrock model ids, cross-region inference profiles and ARNs keep Bedrock's own entries.
    [
      'us.anthropic.claude-3-5-sonnet-20241022-v2:0',
      'aws.bedrock',
      'aws/regional.anthropic.claude-3-5-sonnet-20241022-v2:0',
    ],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-7-sonnet-20250219-v1:0',
      'aws.bedrock',
      'aws/regional.anthropic.claude-3-7-sonnet-20250219-v1:0',
    ],
    ['meta.llama3-1-70b-instruct-v1:0', 'aws.bedrock', 'aws/meta.llama3-1-70b-instruct-v1:0'],
    // A Bedrock id without a provider falls back to the first-party entry.
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', null, 'anthropic/claude-3-5-sonnet'],
    // Azure OpenAI resolves through the catalog's fallback to OpenAI's list.
    ['gpt-4o', 'azure.ai.openai', 'openai/gpt-4o'],
    ['gpt-35-turbo', 'azure.ai.openai', 'openai/gpt-3.5-turbo'],
    // OTel provider values whose catalog ids differ.
    ['grok-3', 'x_ai', 'x-ai/grok-3'],
    ['mistral-large-latest', 'mistral_ai', 'mistral/mistral-large'],
    // Unknown or mismatched provider: model-only search.
    ['gpt-4o', 'acme-cloud', 'openai/gpt-4o'],
    ['claude-3-haiku-20240307', 'openai', 'anthropic/claude-3-haiku'],
  ])('%s via %s → %s', (model, provider, priceId) => {
    expect(book.lookup(model, provider, at)?.priceId).toBe(priceId);
  });

  it('resolves o3 to the price in force on the call date', () => {
    const before = book.lookup('o3', 'openai', new Date('2025-06-09T23:59:59Z'));
    const after = book.lookup('o3', 'openai', new Date('2025-06-10T00:00:00Z'));
    // $10 → $2 per MTok input on 2025-06-10, in femto-dollars per MTok.
    expect(before?.rates.input.base).toBe(10_000_000_000_000_000n);
    expect(after?.rates.input.base).toBe(2_000_000_000_000_000n);
  });

  it('returns null for a model no provider lists', () => {
    expect(book.lookup('totally-unknown-model', null, at)).toBeNull();
  });
});
