/**
 * Real instrumentation libraries and real OTLP exporters, over HTTP, into a running server: every
 * model call is captured with its exact tokens and exact cost, and each trace's total is the sum
 * of its provider calls. Prices per million tokens (genai-prices): gpt-4o-mini $0.15 in / $0.60
 * out / $0.075 cached; o4-mini $1.10 / $4.40 / $0.275; text-embedding-3-small $0.02.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceReport, TraceStepView } from '../../src/analysis/index.js';
import { femtoToUsdString, usdToFemto } from '../../src/domain/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import {
  type OpenAiStub,
  openinferenceScenario,
  openllmetryScenario,
  plainSdkScenario,
  type ScenarioResult,
  stackedScenario,
  startOpenAiStub,
  vercelAiScenario,
} from './support/scenarios.js';

let server: TestServer;
let stub: OpenAiStub;

beforeAll(async () => {
  server = await startTestServer();
  stub = await startOpenAiStub();
});
afterAll(async () => {
  await stub.close();
  await server.dispose();
});

async function traceOf(result: ScenarioResult): Promise<TraceReport> {
  expect(result.traceIds).toHaveLength(1);
  const { status, body } = await server.getJson<TraceReport>(
    `/api/v1/traces/${result.traceIds[0]}`,
  );
  expect(status).toBe(200);
  return body;
}

interface ExpectedCall {
  model: string;
  inputTokens: number | null;
  outputTokens: number | null;
  cacheReadTokens?: number | null;
  costUsd: string | null;
}

/** The counted model calls must be exactly `calls`, and the trace total their sum. */
function expectCalls(report: TraceReport, calls: ExpectedCall[]): void {
  const counted = report.steps.filter(
    (s: TraceStepView) => (s.kind === 'llm' || s.kind === 'embedding') && s.usageCounted,
  );
  // Spans of one trace may share a start time, so calls are compared as a set.
  const sorted = <T>(items: T[]) => items.map((i) => JSON.stringify(i)).sort();
  expect(
    sorted(
      counted.map((s) => ({
        model: s.model,
        inputTokens: s.inputTokens,
        outputTokens: s.outputTokens,
        ...(s.cacheReadTokens !== null || calls.some((c) => c.cacheReadTokens !== undefined)
          ? { cacheReadTokens: s.cacheReadTokens }
          : {}),
        costUsd: s.costUsd === null ? null : femtoToUsdString(usdToFemto(s.costUsd)),
      })),
    ),
  ).toEqual(sorted(calls));
  const sum = calls.reduce(
    (total, c) => total + (c.costUsd === null ? 0n : usdToFemto(c.costUsd)),
    0n,
  );
  expect(report.totals.costUsdExact).toBe(femtoToUsdString(sum));
  expect(report.totals.usageUnknownSteps).toBe(calls.filter((c) => c.costUsd === null).length);
}

describe('OpenTelemetry JS SDK with hand-made GenAI spans', () => {
  for (const protocol of ['protobuf', 'json'] as const) {
    it(`over exporter-trace-otlp-${protocol === 'json' ? 'http (JSON)' : 'proto'}`, async () => {
      const report = await traceOf(await plainSdkScenario({ otlpUrl: server.url, protocol }));
      // 176 uncached × 0.15 + 1,024 cached × 0.075 + 80 out × 0.60 = 26.4 + 76.8 + 48 µ$ = $0.0001512
      // 1,350 × 1.10 + 150 × 4.40 = 1,485 + 660 µ$ = $0.002145
      expectCalls(report, [
        {
          model: 'gpt-4o-mini-2024-07-18',
          inputTokens: 1200,
          outputTokens: 80,
          cacheReadTokens: 1024,
          costUsd: '0.0001512',
        },
        {
          model: 'o4-mini-2025-04-16',
          inputTokens: 1350,
          outputTokens: 150,
          cacheReadTokens: null,
          costUsd: '0.002145',
        },
      ]);
      expect(report.steps.find((s) => s.kind === 'agent')).toMatchObject({
        usageCounted: false,
        usageExclusion: 'rolled_up',
      });
      expect(report.totals.costUsdExact).toBe('0.0022962');
    });
  }
});

describe('the official openai client against a local OpenAI-compatible stub', () => {
  it('instrumented by OpenLLMetry: it reports no cached tokens, so all input is priced uncached', async () => {
    const report = await traceOf(
      await openllmetryScenario({ otlpUrl: server.url, openaiUrl: stub.url }),
    );
    // 2,048 × 0.15 + 120 × 0.60 = 307.2 + 72 µ$ (the stub's 1,536 cached tokens are not on the span)
    // 900 × 1.10 + 300 × 4.40 = 990 + 1,320 µ$; OpenLLMetry emits no span for embeddings.
    expectCalls(report, [
      {
        model: 'gpt-4o-mini-2024-07-18',
        inputTokens: 2048,
        outputTokens: 120,
        costUsd: '0.0003792',
      },
      { model: 'o4-mini-2025-04-16', inputTokens: 900, outputTokens: 300, costUsd: '0.00231' },
    ]);
    expect(report.steps.every((s) => s.convention !== 'openinference')).toBe(true);
  });

  it('instrumented by OpenInference: cached tokens priced at the cache rate; embeddings flagged usage-unknown', async () => {
    const report = await traceOf(
      await openinferenceScenario({ otlpUrl: server.url, openaiUrl: stub.url }),
    );
    // 512 × 0.15 + 1,536 × 0.075 + 120 × 0.60 = 76.8 + 115.2 + 72 µ$ = $0.000264
    expectCalls(report, [
      {
        model: 'gpt-4o-mini-2024-07-18',
        inputTokens: 2048,
        outputTokens: 120,
        cacheReadTokens: 1536,
        costUsd: '0.000264',
      },
      {
        model: 'o4-mini-2025-04-16',
        inputTokens: 900,
        outputTokens: 300,
        cacheReadTokens: 0,
        costUsd: '0.00231',
      },
      {
        model: 'text-embedding-3-small',
        inputTokens: null,
        outputTokens: null,
        cacheReadTokens: null,
        costUsd: null,
      },
    ]);
  });

  it('a streamed call without usage is flagged usage-unknown, never $0', async () => {
    const report = await traceOf(
      await openinferenceScenario({ otlpUrl: server.url, openaiUrl: stub.url, stream: true }),
    );
    expectCalls(report, [
      {
        model: 'gpt-4o-mini-2024-07-18',
        inputTokens: 2048,
        outputTokens: 120,
        cacheReadTokens: 1536,
        costUsd: '0.000264',
      },
      {
        model: 'o4-mini',
        inputTokens: null,
        outputTokens: null,
        cacheReadTokens: null,
        costUsd: null,
      },
      {
        model: 'text-embedding-3-small',
        inputTokens: null,
        outputTokens: null,
        cacheReadTokens: null,
        costUsd: null,
      },
    ]);
  });

  it('OpenLLMetry and OpenInference stacked on one client count each call once, keeping the richer usage', async () => {
    const report = await traceOf(
      await stackedScenario({ otlpUrl: server.url, openaiUrl: stub.url }),
    );
    expectCalls(report, [
      {
        model: 'gpt-4o-mini-2024-07-18',
        inputTokens: 2048,
        outputTokens: 120,
        cacheReadTokens: 1536,
        costUsd: '0.000264',
      },
      {
        model: 'o4-mini-2025-04-16',
        inputTokens: 900,
        outputTokens: 300,
        cacheReadTokens: 0,
        costUsd: '0.00231',
      },
      {
        model: 'text-embedding-3-small',
        inputTokens: null,
        outputTokens: null,
        cacheReadTokens: null,
        costUsd: null,
      },
    ]);
    const shadowed = report.steps.filter((s) => s.kind === 'llm' && !s.usageCounted);
    expect(shadowed.map((s) => [s.convention, s.usageExclusion])).toEqual([
      ['traceloop', 'stacked_duplicate'],
      ['traceloop', 'stacked_duplicate'],
    ]);
  });
});

describe('Vercel AI SDK v7 generateText with a tool over two steps (@ai-sdk/otel)', () => {
  for (const protocol of ['protobuf', 'json'] as const) {
    it(`counts the two provider calls, not the invoke_agent roll-up (${protocol})`, async () => {
      const report = await traceOf(
        await vercelAiScenario({ otlpUrl: server.url, openaiUrl: stub.url, protocol }),
      );
      // 310 × 1.10 + 86 × 4.40 = 341 + 378.4 µ$ = $0.0007194
      // 124 × 1.10 + 256 × 0.275 + 16 × 4.40 = 136.4 + 70.4 + 70.4 µ$ = $0.0002772
      expectCalls(report, [
        {
          model: 'o4-mini-2025-04-16',
          inputTokens: 310,
          outputTokens: 86,
          cacheReadTokens: 0,
          costUsd: '0.0007194',
        },
        {
          model: 'o4-mini-2025-04-16',
          inputTokens: 380,
          outputTokens: 16,
          cacheReadTokens: 256,
          costUsd: '0.0002772',
        },
      ]);
      expect(report.steps.find((s) => s.kind === 'agent')).toMatchObject({
        inputTokens: 690,
        usageCounted: false,
      });
      expect(report.steps.filter((s) => s.kind === 'tool').map((s) => s.toolName)).toEqual([
        'getWeather',
      ]);
    });
  }
});
