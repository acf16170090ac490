/**
 * Vercel AI SDK spans: v4–v6 (`experimental_telemetry`, tracer `ai`, telemetry-mapping.md §1
 * rows 15–18, §2.4) here, v7 `@ai-sdk/otel` (tracer `gen_ai`) in `vercel-ai-otel.ts`.
 * Roots (`ai.generateText`, `ai.embed`, …) carry roll-up usage (H1, H2, H4); provider calls count.
 */
import type { Attributes, OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { readFirstString, readString, toJsonObject } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import { normalizeProvider } from './provider-alias.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { parseTokenCount, readFirstTokenCount } from './token-count.js';
import { type RawUsage, toInclusiveUsage } from './token-usage.js';
import { toVercelAiOtelStep } from './vercel-ai-otel.js';

export const VERCEL_AI_SCOPES = { legacy: 'ai', otel: 'gen_ai' } as const;

const ROOT_KINDS: Readonly<Record<string, StepKind>> = {
  'ai.generateText': 'agent',
  'ai.streamText': 'agent',
  'ai.generateObject': 'agent',
  'ai.streamObject': 'agent',
  'ai.embed': 'embedding',
  'ai.embedMany': 'embedding',
  'ai.rerank': 'retrieval',
};

const CALL_KINDS: Readonly<Record<string, StepKind>> = {
  doGenerate: 'llm',
  doStream: 'llm',
  doEmbed: 'embedding',
  doRerank: 'retrieval',
};

/** `gen_ai.usage.*` exists only on provider calls; `ai.usage.*` names changed in v5 and v6 (H10). */
const USAGE_KEYS = {
  input: [
    'gen_ai.usage.input_tokens',
    'ai.usage.inputTokens',
    'ai.usage.promptTokens',
    'ai.usage.tokens',
  ],
  output: ['gen_ai.usage.output_tokens', 'ai.usage.outputTokens', 'ai.usage.completionTokens'],
  cacheRead: [
    'ai.usage.inputTokenDetails.cacheReadTokens',
    'ai.usage.cachedInputTokens',
    'gen_ai.usage.cache_read.input_tokens',
  ],
  cacheWrite: [
    'ai.usage.inputTokenDetails.cacheWriteTokens',
    'gen_ai.usage.cache_creation.input_tokens',
  ],
  reasoning: [
    'ai.usage.outputTokenDetails.reasoningTokens',
    'ai.usage.reasoningTokens',
    'gen_ai.usage.reasoning_tokens',
  ],
} as const;

/** Present on every v6 usage record; their absence on an Anthropic span means v4/v5 semantics. */
const V6_USAGE_MARKERS = [
  'ai.usage.inputTokenDetails.noCacheTokens',
  'ai.usage.inputTokenDetails.cacheReadTokens',
  'ai.usage.outputTokenDetails.textTokens',
] as const;
const PROVIDER_METADATA = 'ai.response.providerMetadata';

export const vercelAiMapper: SemconvMapper = {
  name: 'vercel-ai',
  matches(span: OtlpSpan): boolean {
    const scope = span.scope.name;
    return scope === VERCEL_AI_SCOPES.legacy || scope === VERCEL_AI_SCOPES.otel;
  },
  toStep(span: OtlpSpan): Step {
    return span.scope.name === VERCEL_AI_SCOPES.otel
      ? toVercelAiOtelStep(span)
      : toLegacyStep(span);
  },
};

function toLegacyStep(span: OtlpSpan): Step {
  const attributes = span.attributes;
  const operationId = readString(attributes, 'ai.operationId') ?? span.name;
  const dot = operationId.lastIndexOf('.');
  const rootKind = ROOT_KINDS[operationId];
  const callKind = rootKind === undefined ? CALL_KINDS[operationId.slice(dot + 1)] : undefined;
  const kind = rootKind ?? callKind ?? (operationId === 'ai.toolCall' ? 'tool' : 'other');
  const rawProvider = readFirstString(attributes, ['ai.model.provider', 'gen_ai.system']);
  const requestModel = readFirstString(attributes, ['gen_ai.request.model', 'ai.model.id']);
  const exclusive = isCacheExclusiveAnthropic(attributes, rawProvider);
  const raw = readUsage(span, exclusive);
  return buildStep(span, {
    kind,
    convention: 'vercel-ai',
    model:
      readFirstString(attributes, ['gen_ai.response.model', 'ai.response.model']) ?? requestModel,
    requestModel,
    provider: normalizeProvider(rawProvider),
    usage: toInclusiveUsage(raw, { inputExcludesCache: exclusive, outputExcludesReasoning: false }),
    usageIsRollup: rootKind !== undefined,
  });
}

/**
 * AI SDK v4/v5 Anthropic report `input_tokens` raw (cache-exclusive) and keep cache writes (and
 * in v4 cache reads) only in provider metadata (§2.4 "Input-token semantics", §4, H8).
 */
function isCacheExclusiveAnthropic(attributes: Attributes, rawProvider: string | null): boolean {
  if (rawProvider === null || !rawProvider.toLowerCase().startsWith('anthropic')) return false;
  return V6_USAGE_MARKERS.every((key) => attributes[key] === undefined);
}

function readUsage(span: OtlpSpan, exclusiveAnthropic: boolean): RawUsage {
  const attributes = span.attributes;
  const raw: RawUsage = {
    input: readFirstTokenCount(span, attributes, USAGE_KEYS.input),
    output: readFirstTokenCount(span, attributes, USAGE_KEYS.output),
    cacheRead: readFirstTokenCount(span, attributes, USAGE_KEYS.cacheRead),
    cacheWrite: readFirstTokenCount(span, attributes, USAGE_KEYS.cacheWrite),
    reasoning: readFirstTokenCount(span, attributes, USAGE_KEYS.reasoning),
  };
  if (!exclusiveAnthropic) return raw;
  const anthropic = toJsonObject(toJsonObject(attributes[PROVIDER_METADATA])?.anthropic);
  if (anthropic === null) return raw;
  const label = `${PROVIDER_METADATA}.anthropic`;
  raw.cacheRead ??= parseTokenCount(
    span,
    `${label}.cacheReadInputTokens`,
    anthropic.cacheReadInputTokens,
  );
  raw.cacheWrite ??= parseTokenCount(
    span,
    `${label}.cacheCreationInputTokens`,
    anthropic.cacheCreationInputTokens,
  );
  return raw;
}
