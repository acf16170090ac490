import { describe, expect, it } from 'vitest';
import type { Attributes, OtlpScope, OtlpSpan } from '../../domain/index.js';
import { MAPPERS, normalizeSpan } from './normalize-span.js';

const TRACE = '3f2a0c1d4e5b6a7980a1b2c3d4e5f607';
const SPAN = 'a1b2c3d4e5f60718';

function span(attributes: Attributes, scope: OtlpScope = { name: 'x', version: '' }): OtlpSpan {
  return {
    traceId: TRACE,
    spanId: SPAN,
    parentSpanId: null,
    name: 'span',
    kind: 1,
    startTimeUnixNano: 10n,
    endTimeUnixNano: 20n,
    attributes,
    events: [],
    statusCode: 1,
    statusMessage: '',
    resource: { 'service.name': 'svc' },
    scope,
  };
}

function conventionOf(attributes: Attributes, scope?: OtlpScope): string {
  const result = normalizeSpan(span(attributes, scope));
  if (!result.ok) throw new Error(result.error);
  return result.step.convention;
}

describe('MAPPERS', () => {
  it('has a fixed order, most specific first, generic last', () => {
    expect(MAPPERS.map((m) => m.name)).toEqual([
      'tokenledger',
      'langfuse',
      'pydantic-ai',
      'vercel-ai',
      'openinference',
      'traceloop',
      'gen-ai',
      'generic',
    ]);
  });

  it('dispatches on scope before attributes other SDKs stamp onto foreign spans', () => {
    const chat = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o' };
    expect(
      conventionOf({ ...chat, 'openinference.span.kind': 'LLM' }, { name: 'gen_ai', version: '1' }),
    ).toBe('vercel-ai');
    expect(
      conventionOf(
        { 'ai.operationId': 'ai.toolCall', 'traceloop.workflow.name': 'w' },
        { name: 'ai', version: '' },
      ),
    ).toBe('vercel-ai');
    expect(conventionOf({ ...chat, 'traceloop.association.properties.user_id': 'u' })).toBe(
      'gen-ai',
    );
    expect(conventionOf({ ...chat, 'traceloop.span.kind': 'task' })).toBe('traceloop');
    expect(conventionOf({ ...chat, 'openinference.span.kind': 'LLM' })).toBe('openinference');
    expect(conventionOf(chat, { name: 'pydantic-ai', version: '2' })).toBe('pydantic-ai');
    expect(conventionOf({ 'langfuse.observation.type': 'span' })).toBe('langfuse');
    expect(conventionOf({ 'tokenledger.step.kind': 'human', ...chat })).toBe('tokenledger');
    expect(conventionOf({ 'http.method': 'GET' })).toBe('generic');
  });

  it('keeps unknown spans as `other` steps with their business attributes', () => {
    const result = normalizeSpan(span({ 'http.method': 'GET', 'claim.id': 'C-1' }));
    expect(result).toMatchObject({
      ok: true,
      step: {
        kind: 'other',
        convention: 'generic',
        status: 'ok',
        durationNano: 10n,
        usageIsRollup: false,
      },
    });
    expect(result.ok && result.step.attributes).toEqual({
      'claim.id': 'C-1',
      'service.name': 'svc',
    });
  });
});

describe('normalizeSpan invalid usage', () => {
  const chat = { 'gen_ai.operation.name': 'chat' };
  const cases: [string, Attributes[string], string][] = [
    ['gen_ai.usage.input_tokens', -5, 'must be a non-negative integer, got -5'],
    ['gen_ai.usage.output_tokens', 1.5, 'must be a non-negative integer, got 1.5'],
    ['gen_ai.usage.input_tokens', 'lots', 'must be a non-negative integer, got "lots"'],
    ['gen_ai.usage.input_tokens', true, 'must be a non-negative integer, got true'],
    [
      'gen_ai.usage.cache_read.input_tokens',
      2e12,
      'must be at most 1000000000000, got 2000000000000',
    ],
    ['gen_ai.usage.reasoning.output_tokens', [1], 'must be a non-negative integer, got [1]'],
  ];
  for (const [key, value, rule] of cases) {
    it(`rejects ${key} = ${JSON.stringify(value)}`, () => {
      expect(normalizeSpan(span({ ...chat, [key]: value }))).toEqual({
        ok: false,
        error: `span ${TRACE}/${SPAN}: ${key} ${rule}`,
      });
    });
  }

  it('rejects invalid counts in every convention, e.g. OpenInference and AI SDK', () => {
    const oi = normalizeSpan(
      span({ 'openinference.span.kind': 'LLM', 'llm.token_count.prompt': -1 }),
    );
    expect(oi).toMatchObject({
      ok: false,
      error: expect.stringContaining('llm.token_count.prompt'),
    });
    const ai = normalizeSpan(span({ 'ai.usage.promptTokens': 'NaN' }, { name: 'ai', version: '' }));
    expect(ai).toMatchObject({
      ok: false,
      error: expect.stringContaining('ai.usage.promptTokens'),
    });
  });

  it('accepts numeric strings, integer-valued doubles and null (unset) counts', () => {
    const result = normalizeSpan(
      span({
        ...chat,
        'gen_ai.usage.input_tokens': '120',
        'gen_ai.usage.output_tokens': 7.0,
        'gen_ai.usage.cache_read.input_tokens': null,
      }),
    );
    expect(result.ok && result.step.usage).toMatchObject({
      inputTokens: 120,
      outputTokens: 7,
      cacheReadTokens: null,
    });
  });

  it('coerces or ignores wrong-typed non-usage attributes', () => {
    const result = normalizeSpan(
      span({
        ...chat,
        'gen_ai.request.model': 4,
        'gen_ai.provider.name': { a: 1 },
        'session.id': 99,
        'gen_ai.usage.cost': 'free',
      }),
    );
    expect(result.ok && result.step).toMatchObject({
      model: '4',
      requestModel: '4',
      provider: null,
      sessionId: '99',
      providedCostUsd: null,
    });
  });

  it('treats an "inclusive" input smaller than its cache as exclusive, so uncached never goes negative', () => {
    const result = normalizeSpan(
      span({
        ...chat,
        'gen_ai.usage.input_tokens': 200,
        'gen_ai.usage.cache_read.input_tokens': 800,
      }),
    );
    expect(result.ok && result.step.usage).toMatchObject({
      inputTokens: 1000,
      cacheReadTokens: 800,
    });
  });
});
