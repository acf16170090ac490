/**
 * OTel GenAI semantic conventions (v1.27 → semantic-conventions-genai, telemetry-mapping.md §1
 * rows 1–7, §2.1), also the shape OpenLIT, Sentry and LangSmith's exporter emit (rows 28–30).
 * Usage is taken as inclusive, as the spec says it SHOULD be; invoke_agent/invoke_workflow are roll-ups (H5).
 */
import type { OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { readString } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import {
  GEN_AI,
  operationKind,
  ROLLUP_OPERATIONS,
  readGenAiModel,
  readGenAiProvider,
  readGenAiUsage,
} from './gen-ai-attributes.js';
import { toDecimalCost } from './provided-cost.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { toInclusiveUsage } from './token-usage.js';

/**
 * LangSmith maps run types onto `gen_ai.operation.name` lossily (`retriever`→`embeddings`,
 * `prompt`→`chat`, H11), so its own run type decides the kind when present.
 */
const LANGSMITH_KINDS: Readonly<Record<string, StepKind>> = {
  llm: 'llm',
  chain: 'other',
  tool: 'tool',
  retriever: 'retrieval',
  embedding: 'embedding',
  prompt: 'other',
  parser: 'other',
};

export const genAiMapper: SemconvMapper = {
  name: 'gen-ai',
  matches(span: OtlpSpan): boolean {
    const attributes = span.attributes;
    return (
      attributes[GEN_AI.OPERATION_NAME] !== undefined ||
      attributes[GEN_AI.PROVIDER_NAME] !== undefined ||
      attributes[GEN_AI.SYSTEM] !== undefined ||
      attributes[GEN_AI.REQUEST_MODEL] !== undefined
    );
  },
  toStep(span: OtlpSpan): Step {
    const attributes = span.attributes;
    const operation = readString(attributes, GEN_AI.OPERATION_NAME);
    const runType = readString(attributes, 'langsmith.span.kind');
    const models = readGenAiModel(attributes);
    let kind = runType === null ? operationKind(operation) : (LANGSMITH_KINDS[runType] ?? 'other');
    if (kind === 'other' && operation === null && runType === null && models.model !== null) {
      kind = 'llm';
    }
    const rollup = (operation !== null && ROLLUP_OPERATIONS.has(operation)) || runType === 'chain';
    return buildStep(span, {
      kind,
      convention: 'gen-ai',
      ...models,
      provider: readGenAiProvider(attributes),
      usage: toInclusiveUsage(readGenAiUsage(span)),
      usageIsRollup: rollup,
      providedCostUsd: toDecimalCost(attributes[GEN_AI.USAGE_COST]),
    });
  },
};
