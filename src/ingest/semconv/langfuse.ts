/**
 * Langfuse SDK native spans (scope `langfuse-sdk`, `langfuse.observation.*`; telemetry-mapping.md
 * §1 row 24, §2.5). `usage_details` holds Langfuse's mutually exclusive buckets (§5.3): `input`
 * excludes cache read and write and `output` excludes reasoning, so both are converted to inclusive.
 */
import type { OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { type JsonObject, readFirstString, readString, toJsonObject } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import { readGenAiProvider, readGenAiUsage } from './gen-ai-attributes.js';
import { toDecimalCost } from './provided-cost.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { parseTokenCount } from './token-count.js';
import { type RawUsage, toInclusiveUsage } from './token-usage.js';

export const LANGFUSE = {
  SCOPE: 'langfuse-sdk',
  TYPE: 'langfuse.observation.type',
  MODEL: 'langfuse.observation.model.name',
  USAGE: 'langfuse.observation.usage_details',
  COST: 'langfuse.observation.cost_details',
} as const;

const KINDS: Readonly<Record<string, StepKind>> = {
  generation: 'llm',
  embedding: 'embedding',
  agent: 'agent',
  tool: 'tool',
  retriever: 'retrieval',
};

/** Bucket names Langfuse and its SDKs use, first present wins (§5.3). */
const BUCKETS = {
  input: ['input'],
  output: ['output'],
  cacheRead: ['input_cached_tokens', 'cache_read_input_tokens', 'input_cache_read'],
  cacheWrite: ['input_cache_creation', 'cache_creation_input_tokens'],
  cacheWrite5m: ['input_cache_creation_5m'],
  cacheWrite1h: ['input_cache_creation_1h'],
  reasoning: ['output_reasoning_tokens', 'output_reasoning'],
} as const;

export const langfuseMapper: SemconvMapper = {
  name: 'langfuse',
  matches(span: OtlpSpan): boolean {
    return span.scope.name === LANGFUSE.SCOPE || span.attributes[LANGFUSE.TYPE] !== undefined;
  },
  toStep(span: OtlpSpan): Step {
    const attributes = span.attributes;
    const type = readString(attributes, LANGFUSE.TYPE) ?? 'span';
    const requestModel = readFirstString(attributes, [LANGFUSE.MODEL, 'gen_ai.request.model']);
    const details = toJsonObject(attributes[LANGFUSE.USAGE]);
    const usage =
      details === null
        ? toInclusiveUsage(readGenAiUsage(span))
        : toInclusiveUsage(readBuckets(span, details), {
            inputExcludesCache: true,
            outputExcludesReasoning: true,
          });
    return buildStep(span, {
      kind: KINDS[type] ?? 'other',
      convention: 'langfuse',
      model: readFirstString(attributes, ['gen_ai.response.model']) ?? requestModel,
      requestModel,
      provider: readGenAiProvider(attributes),
      usage,
      providedCostUsd: toDecimalCost(toJsonObject(attributes[LANGFUSE.COST])?.total),
    });
  },
};

function readBuckets(span: OtlpSpan, details: JsonObject): RawUsage {
  const read = (names: readonly string[]): number | null => {
    for (const name of names) {
      const count = parseTokenCount(span, `${LANGFUSE.USAGE}.${name}`, details[name]);
      if (count !== null) return count;
    }
    return null;
  };
  const write5m = read(BUCKETS.cacheWrite5m);
  const write1h = read(BUCKETS.cacheWrite1h);
  const split = write5m === null && write1h === null ? null : (write5m ?? 0) + (write1h ?? 0);
  return {
    input: read(BUCKETS.input),
    output: read(BUCKETS.output),
    cacheRead: read(BUCKETS.cacheRead),
    cacheWrite: read(BUCKETS.cacheWrite) ?? split,
    cacheWrite1h: write1h,
    reasoning: read(BUCKETS.reasoning),
  };
}
