import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { countTraceUsage } from '../../../test/fixtures/semconv/count-trace-usage.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { pydanticAiMapper } from './pydantic-ai.js';

describe('pydantic-ai mapper', () => {
  it('agent run with gen_ai.aggregated_usage counts the two model requests once', () => {
    const steps = checkSpanCases(pydanticAiMapper, loadSpanFixture('pydantic-ai/agent-run.json'));
    expect(countTraceUsage(steps)).toEqual({
      inputTokens: 2400,
      outputTokens: 300,
      cacheReadTokens: 1000,
      cacheWriteTokens: 0,
      countedSpanIds: ['0000000000000002', '0000000000000004'],
    });
  });

  it('format 2 `agent run` with gen_ai.usage.* is a roll-up of its model request', () => {
    const steps = checkSpanCases(
      pydanticAiMapper,
      loadSpanFixture('pydantic-ai/format-2-agent-run.json'),
    );
    expect(countTraceUsage(steps).countedSpanIds).toEqual(['0000000000000002']);
  });
});
