/**
 * Assembles a `Step` from the fields a mapper decided plus everything every convention shares:
 * ids, timing, status, service, session, tool name, service tier and business attributes.
 */
import type { OtlpSpan, Step, StepKind, StepStatus, TokenUsage } from '../../domain/index.js';
import { emptyUsage } from '../../domain/index.js';
import { readFirstString, readString } from './attribute-reader.js';
import { collectBusinessAttributes } from './business-attributes.js';
import { readStepDetail } from './step-detail.js';

export interface MappedFields {
  kind: StepKind;
  convention: string;
  model?: string | null;
  requestModel?: string | null;
  provider?: string | null;
  /** Defaults to `gen_ai.response.id` ?? `ai.response.id`. */
  responseId?: string | null;
  usage?: TokenUsage;
  usageIsRollup?: boolean;
  providedCostUsd?: string | null;
  /** Defaults to `gen_ai.tool.name` ?? `tool.name` ?? `ai.toolCall.name`. */
  toolName?: string | null;
}

const SESSION_KEYS = [
  'session.id',
  'gen_ai.conversation.id',
  'langfuse.session.id',
  'traceloop.association.properties.session_id',
  'ai.telemetry.metadata.sessionId',
] as const;
const TOOL_KEYS = ['gen_ai.tool.name', 'tool.name', 'ai.toolCall.name'] as const;
const RESPONSE_ID_KEYS = ['gen_ai.response.id', 'ai.response.id'] as const;
const SERVICE_TIER_KEYS = [
  'openai.response.service_tier',
  'gen_ai.openai.response.service_tier',
  'openai.request.service_tier',
  'gen_ai.openai.request.service_tier',
] as const;
const STATUS: readonly StepStatus[] = ['unset', 'ok', 'error'];

export function buildStep(span: OtlpSpan, fields: MappedFields): Step {
  const attributes = span.attributes;
  const rollup = fields.usageIsRollup ?? false;
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  const toolName =
    fields.toolName === undefined ? readFirstString(attributes, TOOL_KEYS) : fields.toolName;
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    kind: fields.kind,
    name: span.name,
    convention: fields.convention,
    model: fields.model ?? null,
    requestModel: fields.requestModel ?? null,
    provider: fields.provider ?? null,
    responseId:
      fields.responseId === undefined
        ? readFirstString(attributes, RESPONSE_ID_KEYS)
        : fields.responseId,
    usage: fields.usage ?? emptyUsage(),
    usageIsRollup: rollup,
    // H13: cost on roll-up spans repeats the children's cost, like their tokens.
    providedCostUsd: rollup ? null : (fields.providedCostUsd ?? null),
    serviceTier: readFirstString(attributes, SERVICE_TIER_KEYS),
    startTimeUnixNano: span.startTimeUnixNano,
    durationNano: duration < 0n ? 0n : duration,
    status: STATUS[span.statusCode] ?? 'unset',
    statusMessage: span.statusMessage,
    serviceName: readString(span.resource, 'service.name'),
    sessionId: readFirstString(attributes, SESSION_KEYS),
    toolName,
    ...readStepDetail(span, fields.kind, toolName),
    attributes: collectBusinessAttributes(span),
  };
}
