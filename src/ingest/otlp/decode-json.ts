/**
 * OTLP/JSON ExportTraceServiceRequest → `OtlpSpan[]`: proto3 JSON mapping with the OTLP deviations
 * (hex ids, integer enums), lowerCamelCase names with snake_case fallbacks, unknown fields ignored.
 */
import type {
  Attributes,
  OtlpEvent,
  OtlpScope,
  OtlpSpanKind,
  OtlpStatusCode,
} from '../../domain/index.js';
import type { DecodedTraceRequest, DecodeLimits } from './decode-limits.js';
import { readJsonAttributes } from './json-attributes.js';
import {
  asArray,
  asEnum,
  asObject,
  asString,
  asUint64,
  describe,
  field,
  type JsonObject,
} from './json-fields.js';
import { parseJsonId } from './json-ids.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import {
  checkParentSpanId,
  checkSpanId,
  checkTraceId,
  SpanRejection,
  SpanSink,
} from './span-sink.js';

const UTF8 = new TextDecoder('utf-8', { ignoreBOM: false });
const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

export function decodeJsonTraceRequest(
  body: Uint8Array,
  limits: DecodeLimits,
): DecodedTraceRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(UTF8.decode(body));
  } catch (error) {
    throw new OtlpDecodeError(`body: not valid JSON (${(error as Error).message})`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OtlpDecodeError(
      `body: must be a JSON object (ExportTraceServiceRequest), got ${describe(parsed)}`,
    );
  }
  const sink = new SpanSink();
  const resourceSpans = asArray(
    field(parsed as JsonObject, 'resourceSpans', 'resource_spans'),
    '',
    'resourceSpans',
  );
  for (let r = 0; r < resourceSpans.length; r++) {
    readResourceSpans(resourceSpans[r], `resourceSpans[${r}]`, limits, sink);
  }
  return sink.result();
}

function readResourceSpans(
  value: unknown,
  path: string,
  limits: DecodeLimits,
  sink: SpanSink,
): void {
  const rs = asObject(value, '', path);
  if (rs === null) return;
  const resource = asObject(rs.resource, path, 'resource');
  const resourceAttributes: Attributes =
    resource === null
      ? {}
      : readJsonAttributes(resource.attributes, `${path}.resource`, 'attributes', limits);
  const scopeSpans = asArray(field(rs, 'scopeSpans', 'scope_spans'), path, 'scopeSpans');
  for (let s = 0; s < scopeSpans.length; s++) {
    const where = `${path}.scopeSpans[${s}]`;
    const ss = asObject(scopeSpans[s], '', where);
    if (ss === null) continue;
    const scope = readScope(ss.scope, where, limits.maxAttributeValueBytes);
    const spans = asArray(ss.spans, where, 'spans');
    for (let i = 0; i < spans.length; i++) {
      readSpan(spans[i], `${where}.spans[${i}]`, resourceAttributes, scope, limits, sink);
    }
  }
}

function readScope(value: unknown, where: string, maxBytes: number): OtlpScope {
  const scope = asObject(value, where, 'scope');
  if (scope === null) return { name: '', version: '' };
  return {
    name: asString(scope.name, where, 'scope.name', maxBytes),
    version: asString(scope.version, where, 'scope.version', maxBytes),
  };
}

function readSpan(
  value: unknown,
  where: string,
  resource: Attributes,
  scope: OtlpScope,
  limits: DecodeLimits,
  sink: SpanSink,
): void {
  const span = asObject(value, '', where);
  if (span === null) return;
  const maxBytes = limits.maxAttributeValueBytes;
  const name = asString(span.name, where, 'name', maxBytes);
  const kind = asEnum(span.kind, SPAN_KINDS, where, 'kind') as OtlpSpanKind;
  const startTimeUnixNano = asUint64(
    field(span, 'startTimeUnixNano', 'start_time_unix_nano'),
    where,
    'startTimeUnixNano',
  );
  const endTimeUnixNano = asUint64(
    field(span, 'endTimeUnixNano', 'end_time_unix_nano'),
    where,
    'endTimeUnixNano',
  );
  const attributes = readJsonAttributes(span.attributes, where, 'attributes', limits);
  const events = readEvents(span.events, where, limits);
  const status = asObject(span.status, where, 'status');
  const statusCode =
    status === null
      ? 0
      : (asEnum(status.code, STATUS_CODES, where, 'status.code') as OtlpStatusCode);
  const statusMessage =
    status === null ? '' : asString(status.message, where, 'status.message', maxBytes);
  let traceId: string;
  let spanId: string;
  let parentSpanId: string | null;
  try {
    traceId = parseJsonId(field(span, 'traceId', 'trace_id'), 'traceId', 16);
    traceId = checkTraceId(traceId, traceId.length / 2);
    spanId = parseJsonId(field(span, 'spanId', 'span_id'), 'spanId', 8);
    spanId = checkSpanId(spanId, spanId.length / 2);
    parentSpanId = parseJsonId(field(span, 'parentSpanId', 'parent_span_id'), 'parentSpanId', 8);
    parentSpanId = checkParentSpanId(parentSpanId, parentSpanId.length / 2);
  } catch (error) {
    if (!(error instanceof SpanRejection)) throw error;
    sink.reject(where, name, error.message);
    return;
  }
  sink.spans.push({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    events,
    statusCode,
    statusMessage,
    resource,
    scope,
  });
}

function readEvents(value: unknown, where: string, limits: DecodeLimits): OtlpEvent[] {
  const list = asArray(value, where, 'events');
  const events: OtlpEvent[] = [];
  for (let i = 0; i < list.length; i++) {
    const name = `events[${i}]`;
    const event = asObject(list[i], where, name);
    if (event === null) continue;
    events.push({
      name: asString(event.name, where, `${name}.name`, limits.maxAttributeValueBytes),
      timeUnixNano: asUint64(
        field(event, 'timeUnixNano', 'time_unix_nano'),
        where,
        `${name}.timeUnixNano`,
      ),
      attributes: readJsonAttributes(event.attributes, where, `${name}.attributes`, limits),
    });
  }
  return events;
}
