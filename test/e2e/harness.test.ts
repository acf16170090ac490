/**
 * Proves the e2e client harness: each scenario's real library sends real OTLP/HTTP, and the spans
 * carry exactly what the OpenAI stub answered. Comments record what each library really emits.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callAt as call,
  onlySpan as only,
  scenarioSpans,
  spanForCall,
  usageKeys,
} from './support/captured-spans.js';
import {
  type CapturedSpan,
  OPENAI_CLIENT_BUSINESS,
  type OpenAiStub,
  type OtlpCaptureServer,
  openinferenceScenario,
  openllmetryScenario,
  PLAIN_SDK_BUSINESS,
  plainSdkScenario,
  type ScenarioResult,
  stackedScenario,
  startOpenAiStub,
  startOtlpCaptureServer,
  VERCEL_AI_BUSINESS,
  vercelAiScenario,
} from './support/scenarios.js';

const CLIENT = 3;
const INTERNAL = 1;
const OPENLLMETRY_SCOPE = '@traceloop/instrumentation-openai';
const OPENINFERENCE_SCOPE = '@arizeai/openinference-instrumentation-openai';

let stub: OpenAiStub;
let sink: OtlpCaptureServer;

beforeAll(async () => {
  [stub, sink] = await Promise.all([startOpenAiStub(), startOtlpCaptureServer()]);
});
afterAll(async () => {
  await Promise.all([stub.close(), sink.close()]);
});

const json = () => ({ otlpUrl: sink.url, openaiUrl: stub.url, protocol: 'json' as const });
const spansOf = (result: ScenarioResult): CapturedSpan[] => scenarioSpans(sink, result);

describe('plain OpenTelemetry SDK with GenAI attributes', () => {
  it('exports an invoke_agent root with roll-up usage over two chat children and a tool', async () => {
    const result = await plainSdkScenario({ ...json(), resource: { 'tenant.id': 'acme' } });
    const spans = spansOf(result);
    expect(spans).toHaveLength(4);
    const root = only(spans, (s) => s.parentSpanId === '');
    expect(root.name).toBe('invoke_agent support-agent');
    expect(root.scope).toBe('support-agent');
    expect(root.resource).toMatchObject({ 'service.name': 'plain-sdk-agent', 'tenant.id': 'acme' });
    expect(root.attributes).toMatchObject({
      ...PLAIN_SDK_BUSINESS,
      'gen_ai.usage.input_tokens': 2550,
    });
    expect(root.attributes['gen_ai.usage.output_tokens']).toBe(230);
    for (const expected of result.calls) {
      const chat = spanForCall(spans, 'support-agent', expected.responseId ?? '');
      expect(chat.parentSpanId).toBe(root.spanId);
      expect(chat.kind).toBe(CLIENT);
      expect(chat.attributes).toMatchObject({
        'gen_ai.request.model': expected.model,
        'gen_ai.response.model': expected.responseModel,
        'gen_ai.usage.input_tokens': expected.inputTokens,
        'gen_ai.usage.output_tokens': expected.outputTokens,
      });
      expect(chat.attributes['tokenledger.work_unit.id']).toBeUndefined();
    }
    expect(spans.find((s) => s.name === 'chat o4-mini')?.attributes).toMatchObject({
      'gen_ai.usage.reasoning.output_tokens': 96,
    });
    const tool = only(spans, (s) => s.attributes['gen_ai.operation.name'] === 'execute_tool');
    expect([tool.name, tool.parentSpanId]).toEqual(['execute_tool lookup_order', root.spanId]);
  });

  it('sends OTLP protobuf by default', async () => {
    const before = sink.exports.length;
    const result = await plainSdkScenario({ otlpUrl: sink.url });
    const sent = sink.exports.slice(before);
    expect(result.traceIds).toHaveLength(1);
    expect(sent.map((e) => e.contentType)).toEqual(sent.map(() => 'application/x-protobuf'));
    expect(sent.reduce((sum, e) => sum + e.bytes, 0)).toBeGreaterThan(500);
  });
});

// OpenLLMetry 0.27 (scope `@traceloop/instrumentation-openai`): span `chat {request model}`, CLIENT,
// gen_ai.provider.name / operation.name / request.model / response.model / response.id and
// gen_ai.usage.input_tokens, output_tokens, total_tokens. No cache or reasoning key, no span for
// embeddings, and a streamed call carries no usage at all (chunk usage is ignored).
describe('OpenLLMetry on the openai client', () => {
  it('emits one chat span per completion, without cache, reasoning or embeddings', async () => {
    const result = await openllmetryScenario(json());
    const spans = spansOf(result);
    const root = only(spans, (s) => s.parentSpanId === '');
    expect(root.attributes).toEqual(OPENAI_CLIENT_BUSINESS);
    expect(spans).toHaveLength(3);
    for (const expected of result.calls.slice(0, 2)) {
      const chat = spanForCall(spans, OPENLLMETRY_SCOPE, expected.responseId ?? '');
      expect([chat.name, chat.kind, chat.parentSpanId]).toEqual([
        `chat ${expected.model}`,
        CLIENT,
        root.spanId,
      ]);
      expect(chat.attributes).toMatchObject({
        'gen_ai.provider.name': 'openai',
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': expected.model,
        'gen_ai.response.model': expected.responseModel,
      });
      expect(usageKeys(chat).sort()).toEqual([
        'gen_ai.usage.input_tokens',
        'gen_ai.usage.output_tokens',
        'gen_ai.usage.total_tokens',
      ]);
      expect(chat.attributes['gen_ai.usage.input_tokens']).toBe(expected.inputTokens);
      expect(chat.attributes['gen_ai.usage.output_tokens']).toBe(expected.outputTokens);
    }
    expect(call(result, 0).cacheReadTokens).toBe(1536);
    expect(call(result, 0).offSpan).toEqual(['cacheReadTokens', 'reasoningTokens']);
    expect(call(result, 2).offSpan).toEqual(['call']);
  });

  it('loses the usage of a streamed completion but keeps its id and model', async () => {
    const result = await openllmetryScenario({ ...json(), stream: true });
    const streamed = call(result, 1);
    const chat = spanForCall(spansOf(result), OPENLLMETRY_SCOPE, streamed.responseId ?? '');
    expect(chat.attributes['gen_ai.response.model']).toBe(streamed.responseModel);
    expect(usageKeys(chat)).toEqual([]);
    expect(streamed.offSpan).toContain('inputTokens');
  });
});

// OpenInference 4.2 (scope `@arizeai/openinference-instrumentation-openai`): INTERNAL spans named
// `OpenAI Chat Completions` / `OpenAI Embeddings`, openinference.span.kind LLM / EMBEDDING,
// llm.system=openai, llm.model_name OVERWRITTEN with the response model (the request model is only
// in input.value / llm.invocation_parameters JSON), llm.token_count.{prompt,completion,total,
// prompt_details.cache_read,prompt_details.audio,completion_details.reasoning,completion_details.audio}.
// No response id attribute (only inside output.value JSON); embeddings carry no token count.
describe('OpenInference on the openai client', () => {
  it('emits LLM spans with cache and reasoning counts and a token-less EMBEDDING span', async () => {
    const result = await openinferenceScenario(json());
    const spans = spansOf(result);
    expect(spans).toHaveLength(4);
    const root = only(spans, (s) => s.parentSpanId === '');
    for (const expected of result.calls.slice(0, 2)) {
      const llm = spanForCall(spans, OPENINFERENCE_SCOPE, expected.responseId ?? '');
      expect([llm.name, llm.kind, llm.parentSpanId]).toEqual([
        'OpenAI Chat Completions',
        INTERNAL,
        root.spanId,
      ]);
      expect(llm.attributes).toMatchObject({
        'openinference.span.kind': 'LLM',
        'llm.system': 'openai',
        'llm.model_name': expected.responseModel,
        'llm.token_count.prompt': expected.inputTokens,
        'llm.token_count.completion': expected.outputTokens,
        'llm.token_count.total': expected.inputTokens + expected.outputTokens,
        'llm.token_count.prompt_details.cache_read': expected.cacheReadTokens,
        'llm.token_count.completion_details.reasoning': expected.reasoningTokens,
      });
      expect(JSON.parse(String(llm.attributes['llm.invocation_parameters']))).toEqual({
        model: expected.model,
      });
      expect(llm.attributes['gen_ai.response.id']).toBeUndefined();
    }
    const embedding = only(spans, (s) => s.attributes['openinference.span.kind'] === 'EMBEDDING');
    expect(embedding.name).toBe('OpenAI Embeddings');
    expect(embedding.attributes['embedding.model_name']).toBe(call(result, 2).model);
    expect(usageKeys(embedding)).toEqual([]);
    expect(call(result, 2).offSpan).toEqual(['inputTokens']);
  });

  it('loses usage, response id and response model of a streamed completion', async () => {
    const result = await openinferenceScenario({ ...json(), stream: true });
    const llm = only(spansOf(result), (s) => s.attributes['llm.model_name'] === 'o4-mini');
    expect(usageKeys(llm)).toEqual([]);
    expect(llm.attributes['output.value']).toBe('Payout approved: 420 EUR.');
  });
});

// Stacked, OpenInference applied last: it wraps OpenLLMetry's wrapper, so one HTTP call yields two
// nested LLM spans, OpenInference's the parent. Only OpenLLMetry's span has gen_ai.response.id.
// OpenLLMetry applied last instead: its @opentelemetry/instrumentation 0.203 `_wrap` unwraps the
// already-wrapped method first, silently removing OpenInference's chat span (embeddings keep it).
describe('OpenLLMetry and OpenInference stacked on one client', () => {
  it('nests two LLM spans per chat call when OpenInference is applied last', async () => {
    const result = await stackedScenario(json());
    const spans = spansOf(result);
    for (const expected of result.calls.slice(0, 2)) {
      const id = expected.responseId ?? '';
      const llmetry = spanForCall(spans, OPENLLMETRY_SCOPE, id);
      const inference = spanForCall(spans, OPENINFERENCE_SCOPE, id);
      expect(llmetry.parentSpanId).toBe(inference.spanId);
      expect(llmetry.attributes['gen_ai.usage.input_tokens']).toBe(expected.inputTokens);
      expect(inference.attributes['llm.token_count.prompt']).toBe(expected.inputTokens);
      expect(expected.offSpan).toEqual([]);
    }
  });

  it('keeps only OpenLLMetry chat spans when OpenLLMetry is applied last', async () => {
    const result = await stackedScenario({ ...json(), last: 'openllmetry' });
    const spans = spansOf(result);
    expect(spans.filter((s) => s.scope === OPENLLMETRY_SCOPE)).toHaveLength(2);
    const inference = only(spans, (s) => s.scope === OPENINFERENCE_SCOPE);
    expect(inference.name).toBe('OpenAI Embeddings');
    expect(call(result, 0).offSpan).toEqual(['cacheReadTokens', 'reasoningTokens']);
    expect(call(result, 2).offSpan).toEqual(['inputTokens']);
  });
});

// AI SDK v7 + @ai-sdk/otel 1.0 (scope = the tracer the app passes): `invoke_agent {model}` root
// (gen_ai.agent.name = functionId) with the SUMMED usage of its calls, one `step N` span per step
// (gen_ai.operation.name=agent_step), `chat {model}` CLIENT spans under the steps with response id,
// response model, gen_ai.usage.{input_tokens,output_tokens,cache_read.input_tokens}, and
// `execute_tool {name}` under step 1. Reasoning tokens appear only with `usage: true`, as
// ai.usage.outputTokenDetails.reasoningTokens, which is then also on steps and root. Runtime
// context keys (opted in twice) land as ai.settings.context.* on the root and the steps only.
describe('AI SDK v7 generateText with a tool', () => {
  for (const api of ['chat', 'responses'] as const) {
    it(`traces invoke_agent > step > chat and execute_tool (${api} API)`, async () => {
      const result = await vercelAiScenario({ ...json(), api });
      const spans = spansOf(result);
      const root = only(spans, (s) => s.parentSpanId === '');
      expect(root.name).toBe('invoke_agent o4-mini');
      expect(root.attributes).toMatchObject({
        'gen_ai.operation.name': 'invoke_agent',
        'gen_ai.agent.name': 'weather-agent',
        'ai.settings.context.workUnitId': VERCEL_AI_BUSINESS.workUnitId,
        'gen_ai.usage.input_tokens': 690,
        'gen_ai.usage.output_tokens': 102,
        'gen_ai.usage.cache_read.input_tokens': 256,
      });
      const steps = spans.filter((s) => s.attributes['gen_ai.operation.name'] === 'agent_step');
      expect(steps.map((s) => [s.name, s.parentSpanId])).toEqual([
        ['step 1', root.spanId],
        ['step 2', root.spanId],
      ]);
      result.calls.forEach((expected, index) => {
        const chat = spanForCall(spans, 'ai-sdk-app', expected.responseId ?? '');
        expect([chat.name, chat.kind, chat.parentSpanId]).toEqual([
          'chat o4-mini',
          CLIENT,
          steps[index]?.spanId,
        ]);
        expect(chat.attributes).toMatchObject({
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': expected.model,
          'gen_ai.response.model': expected.responseModel,
          'gen_ai.usage.input_tokens': expected.inputTokens,
          'gen_ai.usage.output_tokens': expected.outputTokens,
          'gen_ai.usage.cache_read.input_tokens': expected.cacheReadTokens,
        });
        expect(usageKeys(chat)).toHaveLength(3);
      });
      expect(call(result, 0).reasoningTokens).toBe(64);
      const tool = only(spans, (s) => s.name === 'execute_tool getWeather');
      expect(tool.parentSpanId).toBe(steps[0]?.spanId);
    });
  }

  it('reports reasoning tokens only when the otel usage option is on', async () => {
    const result = await vercelAiScenario({ ...json(), usageDetails: true });
    const chat = spanForCall(spansOf(result), 'ai-sdk-app', call(result, 0).responseId ?? '');
    expect(chat.attributes['ai.usage.outputTokenDetails.reasoningTokens']).toBe(64);
    expect(call(result, 0).offSpan).toEqual([]);
  });
});

describe('harness hygiene', () => {
  it('leaves the openai client unpatched after instrumented scenarios', async () => {
    const pristine = OpenAI.Chat.Completions.prototype.create;
    await openinferenceScenario(json());
    await openllmetryScenario(json());
    expect(OpenAI.Chat.Completions.prototype.create).toBe(pristine);
  });

  it('streams SSE with the usage chunk and answers 500 off script', async () => {
    const client = new OpenAI({ baseURL: `${stub.url}/v1`, apiKey: 'sk-stub', maxRetries: 0 });
    const usage = { inputTokens: 40, outputTokens: 9, cacheReadTokens: 32, reasoningTokens: 4 };
    stub.enqueue([{ endpoint: 'chat', id: 'chatcmpl-sse', model: 'm-1', text: 'streamed', usage }]);
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('streamed');
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 40,
      completion_tokens: 9,
      prompt_tokens_details: { cached_tokens: 32 },
      completion_tokens_details: { reasoning_tokens: 4 },
    });
    await expect(client.chat.completions.create({ model: 'm', messages: [] })).rejects.toThrow(
      /no scripted reply left/,
    );
  });
});
