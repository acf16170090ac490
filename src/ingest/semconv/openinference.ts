/**
 * OpenInference (Arize) spans, keyed by `openinference.span.kind` (telemetry-mapping.md §1 rows
 * 8–12, §2.2). `llm.token_count.prompt` is inclusive except from the JS Anthropic and Bedrock
 * instrumentors, which copy Anthropic's exclusive `input_tokens` (§2.3, H8): those scopes are converted.
 */
import type { Attributes, OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { readFirstString, readString } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import { toDecimalCost } from './provided-cost.js';
import { normalizeProvider } from './provider-alias.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { readTokenCount } from './token-count.js';
import { toInclusiveUsage } from './token-usage.js';

export const OPENINFERENCE = {
  SPAN_KIND: 'openinference.span.kind',
  PROMPT: 'llm.token_count.prompt',
  COMPLETION: 'llm.token_count.completion',
  CACHE_READ: 'llm.token_count.prompt_details.cache_read',
  CACHE_WRITE: 'llm.token_count.prompt_details.cache_write',
  REASONING: 'llm.token_count.completion_details.reasoning',
  COST_TOTAL: 'llm.cost.total',
  SYSTEM: 'llm.system',
  PROVIDER: 'llm.provider',
} as const;

const KINDS: Readonly<Record<string, StepKind>> = {
  LLM: 'llm',
  EMBEDDING: 'embedding',
  RETRIEVER: 'retrieval',
  RERANKER: 'retrieval',
  TOOL: 'tool',
  AGENT: 'agent',
};

/** AGENT and CHAIN spans get aggregate `llm.token_count.*` copied onto them by converters (H7). */
const ROLLUP_KINDS: ReadonlySet<string> = new Set(['AGENT', 'CHAIN']);

/** JS instrumentors that record Anthropic's raw, cache-exclusive `input_tokens` (§2.3). */
const ANTHROPIC_SCOPE = '@arizeai/openinference-instrumentation-anthropic';
const BEDROCK_SCOPE = '@arizeai/openinference-instrumentation-bedrock';

const MODEL_KEYS = ['llm.response.model_name', 'llm.model_name', 'llm.request.model_name'];

export const openInferenceMapper: SemconvMapper = {
  name: 'openinference',
  matches(span: OtlpSpan): boolean {
    return span.attributes[OPENINFERENCE.SPAN_KIND] !== undefined;
  },
  toStep(span: OtlpSpan): Step {
    const attributes = span.attributes;
    const spanKind = (readString(attributes, OPENINFERENCE.SPAN_KIND) ?? '').toUpperCase();
    const kind = KINDS[spanKind] ?? 'other';
    const requestModel = readFirstString(attributes, ['llm.request.model_name']);
    const model =
      kind === 'embedding'
        ? readFirstString(attributes, ['embedding.model_name', ...MODEL_KEYS])
        : kind === 'retrieval'
          ? readFirstString(attributes, ['reranker.model_name'])
          : readFirstString(attributes, MODEL_KEYS);
    const vendor = normalizeProvider(readString(attributes, OPENINFERENCE.SYSTEM));
    const provider = readProvider(attributes, vendor);
    const scope = span.scope.name;
    const usage = toInclusiveUsage(
      {
        input: readTokenCount(span, attributes, OPENINFERENCE.PROMPT),
        output: readTokenCount(span, attributes, OPENINFERENCE.COMPLETION),
        cacheRead: readTokenCount(span, attributes, OPENINFERENCE.CACHE_READ),
        cacheWrite: readTokenCount(span, attributes, OPENINFERENCE.CACHE_WRITE),
        reasoning: readTokenCount(span, attributes, OPENINFERENCE.REASONING),
      },
      {
        inputExcludesCache:
          scope === ANTHROPIC_SCOPE || (scope === BEDROCK_SCOPE && vendor === 'anthropic'),
        outputExcludesReasoning: false,
      },
    );
    return buildStep(span, {
      kind,
      convention: 'openinference',
      model,
      requestModel,
      provider,
      usage,
      usageIsRollup: ROLLUP_KINDS.has(spanKind),
      providedCostUsd: toDecimalCost(attributes[OPENINFERENCE.COST_TOTAL]),
    });
  },
};

/**
 * `llm.provider` names the host and `llm.system` the model vendor (§2.2); the OTel value names
 * the host's API, so Azure serving OpenAI and Google serving Vertex need both.
 */
function readProvider(attributes: Attributes, vendor: string | null): string | null {
  const host = readString(attributes, OPENINFERENCE.PROVIDER);
  if (host === null) return vendor;
  const lowerHost = host.toLowerCase();
  if (lowerHost === 'azure' && vendor === 'openai') return 'azure.ai.openai';
  if (lowerHost === 'google' && vendor === 'gcp.vertex_ai') return 'gcp.vertex_ai';
  return normalizeProvider(host);
}
