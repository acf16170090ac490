/**
 * Error bodies for OTLP/HTTP: the specification asks for a `google.rpc.Status` in the request's
 * encoding (protobuf: code = field 1, message = field 2) on every 4xx and 5xx answer.
 */
import { BinaryWriter } from '@bufbuild/protobuf/wire';

export type OtlpWireEncoding = 'protobuf' | 'json';

/** gRPC status codes used in the body: 3 INVALID_ARGUMENT, 8 RESOURCE_EXHAUSTED, 14 UNAVAILABLE. */
export function encodeStatus(
  encoding: OtlpWireEncoding,
  code: number,
  message: string,
): Uint8Array {
  if (encoding === 'json') return new TextEncoder().encode(JSON.stringify({ code, message }));
  return new BinaryWriter()
    .uint32((1 << 3) | 0)
    .int32(code)
    .uint32((2 << 3) | 2)
    .string(message)
    .finish();
}
