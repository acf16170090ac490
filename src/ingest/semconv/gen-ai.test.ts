import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { genAiMapper } from './gen-ai.js';

describe('gen-ai mapper', () => {
  const cases = loadSpanFixture('gen-ai/spans.json');

  it('maps current, legacy, OpenLIT and LangSmith GenAI spans to the expected steps', () => {
    const steps = checkSpanCases(genAiMapper, cases);
    expect(steps.map((step) => step.convention)).toEqual(Array(cases.length).fill('gen-ai'));
  });

  it('keeps Anthropic-inclusive input as reported instead of adding the cache again', () => {
    const anthropic = cases.find((c) => c.span.name === 'chat claude-sonnet-4-5');
    expect(anthropic && genAiMapper.toStep(anthropic.span).usage.inputTokens).toBe(5000);
  });

  it('does not claim spans without GenAI attributes', () => {
    const first = cases[0];
    if (!first) throw new Error('fixture is empty');
    expect(genAiMapper.matches({ ...first.span, attributes: { 'http.method': 'GET' } })).toBe(
      false,
    );
  });
});
