import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { countTraceUsage } from '../../../test/fixtures/semconv/count-trace-usage.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { vercelAiMapper } from './vercel-ai.js';

function stepsOf(file: string) {
  return checkSpanCases(vercelAiMapper, loadSpanFixture(`vercel-ai/${file}`));
}

describe('vercel-ai mapper, AI SDK v4–v6 (scope ai)', () => {
  it('v4 generateText: root holds only the last step, the trace total is both provider calls', () => {
    const totals = countTraceUsage(stepsOf('v4-generate-text.json'));
    expect(totals.inputTokens).toBe(700 + 900);
    expect(totals.outputTokens).toBe(120 + 50);
    expect(totals.countedSpanIds).toEqual(['0000000000000002', '0000000000000004']);
  });

  it('v5 Anthropic: adds cache read and the providerMetadata cache write to the exclusive input', () => {
    const totals = countTraceUsage(stepsOf('v5-anthropic-stream-text.json'));
    expect(totals).toMatchObject({
      inputTokens: 5000,
      cacheReadTokens: 800,
      cacheWriteTokens: 4000,
    });
  });

  it('v6 Anthropic: inclusive input and reasoning inside output are kept as reported', () => {
    const totals = countTraceUsage(stepsOf('v6-anthropic-generate-text.json'));
    expect(totals).toMatchObject({ inputTokens: 5000, outputTokens: 300 });
  });

  it('v6 embedMany: root and doEmbed both carry tokens, counted once', () => {
    const totals = countTraceUsage(stepsOf('v6-embed-many.json'));
    expect(totals.inputTokens).toBe(30);
  });
});

describe('vercel-ai mapper, AI SDK v7 (@ai-sdk/otel, scope gen_ai)', () => {
  it('invoke_agent with usage over agent_step and chat children counts the chat calls once', () => {
    const totals = countTraceUsage(stepsOf('v7-invoke-agent.json'));
    expect(totals).toEqual({
      inputTokens: 1600,
      outputTokens: 170,
      cacheReadTokens: 512,
      cacheWriteTokens: 0,
      countedSpanIds: ['0000000000000003', '0000000000000006'],
    });
  });

  it('embeddings root and inner span with the same usage count once', () => {
    const totals = countTraceUsage(stepsOf('v7-embeddings.json'));
    expect(totals.inputTokens).toBe(30);
    expect(totals.countedSpanIds).toEqual(['0000000000000002']);
  });
});
