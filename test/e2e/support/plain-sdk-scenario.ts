/**
 * Hand-made spans from the OpenTelemetry JS SDK carrying OTel GenAI attributes: an `invoke_agent`
 * root with roll-up usage over two `chat` children and one `execute_tool`, plus business keys.
 */
import { context, type Span, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import { callFromReply, type ScenarioResult } from './scenario-result.js';
import { startScenarioTelemetry, type TelemetryOptions } from './scenario-telemetry.js';
import type { StubReply } from './stub-reply.js';

/** The business keys the root span carries; children get them only by trace-level propagation. */
export const PLAIN_SDK_BUSINESS = {
  'tokenledger.work_unit.id': 'ticket-4711',
  'tokenledger.workflow': 'support-triage',
} as const;

const FIRST: StubReply = {
  endpoint: 'chat',
  id: 'chatcmpl-plain-0001',
  model: 'gpt-4o-mini-2024-07-18',
  toolCalls: [{ id: 'call_plain_1', name: 'lookup_order', arguments: '{"orderId":"A-17"}' }],
  usage: { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 1024 },
};
const SECOND: StubReply = {
  endpoint: 'chat',
  id: 'chatcmpl-plain-0002',
  model: 'o4-mini-2025-04-16',
  text: 'Order A-17 shipped yesterday.',
  usage: { inputTokens: 1350, outputTokens: 150, reasoningTokens: 96 },
};

function chatSpan(parent: Span, requestModel: string, reply: StubReply, tracer: Tracer): void {
  const span = tracer.startSpan(
    `chat ${requestModel}`,
    {
      kind: SpanKind.CLIENT,
      attributes: {
        'gen_ai.operation.name': 'chat',
        'gen_ai.provider.name': 'openai',
        'gen_ai.request.model': requestModel,
        'gen_ai.response.model': reply.model,
        'gen_ai.response.id': reply.id,
        'gen_ai.response.finish_reasons': [reply.toolCalls === undefined ? 'stop' : 'tool_calls'],
        'gen_ai.usage.input_tokens': reply.usage.inputTokens,
        'gen_ai.usage.output_tokens': reply.usage.outputTokens,
        ...(reply.usage.cacheReadTokens === undefined
          ? {}
          : { 'gen_ai.usage.cache_read.input_tokens': reply.usage.cacheReadTokens }),
        ...(reply.usage.reasoningTokens === undefined
          ? {}
          : { 'gen_ai.usage.reasoning.output_tokens': reply.usage.reasoningTokens }),
      },
    },
    trace.setSpan(context.active(), parent),
  );
  span.end();
}

export async function plainSdkScenario(options: TelemetryOptions): Promise<ScenarioResult> {
  const telemetry = startScenarioTelemetry(options, 'plain-sdk-agent');
  const tracer = telemetry.provider.getTracer('support-agent', '1.4.2');
  const root = tracer.startSpan('invoke_agent support-agent', {
    kind: SpanKind.INTERNAL,
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'support-agent',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': FIRST.usage.inputTokens + SECOND.usage.inputTokens,
      'gen_ai.usage.output_tokens': FIRST.usage.outputTokens + SECOND.usage.outputTokens,
      'gen_ai.usage.cache_read.input_tokens': FIRST.usage.cacheReadTokens ?? 0,
      ...PLAIN_SDK_BUSINESS,
    },
  });
  chatSpan(root, 'gpt-4o-mini', FIRST, tracer);
  const tool = tracer.startSpan(
    'execute_tool lookup_order',
    {
      kind: SpanKind.INTERNAL,
      attributes: {
        'gen_ai.operation.name': 'execute_tool',
        'gen_ai.tool.name': 'lookup_order',
        'gen_ai.tool.call.id': 'call_plain_1',
        'gen_ai.tool.type': 'function',
      },
    },
    trace.setSpan(context.active(), root),
  );
  tool.end();
  chatSpan(root, 'o4-mini', SECOND, tracer);
  root.end();
  return {
    traceIds: await telemetry.finish(),
    calls: [callFromReply('gpt-4o-mini', FIRST), callFromReply('o4-mini', SECOND)],
  };
}
