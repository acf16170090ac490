import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { buildTrace, chatSpan, toProtobuf } from '../../../test/support/sdk-spans.js';
import { decodeTraceRequest, OtlpDecodeError } from './index.js';

type Part = (w: BinaryWriter) => void;
const msg =
  (field: number, ...parts: Part[]): Part =>
  (w) => {
    w.tag(field, WireType.LengthDelimited).fork();
    for (const part of parts) part(w);
    w.join();
  };
const bytes =
  (field: number, value: Uint8Array | string): Part =>
  (w) => {
    if (typeof value === 'string') w.tag(field, WireType.LengthDelimited).string(value);
    else w.tag(field, WireType.LengthDelimited).bytes(value);
  };
const varint =
  (field: number, value: number | bigint): Part =>
  (w) => {
    w.tag(field, WireType.Varint).int64(value);
  };
const fixed64 =
  (field: number, value: bigint): Part =>
  (w) => {
    w.tag(field, WireType.Bit64).fixed64(value);
  };
const encode = (...parts: Part[]): Uint8Array => {
  const w = new BinaryWriter();
  for (const part of parts) part(w);
  return w.finish();
};
const filled = (length: number, byte: number): Uint8Array => new Uint8Array(length).fill(byte);
const attr = (key: string, ...value: Part[]): Part => msg(9, bytes(1, key), msg(2, ...value));
const span = (name: string, ...parts: Part[]): Part =>
  msg(2, bytes(1, filled(16, 0xab)), bytes(2, filled(8, 0xcd)), bytes(5, name), ...parts);
const request = (...spans: Part[]): Uint8Array => encode(msg(1, msg(2, ...spans)));

function decodeError(body: Uint8Array): OtlpDecodeError {
  try {
    decodeTraceRequest(body, 'protobuf');
  } catch (error) {
    if (error instanceof OtlpDecodeError) return error;
    throw error;
  }
  throw new Error('expected an OtlpDecodeError');
}

describe('decodeTraceRequest (protobuf)', () => {
  it('rejects only the spans with bad ids and says which rule each broke', () => {
    const decoded = decodeTraceRequest(
      request(
        span('good'),
        msg(2, bytes(1, filled(5, 1)), bytes(2, filled(8, 1)), bytes(5, 'short trace')),
        msg(2, bytes(1, filled(16, 1)), bytes(2, filled(8, 0)), bytes(5, 'zero span')),
        msg(2, bytes(1, filled(16, 0)), bytes(2, filled(8, 1)), bytes(5, 'zero trace')),
        span('bad parent', bytes(4, filled(3, 9))),
        msg(2, bytes(1, filled(16, 1)), bytes(5, 'no span id')),
      ),
      'protobuf',
    );
    expect(decoded.spans.map((s) => s.name)).toEqual(['good']);
    expect(decoded.rejectedSpans).toBe(5);
    expect(decoded.rejectionMessages).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1] ("short trace"): traceId: must be 16 bytes, got 5',
      'resourceSpans[0].scopeSpans[0].spans[2] ("zero span"): spanId: must not be all zeroes',
      'resourceSpans[0].scopeSpans[0].spans[3] ("zero trace"): traceId: must not be all zeroes',
      'resourceSpans[0].scopeSpans[0].spans[4] ("bad parent"): parentSpanId: must be empty or 8 bytes, got 3',
      'resourceSpans[0].scopeSpans[0].spans[5] ("no span id"): spanId: must be 8 bytes, got 0',
    ]);
  });

  it('reads ids as lowercase hex and an all-zero parent as a root', () => {
    const [s] = decodeTraceRequest(request(span('x', bytes(4, filled(8, 0)))), 'protobuf').spans;
    expect(s?.traceId).toBe('ab'.repeat(16));
    expect(s?.spanId).toBe('cd'.repeat(8));
    expect(s?.parentSpanId).toBeNull();
  });

  it('decodes int64 values: small, multi-byte, negative, beyond 2^53', () => {
    const [s] = decodeTraceRequest(
      request(
        span(
          'ints',
          attr('one', varint(3, 1)),
          attr('three-hundred', varint(3, 300)),
          attr('two-million', varint(3, 2_000_000)),
          attr('max-safe', varint(3, BigInt(Number.MAX_SAFE_INTEGER))),
          attr('above-safe', varint(3, 9_007_199_254_740_993n)),
          attr('minus-one', varint(3, -1)),
          attr('int64-min', varint(3, -(2n ** 63n))),
        ),
      ),
      'protobuf',
    ).spans;
    expect(s?.attributes).toEqual({
      one: 1,
      'three-hundred': 300,
      'two-million': 2_000_000,
      'max-safe': Number.MAX_SAFE_INTEGER,
      'above-safe': '9007199254740993',
      'minus-one': -1,
      'int64-min': '-9223372036854775808',
    });
  });

  it('skips unknown fields at every level, including a deprecated group', () => {
    const unknownEverywhere = encode(
      varint(99, 7),
      msg(
        1,
        bytes(9, 'future resource-spans field'),
        msg(
          2,
          msg(7, varint(1, 1)),
          span('kept', varint(50, 3), fixed64(51, 5n), attr('k', bytes(1, 'v'), varint(8, 1))),
        ),
      ),
      (w) =>
        w
          .tag(100, WireType.StartGroup)
          .tag(1, WireType.Varint)
          .uint32(5)
          .tag(100, WireType.EndGroup),
    );
    const decoded = decodeTraceRequest(unknownEverywhere, 'protobuf');
    expect(decoded.spans.map((s) => [s.name, s.attributes])).toEqual([['kept', { k: 'v' }]]);
  });

  it('shares a resource that arrives after its spans, and maps unknown enum values to 0', () => {
    const body = encode(
      msg(
        1,
        msg(2, span('a', varint(6, 9), msg(15, varint(3, 7), bytes(2, 'odd'))), span('b')),
        msg(1, msg(1, bytes(1, 'service.name'), msg(2, bytes(1, 'late')))),
      ),
    );
    const [a, b] = decodeTraceRequest(body, 'protobuf').spans;
    expect(a?.kind).toBe(0);
    expect(a?.statusCode).toBe(0);
    expect(a?.statusMessage).toBe('odd');
    expect(a?.resource).toBe(b?.resource);
    expect(b?.resource).toEqual({ 'service.name': 'late' });
  });

  it('truncates a 1 MB attribute string to the limit on a character boundary', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const accents = 'é'.repeat(600_000);
    const body = request(
      span('big', attr('ascii', bytes(1, huge)), attr('accents', bytes(1, accents))),
    );
    const [s] = decodeTraceRequest(body, 'protobuf').spans;
    expect(s?.attributes.ascii).toBe('x'.repeat(32_768));
    expect(s?.attributes.accents).toBe('é'.repeat(16_384));
    const [small] = decodeTraceRequest(body, 'protobuf', { maxAttributeValueBytes: 7 }).spans;
    expect(small?.attributes).toEqual({ ascii: 'xxxxxxx', accents: 'ééé' });
    expect(small?.name).toBe('big');
  });

  it('keeps the first maxAttributesPerSpan attributes', () => {
    const body = request(
      span('many', attr('a', varint(3, 1)), attr('b', varint(3, 2)), attr('c', varint(3, 3))),
    );
    const [s] = decodeTraceRequest(body, 'protobuf', { maxAttributesPerSpan: 2 }).spans;
    expect(s?.attributes).toEqual({ a: 1, b: 2 });
  });

  it('stores a "__proto__" key as data, never as the prototype', () => {
    const body = request(
      span('p', attr('__proto__', msg(6, msg(1, bytes(1, 'polluted'), msg(2, bytes(1, 'yes')))))),
    );
    const [s] = decodeTraceRequest(body, 'protobuf').spans;
    expect(Object.getPrototypeOf(s?.attributes)).toBe(Object.prototype);
    expect(Object.hasOwn(s?.attributes ?? {}, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts an empty body as an empty request', () => {
    expect(decodeTraceRequest(new Uint8Array(0), 'protobuf')).toEqual({
      spans: [],
      rejectedSpans: 0,
      rejectionMessages: [],
    });
  });

  it('throws OtlpDecodeError for every truncation of a real export', () => {
    const real = toProtobuf(buildTrace({ name: 'agent', children: [chatSpan('gpt-4o', 10, 5)] }));
    expect(decodeTraceRequest(real, 'protobuf').spans).toHaveLength(2);
    for (let cut = 1; cut < real.length; cut++) {
      expect(() => decodeTraceRequest(real.subarray(0, cut), 'protobuf')).toThrow(OtlpDecodeError);
    }
    expect(decodeError(real.subarray(0, real.length - 3)).message).toMatch(
      /^body: truncated or malformed protobuf at byte 3 inside resourceSpans\[0\]: length \d+ runs past the body end$/,
    );
  });

  it('names the span path when a field inside a span is cut or overruns', () => {
    const inner = request(span('cut', attr('k', bytes(1, 'value'))));
    const broken = inner.slice();
    broken[broken.length - 6] = 0x7f;
    expect(decodeError(broken).message).toMatch(
      /inside resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]/,
    );
  });

  it('throws OtlpDecodeError for garbage, JSON sent as protobuf and a logs export', () => {
    expect(decodeError(new TextEncoder().encode('hello, this is not protobuf')).message).toMatch(
      /^body: truncated or malformed protobuf at byte \d+/,
    );
    expect(() =>
      decodeTraceRequest(new TextEncoder().encode('{"resourceSpans":[]}'), 'protobuf'),
    ).toThrow(OtlpDecodeError);
    expect(decodeError(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])).message).toMatch(
      /^body:/,
    );
    // ResourceLogs share the outer field numbers; LogRecord.time_unix_nano (1) is fixed64.
    const logs = encode(msg(1, msg(2, msg(2, fixed64(1, 5n), varint(2, 9)))));
    expect(decodeError(logs).message).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].traceId: expected wire type 2 (length-delimited), got 1 (64-bit); is this an OTLP traces request?',
    );
  });

  it('refuses attribute values nested deeper than 32 levels', () => {
    let value: Part = bytes(1, 'leaf');
    for (let i = 0; i < 40; i++) value = msg(5, msg(1, value));
    expect(decodeError(request(span('deep', attr('nest', value)))).message).toMatch(
      /spans\[0\]\.attribute value nested deeper than 32 levels/,
    );
  });
});
