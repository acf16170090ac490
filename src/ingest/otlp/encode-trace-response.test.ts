import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { encodeTraceResponse } from './index.js';

/** Reads ExportTraceServiceResponse{partial_success=1{rejected_spans=1, error_message=2}}. */
function readResponse(bytes: Uint8Array): { fields: number[]; rejected: bigint; message: string } {
  const outer = new BinaryReader(bytes);
  const fields: number[] = [];
  let rejected = 0n;
  let message = '';
  while (outer.pos < outer.len) {
    const [field, wireType] = outer.tag();
    fields.push(field);
    expect(wireType).toBe(WireType.LengthDelimited);
    const inner = new BinaryReader(outer.bytes());
    while (inner.pos < inner.len) {
      const [f, w] = inner.tag();
      if (f === 1 && w === WireType.Varint) rejected = BigInt(inner.int64());
      else if (f === 2 && w === WireType.LengthDelimited) message = inner.string();
      else throw new Error(`unexpected field ${f}/${w}`);
    }
  }
  return { fields, rejected, message };
}

describe('encodeTraceResponse', () => {
  it('encodes full success as the empty message', () => {
    expect(encodeTraceResponse('protobuf', null)).toEqual(new Uint8Array(0));
    expect(new TextDecoder().decode(encodeTraceResponse('json', null))).toBe('{}');
  });

  it('encodes partial success in protobuf with field 1 {1: rejected_spans, 2: error_message}', () => {
    const bytes = encodeTraceResponse('protobuf', {
      rejectedSpans: 3,
      errorMessage: 'spans[1]: traceId: must be 16 bytes, got 5 — é',
    });
    expect(readResponse(bytes)).toEqual({
      fields: [1],
      rejected: 3n,
      message: 'spans[1]: traceId: must be 16 bytes, got 5 — é',
    });
    const large = encodeTraceResponse('protobuf', {
      rejectedSpans: 70_000,
      errorMessage: 'x'.repeat(300),
    });
    expect(readResponse(large)).toEqual({
      fields: [1],
      rejected: 70_000n,
      message: 'x'.repeat(300),
    });
  });

  it('encodes partial success in JSON with int64 as a decimal string', () => {
    const text = new TextDecoder().decode(
      encodeTraceResponse('json', { rejectedSpans: 2, errorMessage: 'two bad "ids"' }),
    );
    expect(JSON.parse(text)).toEqual({
      partialSuccess: { rejectedSpans: '2', errorMessage: 'two bad "ids"' },
    });
  });
});
