/**
 * Scenarios where the official `openai` client calls the stub under a business root span,
 * instrumented by OpenLLMetry, OpenInference, or both stacked on the same client.
 */
import { SpanKind, type Tracer } from '@opentelemetry/api';
import OpenAI from 'openai';
import { instrumentOpenAi, type OpenAiInstrumentationName } from './instrument-openai.js';
import { STUB_SCRIPT_HEADER, scriptStub } from './openai-stub-server.js';
import {
  callFromReply,
  type OffSpanFact,
  type ScenarioCall,
  type ScenarioResult,
} from './scenario-result.js';
import { type ScenarioOptions, startScenarioTelemetry } from './scenario-telemetry.js';
import type { StubReply } from './stub-reply.js';

export interface OpenAiClientScenarioOptions extends ScenarioOptions {
  /** Streams the second chat call (with `stream_options.include_usage`). */
  stream?: boolean;
}

/** Business keys on the root span that wraps the workload (no GenAI attributes on it). */
export const OPENAI_CLIENT_BUSINESS = { 'tokenledger.work_unit.id': 'claim-2201' } as const;

function workloadReplies(tag: string): [StubReply, StubReply, StubReply] {
  return [
    {
      endpoint: 'chat',
      id: `chatcmpl-${tag}-0001`,
      model: 'gpt-4o-mini-2024-07-18',
      text: 'The claim is covered.',
      usage: { inputTokens: 2048, outputTokens: 120, cacheReadTokens: 1536 },
    },
    {
      endpoint: 'chat',
      id: `chatcmpl-${tag}-0002`,
      model: 'o4-mini-2025-04-16',
      text: 'Payout approved: 420 EUR.',
      usage: { inputTokens: 900, outputTokens: 300, reasoningTokens: 128 },
    },
    {
      endpoint: 'embeddings',
      id: '',
      model: 'text-embedding-3-small',
      usage: { inputTokens: 12, outputTokens: 0 },
    },
  ];
}

const USAGE_FACTS: OffSpanFact[] = [
  'inputTokens',
  'outputTokens',
  'cacheReadTokens',
  'reasoningTokens',
];

/**
 * The libraries whose span a call really gets. OpenLLMetry's `_wrap` (@opentelemetry/instrumentation
 * 0.203) first unwraps a method that is already wrapped, so when it is applied after OpenInference
 * it removes OpenInference's wrapper from every method it patches itself (not from embeddings).
 */
function spanningLibraries(
  names: OpenAiInstrumentationName[],
  call: 'chat' | 'stream' | 'embeddings',
): OpenAiInstrumentationName[] {
  const displaced =
    call !== 'embeddings' && names.indexOf('openllmetry') > names.indexOf('openinference');
  return displaced ? names.filter((name) => name !== 'openinference') : names;
}

/** What each library leaves off its spans, as read from its source and checked by harness.test. */
function libraryOffSpan(
  name: OpenAiInstrumentationName,
  call: 'chat' | 'stream' | 'embeddings',
): OffSpanFact[] {
  if (name === 'openllmetry') {
    if (call === 'embeddings') return ['call'];
    return call === 'stream' ? USAGE_FACTS : ['cacheReadTokens', 'reasoningTokens'];
  }
  if (call === 'embeddings') return ['inputTokens'];
  if (call === 'stream') return [...USAGE_FACTS, 'responseId', 'responseModel'];
  return ['responseId', 'requestModel'];
}

/** With several spans for one call, a fact is off-span only if every one of them lacks it. */
function offSpan(
  names: OpenAiInstrumentationName[],
  call: 'chat' | 'stream' | 'embeddings',
): OffSpanFact[] {
  const sets = spanningLibraries(names, call)
    .map((name) => libraryOffSpan(name, call))
    .filter((set) => !set.includes('call'));
  const [first, ...rest] = sets;
  if (first === undefined) return ['call'];
  return first.filter((fact) => rest.every((set) => set.includes(fact)));
}

async function runWorkload(client: OpenAI, tracer: Tracer, stream: boolean): Promise<void> {
  await tracer.startActiveSpan(
    'resolve-claim',
    { kind: SpanKind.INTERNAL, attributes: OPENAI_CLIENT_BUSINESS },
    async (root) => {
      try {
        await client.chat.completions.create({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'Is claim 2201 covered?' }],
        });
        const second = {
          model: 'o4-mini',
          messages: [{ role: 'user' as const, content: 'Compute the payout for claim 2201.' }],
        };
        if (stream) {
          const chunks = await client.chat.completions.create({
            ...second,
            stream: true,
            stream_options: { include_usage: true },
          });
          for await (const _chunk of chunks) {
            // Draining the stream is what ends the instrumentations' spans.
          }
        } else {
          await client.chat.completions.create(second);
        }
        await client.embeddings.create({ model: 'text-embedding-3-small', input: 'claim 2201' });
      } finally {
        root.end();
      }
    },
  );
}

async function runOpenAiClientScenario(
  names: OpenAiInstrumentationName[],
  options: OpenAiClientScenarioOptions,
): Promise<ScenarioResult> {
  const tag = names.join('-');
  const replies = workloadReplies(tag);
  const scriptId = await scriptStub(options.openaiUrl, replies);
  const telemetry = startScenarioTelemetry(options, `${tag}-app`);
  const client = new OpenAI({
    baseURL: `${options.openaiUrl}/v1`,
    apiKey: 'sk-stub',
    maxRetries: 0,
    defaultHeaders: { [STUB_SCRIPT_HEADER]: scriptId },
  });
  const uninstrument = instrumentOpenAi(names, telemetry.provider);
  try {
    await runWorkload(client, telemetry.tracer, options.stream === true);
  } finally {
    uninstrument();
  }
  const [first, second, embedding] = replies;
  const calls: ScenarioCall[] = [
    callFromReply('gpt-4o-mini', first, offSpan(names, 'chat')),
    callFromReply('o4-mini', second, offSpan(names, options.stream === true ? 'stream' : 'chat')),
    callFromReply('text-embedding-3-small', embedding, offSpan(names, 'embeddings')),
  ];
  return { traceIds: await telemetry.finish(), calls };
}

/** OpenLLMetry (`@traceloop/instrumentation-openai`): 2 chat completions + 1 embedding. */
export function openllmetryScenario(options: OpenAiClientScenarioOptions): Promise<ScenarioResult> {
  return runOpenAiClientScenario(['openllmetry'], options);
}

/** OpenInference (`@arizeai/openinference-instrumentation-openai`): the same workload. */
export function openinferenceScenario(
  options: OpenAiClientScenarioOptions,
): Promise<ScenarioResult> {
  return runOpenAiClientScenario(['openinference'], options);
}

/**
 * Both libraries on one client, `last` applied last (default OpenInference). OpenInference last:
 * every chat call yields two nested LLM spans for one response id, OpenInference's the parent.
 * OpenLLMetry last: it strips OpenInference's chat wrapper, so one span per chat call remains.
 */
export function stackedScenario(
  options: OpenAiClientScenarioOptions & { last?: OpenAiInstrumentationName },
): Promise<ScenarioResult> {
  const order: OpenAiInstrumentationName[] =
    options.last === 'openllmetry'
      ? ['openinference', 'openllmetry']
      : ['openllmetry', 'openinference'];
  return runOpenAiClientScenario(order, options);
}
