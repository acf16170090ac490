/** OTLP/HTTP traces: request bodies (protobuf or JSON) → `OtlpSpan[]`, and the export response. */
export {
  DEFAULT_DECODE_LIMITS,
  type DecodedTraceRequest,
  type DecodeLimits,
  type OtlpEncoding,
} from './decode-limits.js';
export { decodeTraceRequest } from './decode-trace-request.js';
export { encodeTraceResponse, type TracePartialSuccess } from './encode-trace-response.js';
export { OtlpDecodeError } from './otlp-decode-error.js';
