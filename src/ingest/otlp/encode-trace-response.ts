/**
 * ExportTraceServiceResponse{partial_success=1 {rejected_spans=1 int64, error_message=2}} in the
 * request's encoding. Full success is the empty message (zero bytes, or `{}` in JSON).
 */
import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import type { OtlpEncoding } from './decode-limits.js';

export interface TracePartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

const UTF8_ENCODER = new TextEncoder();

export function encodeTraceResponse(
  encoding: OtlpEncoding,
  partialSuccess: TracePartialSuccess | null,
): Uint8Array {
  if (encoding === 'json') {
    // proto3 JSON writes int64 as a decimal string.
    const body =
      partialSuccess === null
        ? {}
        : {
            partialSuccess: {
              rejectedSpans: String(partialSuccess.rejectedSpans),
              errorMessage: partialSuccess.errorMessage,
            },
          };
    return UTF8_ENCODER.encode(JSON.stringify(body));
  }
  const writer = new BinaryWriter();
  if (partialSuccess !== null) {
    writer.tag(1, WireType.LengthDelimited).fork();
    if (partialSuccess.rejectedSpans !== 0) {
      writer.tag(1, WireType.Varint).int64(partialSuccess.rejectedSpans);
    }
    if (partialSuccess.errorMessage !== '') {
      writer.tag(2, WireType.LengthDelimited).string(partialSuccess.errorMessage);
    }
    writer.join();
  }
  return writer.finish();
}
