/**
 * Readers for OTel GenAI attributes (semconv v1.27–v1.41 and semantic-conventions-genai after
 * PR #440), with every alias of telemetry-mapping.md §5 rule 5, shared by the mappers that emit them.
 */
import type { Attributes, OtlpSpan, StepKind } from '../../domain/index.js';
import { readString } from './attribute-reader.js';
import { normalizeProvider } from './provider-alias.js';
import { readFirstTokenCount } from './token-count.js';
import type { RawUsage } from './token-usage.js';

export const GEN_AI = {
  OPERATION_NAME: 'gen_ai.operation.name',
  PROVIDER_NAME: 'gen_ai.provider.name',
  SYSTEM: 'gen_ai.system',
  REQUEST_MODEL: 'gen_ai.request.model',
  RESPONSE_MODEL: 'gen_ai.response.model',
  TOOL_NAME: 'gen_ai.tool.name',
  USAGE_COST: 'gen_ai.usage.cost',
} as const;

/** Suffixes after `gen_ai.usage.` (or `gen_ai.aggregated_usage.`), newest name first (H10). */
const USAGE_SUFFIXES = {
  input: ['input_tokens', 'prompt_tokens'],
  output: ['output_tokens', 'completion_tokens'],
  cacheRead: [
    'cache_read.input_tokens',
    'cache_read_input_tokens',
    'input_tokens.cached',
    'input_cached_tokens',
    'details.cache_read_tokens',
    'details.cache_read_input_tokens',
  ],
  cacheWrite: [
    'cache_write.input_tokens',
    'cache_creation.input_tokens',
    'cache_creation_input_tokens',
    'input_tokens.cache_write',
    'details.cache_write_tokens',
    'details.cache_creation_input_tokens',
  ],
  reasoning: [
    'reasoning.output_tokens',
    'reasoning_tokens',
    'output_tokens.reasoning',
    'details.reasoning_tokens',
  ],
} as const;

type UsageKeys = { readonly [K in keyof typeof USAGE_SUFFIXES]: readonly string[] };

function usageKeys(prefix: string): UsageKeys {
  const withPrefix = (suffixes: readonly string[]) => suffixes.map((s) => prefix + s);
  return {
    input: withPrefix(USAGE_SUFFIXES.input),
    output: withPrefix(USAGE_SUFFIXES.output),
    cacheRead: withPrefix(USAGE_SUFFIXES.cacheRead),
    cacheWrite: withPrefix(USAGE_SUFFIXES.cacheWrite),
    reasoning: withPrefix(USAGE_SUFFIXES.reasoning),
  };
}

export const GEN_AI_USAGE_KEYS = usageKeys('gen_ai.usage.');
/** Pydantic AI ≥ V2 agent-run roll-up namespace (§6). */
export const GEN_AI_AGGREGATED_USAGE_KEYS = usageKeys('gen_ai.aggregated_usage.');

export function readGenAiUsage(span: OtlpSpan, keys: UsageKeys = GEN_AI_USAGE_KEYS): RawUsage {
  const attributes = span.attributes;
  return {
    input: readFirstTokenCount(span, attributes, keys.input),
    output: readFirstTokenCount(span, attributes, keys.output),
    cacheRead: readFirstTokenCount(span, attributes, keys.cacheRead),
    cacheWrite: readFirstTokenCount(span, attributes, keys.cacheWrite),
    reasoning: readFirstTokenCount(span, attributes, keys.reasoning),
  };
}

export function hasRawUsage(raw: RawUsage): boolean {
  return (
    raw.input !== null || raw.output !== null || raw.cacheRead !== null || raw.cacheWrite !== null
  );
}

export interface ModelFields {
  model: string | null;
  requestModel: string | null;
}

export function readGenAiModel(attributes: Attributes): ModelFields {
  const requestModel = readString(attributes, GEN_AI.REQUEST_MODEL);
  return {
    model: readString(attributes, GEN_AI.RESPONSE_MODEL) ?? requestModel,
    requestModel,
  };
}

/** `gen_ai.system` was deprecated for `gen_ai.provider.name` in v1.37. */
export function readGenAiProvider(attributes: Attributes): string | null {
  return normalizeProvider(
    readString(attributes, GEN_AI.PROVIDER_NAME) ?? readString(attributes, GEN_AI.SYSTEM),
  );
}

const OPERATION_KINDS: Readonly<Record<string, StepKind>> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  completion: 'llm',
  generate: 'llm',
  embeddings: 'embedding',
  embedding: 'embedding',
  retrieval: 'retrieval',
  rerank: 'retrieval',
  execute_tool: 'tool',
  invoke_agent: 'agent',
  create_agent: 'agent',
  invoke_workflow: 'agent',
};

/** Operations whose spans contain other spans' work, so any usage on them may be a roll-up (H3, H5). */
export const ROLLUP_OPERATIONS: ReadonlySet<string> = new Set([
  'invoke_agent',
  'invoke_workflow',
  'agent_step',
]);

export function operationKind(operation: string | null): StepKind {
  return operation === null ? 'other' : (OPERATION_KINDS[operation] ?? 'other');
}
