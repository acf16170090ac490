/**
 * Pydantic AI spans (scope `pydantic-ai`, instrumentation formats 2–5; telemetry-mapping.md §1
 * rows 25–27, §2.6). Agent runs carry run totals, as `gen_ai.aggregated_usage.*` since V2 and as
 * `gen_ai.usage.*` before (H5): roll-ups. Model requests carry inclusive usage and `operation.cost`.
 */
import type { OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { readString } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import {
  GEN_AI,
  GEN_AI_AGGREGATED_USAGE_KEYS,
  hasRawUsage,
  operationKind,
  ROLLUP_OPERATIONS,
  readGenAiModel,
  readGenAiProvider,
  readGenAiUsage,
} from './gen-ai-attributes.js';
import { toDecimalCost } from './provided-cost.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { toInclusiveUsage } from './token-usage.js';

export const PYDANTIC_AI_SCOPE = 'pydantic-ai';

/** Instrumentation format 2 span names, which predate `gen_ai.operation.name` on these spans. */
const FORMAT_2_KINDS: Readonly<Record<string, StepKind>> = {
  'agent run': 'agent',
  'running tool': 'tool',
};

export const pydanticAiMapper: SemconvMapper = {
  name: 'pydantic-ai',
  matches(span: OtlpSpan): boolean {
    return span.scope.name === PYDANTIC_AI_SCOPE;
  },
  toStep(span: OtlpSpan): Step {
    const attributes = span.attributes;
    const operation = readString(attributes, GEN_AI.OPERATION_NAME);
    const kind = FORMAT_2_KINDS[span.name] ?? operationKind(operation);
    const rollup =
      span.name === 'agent run' || (operation !== null && ROLLUP_OPERATIONS.has(operation));
    let raw = rollup ? readGenAiUsage(span, GEN_AI_AGGREGATED_USAGE_KEYS) : null;
    if (raw === null || !hasRawUsage(raw)) raw = readGenAiUsage(span);
    return buildStep(span, {
      kind,
      convention: 'pydantic-ai',
      ...readGenAiModel(attributes),
      provider: readGenAiProvider(attributes),
      usage: toInclusiveUsage(raw),
      usageIsRollup: rollup,
      providedCostUsd: toDecimalCost(attributes['operation.cost']),
    });
  },
};
