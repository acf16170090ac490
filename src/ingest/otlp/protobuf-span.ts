/**
 * One binary OTLP Span: trace_id=1, span_id=2, parent_span_id=4, name=5, kind=6, start=7 and
 * end=8 (fixed64), attributes=9, events=11 {time=1 fixed64, name=2, attributes=3}, status=15.
 */
import { WireType } from '@bufbuild/protobuf/wire';
import type {
  Attributes,
  OtlpEvent,
  OtlpScope,
  OtlpSpanKind,
  OtlpStatusCode,
} from '../../domain/index.js';
import { readKeyValue } from './protobuf-attributes.js';
import type { ProtobufCursor } from './protobuf-cursor.js';
import {
  checkParentSpanId,
  checkSpanId,
  checkTraceId,
  SpanRejection,
  type SpanSink,
} from './span-sink.js';
import { bytesToHex } from './wire-text.js';

/** Where the span sits in the request, for rejection messages. */
export interface SpanPlace {
  readonly sink: SpanSink;
  location(): string;
}

/** Reads the Span ending at `end` and adds it to the sink, or records why it was rejected. */
export function readSpan(
  c: ProtobufCursor,
  end: number,
  maxAttributes: number,
  resource: Attributes,
  scope: OtlpScope,
  place: SpanPlace,
): void {
  const buf = c.buf;
  let traceStart = 0;
  let traceLength = 0;
  let spanStart = 0;
  let spanLength = 0;
  let parentStart = 0;
  let parentLength = 0;
  let name = '';
  let kind = 0;
  let startTimeUnixNano = 0n;
  let endTimeUnixNano = 0n;
  const attributes: Attributes = {};
  let attributeCount = 0;
  const events: OtlpEvent[] = [];
  const status: SpanStatus = { code: 0, message: '' };
  while (c.pos < end) {
    c.tag();
    switch (c.field) {
      case 1:
        c.expect(WireType.LengthDelimited, 'traceId');
        traceStart = skipBytes(c);
        traceLength = c.pos - traceStart;
        break;
      case 2:
        c.expect(WireType.LengthDelimited, 'spanId');
        spanStart = skipBytes(c);
        spanLength = c.pos - spanStart;
        break;
      case 4:
        c.expect(WireType.LengthDelimited, 'parentSpanId');
        parentStart = skipBytes(c);
        parentLength = c.pos - parentStart;
        break;
      case 5:
        c.expect(WireType.LengthDelimited, 'name');
        name = c.repeatedString();
        break;
      case 6:
        c.expect(WireType.Varint, 'kind');
        kind = c.varint32();
        break;
      case 7:
        c.expect(WireType.Bit64, 'startTimeUnixNano');
        startTimeUnixNano = c.fixed64();
        break;
      case 8:
        c.expect(WireType.Bit64, 'endTimeUnixNano');
        endTimeUnixNano = c.fixed64();
        break;
      case 9:
        c.expect(WireType.LengthDelimited, 'attributes');
        if (attributeCount < maxAttributes) {
          readKeyValue(c, attributes, 0);
          attributeCount += 1;
        } else {
          c.skip();
        }
        break;
      case 11:
        c.expect(WireType.LengthDelimited, 'events');
        events.push(readEvent(c, c.lengthEnd(), maxAttributes));
        break;
      case 15:
        c.expect(WireType.LengthDelimited, 'status');
        readStatus(c, c.lengthEnd(), status);
        break;
      default:
        c.skip();
    }
  }
  c.close(end);
  let traceId: string;
  let spanId: string;
  let parentSpanId: string | null;
  try {
    traceId = checkTraceId(traceLength === 16 ? c.traceIdHex(traceStart) : '', traceLength);
    spanId = checkSpanId(hexIf(buf, spanStart, spanLength, 8), spanLength);
    parentSpanId = checkParentSpanId(hexIf(buf, parentStart, parentLength, 8), parentLength);
  } catch (error) {
    if (!(error instanceof SpanRejection)) throw error;
    place.sink.reject(place.location(), name, error.message);
    return;
  }
  place.sink.spans.push({
    traceId,
    spanId,
    parentSpanId,
    name,
    kind: kind >= 0 && kind <= 5 ? (kind as OtlpSpanKind) : 0,
    startTimeUnixNano,
    endTimeUnixNano,
    attributes,
    events,
    statusCode: status.code,
    statusMessage: status.message,
    resource,
    scope,
  });
}

interface SpanStatus {
  code: OtlpStatusCode;
  message: string;
}

/** Moves past a bytes field; returns where its payload starts. */
function skipBytes(c: ProtobufCursor): number {
  const end = c.lengthEnd();
  const start = c.pos;
  c.reader.pos = end;
  return start;
}

function hexIf(buf: Uint8Array, start: number, length: number, expected: number): string {
  return length === expected ? bytesToHex(buf, start, start + length) : '';
}

function readEvent(c: ProtobufCursor, end: number, maxAttributes: number): OtlpEvent {
  let timeUnixNano = 0n;
  let name = '';
  const attributes: Attributes = {};
  let attributeCount = 0;
  while (c.pos < end) {
    c.tag();
    if (c.field === 1) {
      c.expect(WireType.Bit64, 'events[].timeUnixNano');
      timeUnixNano = c.fixed64();
    } else if (c.field === 2) {
      c.expect(WireType.LengthDelimited, 'events[].name');
      name = c.string();
    } else if (c.field === 3 && attributeCount < maxAttributes) {
      c.expect(WireType.LengthDelimited, 'events[].attributes');
      readKeyValue(c, attributes, 0);
      attributeCount += 1;
    } else {
      c.skip();
    }
  }
  c.close(end);
  return { name, timeUnixNano, attributes };
}

/** Status{message=2, code=3}; field 1 was the long-deprecated `deprecated_code` and is skipped. */
function readStatus(c: ProtobufCursor, end: number, status: SpanStatus): void {
  while (c.pos < end) {
    c.tag();
    if (c.field === 2) {
      c.expect(WireType.LengthDelimited, 'status.message');
      status.message = c.string();
    } else if (c.field === 3) {
      c.expect(WireType.Varint, 'status.code');
      const code = c.varint32();
      status.code = code === 1 || code === 2 ? code : 0;
    } else {
      c.skip();
    }
  }
  c.close(end);
}
