/**
 * OpenLLMetry / Traceloop (JS 0.27, Python): provider LLM spans in OTel GenAI shape with legacy
 * names (`prompt_tokens`, `cache_read_input_tokens`, `llm.request.type`) and decorator spans keyed
 * by `traceloop.span.kind` (telemetry-mapping.md §1 rows 13–14, §2.3). Input is inclusive (§4).
 */
import type { OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { readFirstString, readString } from './attribute-reader.js';
import { buildStep } from './build-step.js';
import {
  GEN_AI,
  operationKind,
  ROLLUP_OPERATIONS,
  readGenAiModel,
  readGenAiProvider,
  readGenAiUsage,
} from './gen-ai-attributes.js';
import type { SemconvMapper } from './semconv-mapper.js';
import { toInclusiveUsage } from './token-usage.js';

export const TRACELOOP = {
  SPAN_KIND: 'traceloop.span.kind',
  ENTITY_NAME: 'traceloop.entity.name',
  REQUEST_TYPE: 'llm.request.type',
} as const;

const DECORATOR_KINDS: Readonly<Record<string, StepKind>> = {
  workflow: 'agent',
  agent: 'agent',
  tool: 'tool',
  task: 'other',
  session: 'other',
};

/** Decorated functions wrap LLM calls; instrumentations may stamp totals on them. */
const ROLLUP_DECORATORS: ReadonlySet<string> = new Set(['workflow', 'agent', 'task', 'session']);

/** Legacy `llm.request.type` values (before the semconv 1.40 migration) as operation names. */
const REQUEST_TYPE_OPERATIONS: Readonly<Record<string, string>> = {
  chat: 'chat',
  completion: 'text_completion',
  embedding: 'embeddings',
  rerank: 'rerank',
};

export const traceloopMapper: SemconvMapper = {
  name: 'traceloop',
  matches(span: OtlpSpan): boolean {
    return (
      span.scope.name.startsWith('@traceloop/') ||
      span.attributes[TRACELOOP.SPAN_KIND] !== undefined ||
      span.attributes[TRACELOOP.REQUEST_TYPE] !== undefined
    );
  },
  toStep(span: OtlpSpan): Step {
    const attributes = span.attributes;
    const decorator = readString(attributes, TRACELOOP.SPAN_KIND);
    const requestType = readString(attributes, TRACELOOP.REQUEST_TYPE);
    const operation =
      readString(attributes, GEN_AI.OPERATION_NAME) ??
      (requestType === null ? null : (REQUEST_TYPE_OPERATIONS[requestType] ?? requestType));
    const models = readGenAiModel(attributes);
    let kind: StepKind =
      decorator === null ? operationKind(operation) : (DECORATOR_KINDS[decorator] ?? 'other');
    if (kind === 'other' && decorator === null && models.model !== null) kind = 'llm';
    const rollup =
      (decorator !== null && ROLLUP_DECORATORS.has(decorator)) ||
      (operation !== null && ROLLUP_OPERATIONS.has(operation));
    return buildStep(span, {
      kind,
      convention: 'traceloop',
      ...models,
      provider: readGenAiProvider(attributes),
      usage: toInclusiveUsage(readGenAiUsage(span)),
      usageIsRollup: rollup,
      toolName:
        kind === 'tool'
          ? readFirstString(attributes, [GEN_AI.TOOL_NAME, TRACELOOP.ENTITY_NAME])
          : undefined,
    });
  },
};
