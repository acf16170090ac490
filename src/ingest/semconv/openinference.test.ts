import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { countTraceUsage } from '../../../test/fixtures/semconv/count-trace-usage.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { openInferenceMapper } from './openinference.js';

describe('openinference mapper', () => {
  const cases = loadSpanFixture('openinference/spans.json');

  it('maps LLM, EMBEDDING, AGENT, CHAIN, TOOL and RETRIEVER spans to the expected steps', () => {
    checkSpanCases(openInferenceMapper, cases);
  });

  it('adds cache to the JS Bedrock/Anthropic prompt count, which excludes it', () => {
    const bedrock = cases.find((c) => c.span.name === 'bedrock.invoke_model');
    if (!bedrock) throw new Error('fixture lacks the Bedrock span');
    expect(openInferenceMapper.toStep(bedrock.span).usage.inputTokens).toBe(200 + 800 + 4000);
  });

  it('counts the converted AGENT span usage once, through its LLM children', () => {
    const totals = countTraceUsage(cases.map((c) => openInferenceMapper.toStep(c.span)));
    expect(totals.inputTokens).toBe(900 + 5000 + 5000 + 16 + 10);
    expect(totals.countedSpanIds).not.toContain('0000000000000005');
  });
});
