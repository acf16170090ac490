/**
 * AI SDK v7 `generateText` with one tool over two steps (tool call, then final text) against the
 * stub through `@ai-sdk/openai`, traced by `@ai-sdk/otel` on a non-global tracer.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { OpenTelemetry } from '@ai-sdk/otel';
import { generateText, isStepCount, jsonSchema, tool } from 'ai';
import { STUB_SCRIPT_HEADER, scriptStub } from './openai-stub-server.js';
import { callFromReply, type OffSpanFact, type ScenarioResult } from './scenario-result.js';
import { type ScenarioOptions, startScenarioTelemetry } from './scenario-telemetry.js';
import type { StubEndpoint, StubReply } from './stub-reply.js';

export interface VercelAiScenarioOptions extends ScenarioOptions {
  /** `chat` = `openai.chat(model)` (Chat Completions); `responses` = `openai(model)`, the default. */
  api?: 'chat' | 'responses';
  /** Turns on `@ai-sdk/otel`'s opt-in `usage` flag (AI SDK usage details beyond GenAI SemConv). */
  usageDetails?: boolean;
}

/** Carried as AI SDK runtime context, opted into telemetry with `includeRuntimeContext`. */
export const VERCEL_AI_BUSINESS = { workUnitId: 'order-9001' } as const;

function replies(endpoint: StubEndpoint): [StubReply, StubReply] {
  const prefix = endpoint === 'chat' ? 'chatcmpl' : 'resp';
  return [
    {
      endpoint,
      id: `${prefix}-vercel-0001`,
      model: 'o4-mini-2025-04-16',
      toolCalls: [{ id: 'call_weather_1', name: 'getWeather', arguments: '{"city":"Berlin"}' }],
      usage: { inputTokens: 310, outputTokens: 86, reasoningTokens: 64 },
    },
    {
      endpoint,
      id: `${prefix}-vercel-0002`,
      model: 'o4-mini-2025-04-16',
      text: 'It is 18 degrees in Berlin.',
      usage: { inputTokens: 380, outputTokens: 16, cacheReadTokens: 256 },
    },
  ];
}

const getWeather = tool({
  description: 'Current temperature of a city in degrees Celsius',
  inputSchema: jsonSchema<{ city: string }>({
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  }),
  execute: async ({ city }) => ({ city, celsius: 18 }),
});

export async function vercelAiScenario(options: VercelAiScenarioOptions): Promise<ScenarioResult> {
  const api = options.api ?? 'chat';
  const script = replies(api);
  const scriptId = await scriptStub(options.openaiUrl, script);
  const telemetry = startScenarioTelemetry(options, 'vercel-ai-app');
  const provider = createOpenAI({
    baseURL: `${options.openaiUrl}/v1`,
    apiKey: 'sk-stub',
    headers: { [STUB_SCRIPT_HEADER]: scriptId },
  });
  const integration = new OpenTelemetry({
    tracer: telemetry.provider.getTracer('ai-sdk-app'),
    usage: options.usageDetails === true,
    runtimeContext: true,
  });
  await generateText({
    model: api === 'chat' ? provider.chat('o4-mini') : provider('o4-mini'),
    prompt: 'How warm is it in Berlin?',
    tools: { getWeather },
    stopWhen: isStepCount(5),
    maxRetries: 0,
    runtimeContext: VERCEL_AI_BUSINESS,
    telemetry: {
      functionId: 'weather-agent',
      includeRuntimeContext: { workUnitId: true },
      integrations: integration,
    },
  });
  const offSpan: OffSpanFact[] = options.usageDetails === true ? [] : ['reasoningTokens'];
  return {
    traceIds: await telemetry.finish(),
    calls: script.map((reply) => callFromReply('o4-mini', reply, offSpan)),
  };
}
