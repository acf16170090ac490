import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { langfuseMapper } from './langfuse.js';

describe('langfuse mapper', () => {
  const cases = loadSpanFixture('langfuse/spans.json');

  it('maps observations of every type to the expected steps', () => {
    checkSpanCases(langfuseMapper, cases);
  });

  it('converts exclusive buckets so the uncached remainder is the reported input', () => {
    const first = cases[0];
    if (!first) throw new Error('fixture is empty');
    const usage = langfuseMapper.toStep(first.span).usage;
    const uncached =
      (usage.inputTokens ?? 0) - (usage.cacheReadTokens ?? 0) - (usage.cacheWriteTokens ?? 0);
    expect(uncached).toBe(200);
  });

  it('rejects a negative bucket, naming the JSON field', () => {
    const first = cases[0];
    if (!first) throw new Error('fixture is empty');
    const span = {
      ...first.span,
      attributes: { 'langfuse.observation.usage_details': '{"input":-5,"output":1}' },
    };
    expect(() => langfuseMapper.toStep(span)).toThrow(
      'langfuse.observation.usage_details.input must be a non-negative integer, got -5',
    );
  });
});
