/**
 * The decoded shape of one OTLP span, independent of wire encoding (protobuf or JSON).
 * Produced by `ingest/otlp`, consumed by the semantic-convention mappers.
 */

/** An OTLP AnyValue. int64 values are numbers when safe, else decimal strings; bytes are base64. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** OTLP SpanKind numbers: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
export type OtlpSpanKind = 0 | 1 | 2 | 3 | 4 | 5;

/** OTLP Status code: 0 unset, 1 ok, 2 error. */
export type OtlpStatusCode = 0 | 1 | 2;

export interface OtlpEvent {
  name: string;
  timeUnixNano: bigint;
  attributes: Attributes;
}

export interface OtlpScope {
  name: string;
  version: string;
}

export interface OtlpSpan {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 16 lowercase hex characters, or null for a root span. */
  parentSpanId: string | null;
  name: string;
  kind: OtlpSpanKind;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  events: OtlpEvent[];
  statusCode: OtlpStatusCode;
  statusMessage: string;
  /** Attributes of the span's Resource; one object shared by all spans of that resource. */
  resource: Attributes;
  scope: OtlpScope;
}
