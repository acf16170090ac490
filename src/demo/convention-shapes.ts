/**
 * How each telemetry convention writes a call, exactly as telemetry-mapping.md §1 describes it:
 * span name, span kind, instrumentation scope and attributes. Human steps are tokenledger's own.
 */
import type { ConventionName, SimCall, SimUsage } from './sim-types.js';

export type AttrValue = string | number | boolean;
export type Attr = readonly [string, AttrValue];

export interface SpanShape {
  name: string;
  /** OTLP SpanKind: 1 internal, 3 client. */
  kind: 1 | 3;
  scope: string;
  attributes: Attr[];
}

export const SCOPES: Readonly<Record<ConventionName, string>> = {
  'gen-ai': 'opentelemetry.instrumentation.genai',
  'gen-ai-legacy': 'opentelemetry.instrumentation.genai',
  openinference: 'openinference.instrumentation.langchain',
  traceloop: '@traceloop/node-server-sdk',
  'vercel-ai': 'gen_ai',
  langfuse: 'langfuse-sdk',
};

export const nonZero = (key: string, value: number): Attr[] => (value > 0 ? [[key, value]] : []);

function genAiUsage(u: SimUsage, legacy: boolean): Attr[] {
  if (legacy) {
    return [
      ['gen_ai.usage.prompt_tokens', u.input],
      ['gen_ai.usage.completion_tokens', u.output],
      ...nonZero('gen_ai.usage.cache_read_input_tokens', u.cacheRead),
      ...nonZero('gen_ai.usage.cache_creation_input_tokens', u.cacheWrite),
    ];
  }
  return [
    ['gen_ai.usage.input_tokens', u.input],
    ['gen_ai.usage.output_tokens', u.output],
    ...nonZero('gen_ai.usage.cache_read.input_tokens', u.cacheRead),
    ...nonZero('gen_ai.usage.cache_creation.input_tokens', u.cacheWrite),
    ...nonZero('gen_ai.usage.reasoning.output_tokens', u.reasoning),
  ];
}

function usageOf(call: SimCall): SimUsage {
  if (call.usage === null) throw new RangeError(`${call.step}: a model call needs usage`);
  return call.usage;
}

/** The shape of a model, tool or retrieval call in the OTel GenAI conventions (current or legacy names). */
function genAi(call: SimCall, id: string, legacy: boolean, vercel: boolean): SpanShape {
  const scope = vercel ? SCOPES['vercel-ai'] : SCOPES['gen-ai'];
  const provider: Attr = [legacy ? 'gen_ai.system' : 'gen_ai.provider.name', call.provider ?? ''];
  switch (call.kind) {
    case 'llm':
      return {
        name: `chat ${call.model}`,
        kind: 3,
        scope,
        attributes: [
          ...(legacy ? [] : ([['gen_ai.operation.name', 'chat']] as Attr[])),
          provider,
          ['gen_ai.request.model', call.model ?? ''],
          ['gen_ai.response.model', call.model ?? ''],
          ['gen_ai.response.id', `resp_${id}`],
          ...genAiUsage(usageOf(call), legacy),
        ],
      };
    case 'embedding':
      return {
        name: `embeddings ${call.model}`,
        kind: 3,
        scope,
        attributes: [
          ['gen_ai.operation.name', 'embeddings'],
          provider,
          ['gen_ai.request.model', call.model ?? ''],
          [
            legacy ? 'gen_ai.usage.prompt_tokens' : 'gen_ai.usage.input_tokens',
            usageOf(call).input,
          ],
        ],
      };
    case 'retrieval':
      return {
        name: `retrieval ${call.toolName}`,
        kind: 3,
        scope,
        attributes: [
          ['gen_ai.operation.name', 'retrieval'],
          ['gen_ai.data_source.id', call.toolName ?? ''],
          ['gen_ai.retrieval.documents', JSON.stringify(call.documents ?? [])],
        ],
      };
    case 'tool':
      return {
        name: `execute_tool ${call.toolName}`,
        kind: 1,
        scope,
        attributes: [
          ['gen_ai.operation.name', 'execute_tool'],
          ['gen_ai.tool.name', call.toolName ?? ''],
          ['gen_ai.tool.call.id', `call_${id}`],
          ['gen_ai.tool.type', 'function'],
          ['gen_ai.tool.call.arguments', call.toolArgs ?? '{}'],
        ],
      };
    case 'human':
      return humanShape(call, scope);
  }
}

function humanShape(call: SimCall, scope: string): SpanShape {
  return {
    name: `human ${call.step}`,
    kind: 1,
    scope,
    attributes: [
      ['tokenledger.step.kind', 'human'],
      ['tokenledger.human.minutes', call.humanMinutes ?? 0],
    ],
  };
}

function openInference(call: SimCall): SpanShape {
  const scope = SCOPES.openinference;
  switch (call.kind) {
    case 'llm': {
      const u = usageOf(call);
      return {
        name: call.provider === 'anthropic' ? 'ChatAnthropic' : 'ChatOpenAI',
        kind: 1,
        scope,
        attributes: [
          ['openinference.span.kind', 'LLM'],
          ['llm.model_name', call.model ?? ''],
          ['llm.system', call.provider ?? ''],
          ['llm.provider', call.provider ?? ''],
          ['llm.token_count.prompt', u.input],
          ['llm.token_count.completion', u.output],
          ['llm.token_count.total', u.input + u.output],
          ...nonZero('llm.token_count.prompt_details.cache_read', u.cacheRead),
          ...nonZero('llm.token_count.prompt_details.cache_write', u.cacheWrite),
          ...nonZero('llm.token_count.completion_details.reasoning', u.reasoning),
        ],
      };
    }
    case 'embedding':
      return {
        name: 'OpenAIEmbeddings',
        kind: 1,
        scope,
        attributes: [
          ['openinference.span.kind', 'EMBEDDING'],
          ['embedding.model_name', call.model ?? ''],
          ['llm.token_count.prompt', usageOf(call).input],
        ],
      };
    case 'retrieval': {
      const docs: Attr[] = [];
      (call.documents ?? []).forEach((d, i) => {
        docs.push([`retrieval.documents.${i}.document.id`, d.id]);
        docs.push([`retrieval.documents.${i}.document.score`, d.score]);
      });
      return {
        name: 'VectorStoreRetriever',
        kind: 1,
        scope,
        attributes: [['openinference.span.kind', 'RETRIEVER'], ...docs],
      };
    }
    case 'tool':
      return {
        name: call.toolName ?? 'tool',
        kind: 1,
        scope,
        attributes: [
          ['openinference.span.kind', 'TOOL'],
          ['tool.name', call.toolName ?? ''],
          ['input.value', call.toolArgs ?? '{}'],
        ],
      };
    case 'human':
      return humanShape(call, scope);
  }
}

function traceloop(call: SimCall, id: string, workflow: string): SpanShape {
  const scope = SCOPES.traceloop;
  const stamp: Attr[] = [['traceloop.workflow.name', workflow]];
  if (call.kind === 'llm') {
    const u = usageOf(call);
    return {
      name: `chat ${call.model}`,
      kind: 3,
      scope,
      attributes: [
        ['llm.request.type', 'chat'],
        ['gen_ai.system', call.provider ?? ''],
        ['gen_ai.request.model', call.model ?? ''],
        ['gen_ai.response.model', call.model ?? ''],
        ['gen_ai.response.id', `chatcmpl-${id}`],
        ['gen_ai.usage.prompt_tokens', u.input],
        ['gen_ai.usage.completion_tokens', u.output],
        ['llm.usage.total_tokens', u.input + u.output],
        ...nonZero('gen_ai.usage.cache_read_input_tokens', u.cacheRead),
        ...stamp,
      ],
    };
  }
  if (call.kind === 'tool') {
    return {
      name: `${call.toolName}.tool`,
      kind: 1,
      scope,
      attributes: [
        ['traceloop.span.kind', 'tool'],
        ['traceloop.entity.name', call.toolName ?? ''],
        [
          'traceloop.entity.input',
          JSON.stringify({ args: [], kwargs: JSON.parse(call.toolArgs ?? '{}') }),
        ],
        ...stamp,
      ],
    };
  }
  if (call.kind === 'human') return humanShape(call, scope);
  const shape = genAi(call, id, false, false);
  return { ...shape, attributes: [...shape.attributes, ...stamp] };
}

function langfuse(call: SimCall): SpanShape {
  const scope = SCOPES.langfuse;
  if (call.kind === 'llm' || call.kind === 'embedding') {
    const u = usageOf(call);
    const buckets: Record<string, number> = {
      input: u.input - u.cacheRead - u.cacheWrite,
      output: u.output - u.reasoning,
    };
    if (u.cacheRead > 0) buckets.input_cached_tokens = u.cacheRead;
    if (u.cacheWrite > 0) buckets.input_cache_creation = u.cacheWrite;
    if (u.reasoning > 0) buckets.output_reasoning_tokens = u.reasoning;
    return {
      name: call.step,
      kind: 1,
      scope,
      attributes: [
        ['langfuse.observation.type', call.kind === 'llm' ? 'generation' : 'embedding'],
        ['langfuse.observation.model.name', call.model ?? ''],
        ['langfuse.observation.usage_details', JSON.stringify(buckets)],
      ],
    };
  }
  if (call.kind === 'tool' || call.kind === 'retrieval') {
    return {
      name: call.toolName ?? call.step,
      kind: 1,
      scope,
      attributes: [
        ['langfuse.observation.type', call.kind === 'tool' ? 'tool' : 'retriever'],
        ['langfuse.observation.input', call.toolArgs ?? JSON.stringify(call.documents ?? [])],
      ],
    };
  }
  return humanShape(call, scope);
}

/** The span of one call; `id` is unique within the trace (response and tool-call ids). */
export function callShape(
  convention: ConventionName,
  call: SimCall,
  id: string,
  workflow: string,
): SpanShape {
  switch (convention) {
    case 'gen-ai':
      return genAi(call, id, false, false);
    case 'gen-ai-legacy':
      return genAi(call, id, true, false);
    case 'vercel-ai':
      return call.kind === 'human'
        ? humanShape(call, SCOPES['vercel-ai'])
        : genAi(call, id, false, true);
    case 'openinference':
      return openInference(call);
    case 'traceloop':
      return traceloop(call, id, workflow);
    case 'langfuse':
      return langfuse(call);
  }
}
