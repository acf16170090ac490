/** Entry point: an OTLP/HTTP ExportTraceServiceRequest body in either encoding → `OtlpSpan[]`. */

import { decodeJsonTraceRequest } from './decode-json.js';
import type { DecodedTraceRequest, DecodeLimits, OtlpEncoding } from './decode-limits.js';
import { resolveDecodeLimits } from './decode-limits.js';
import { decodeProtobufTraceRequest } from './decode-protobuf.js';

/**
 * Decodes a whole request. Throws `OtlpDecodeError` when the body cannot be decoded at all (the
 * caller answers 400); a span with bad ids is only counted in `rejectedSpans`, the rest are kept.
 * Spans of one ResourceSpans share one `resource` object. Unknown fields are skipped. JSON also
 * accepts snake_case names, base64 ids, int64 as numbers, enum names and `{key: value}` attributes.
 */
export function decodeTraceRequest(
  body: Uint8Array,
  encoding: OtlpEncoding,
  limits?: Partial<DecodeLimits>,
): DecodedTraceRequest {
  const resolved = resolveDecodeLimits(limits);
  return encoding === 'protobuf'
    ? decodeProtobufTraceRequest(body, resolved)
    : decodeJsonTraceRequest(body, resolved);
}
