import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { countTraceUsage } from '../../../test/fixtures/semconv/count-trace-usage.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { traceloopMapper } from './traceloop.js';

describe('traceloop mapper', () => {
  const cases = loadSpanFixture('traceloop/spans.json');

  it('maps decorator, LLM (current and legacy names) and rerank spans to the expected steps', () => {
    checkSpanCases(traceloopMapper, cases);
  });

  it('counts the three LLM calls once each, reasoning inside output', () => {
    const totals = countTraceUsage(cases.map((c) => traceloopMapper.toStep(c.span)));
    expect(totals).toEqual({
      inputTokens: 800 + 1500 + 5000,
      outputTokens: 500 + 90 + 250,
      cacheReadTokens: 512 + 1024 + 800,
      cacheWriteTokens: 4000,
      countedSpanIds: ['0000000000000003', '0000000000000004', '0000000000000005'],
    });
  });
});
