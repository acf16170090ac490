import { describe, expect, it } from 'vitest';
import { decodeTraceRequest, OtlpDecodeError } from './index.js';

const TRACE = '5B8EFFF798038103D269B633813FC60C';
const SPAN = 'EEE19B7EC3C1B174';
const toJson = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
const withSpans = (...spans: unknown[]) => ({ resourceSpans: [{ scopeSpans: [{ spans }] }] });
const decode = (body: unknown, limits = {}) => decodeTraceRequest(toJson(body), 'json', limits);

function decodeError(body: Uint8Array): string {
  try {
    decodeTraceRequest(body, 'json');
  } catch (error) {
    if (error instanceof OtlpDecodeError) return error.message;
    throw error;
  }
  throw new Error('expected an OtlpDecodeError');
}

describe('decodeTraceRequest (JSON)', () => {
  it('reads hex ids case-insensitively and base64 ids of the right length', () => {
    const hexBytes = Buffer.from(TRACE, 'hex');
    const spanBytes = Buffer.from(SPAN, 'hex');
    const { spans } = decode(
      withSpans(
        { traceId: TRACE, spanId: SPAN, name: 'upper hex' },
        { traceId: hexBytes.toString('base64'), spanId: spanBytes.toString('base64'), name: 'b64' },
        {
          traceId: hexBytes.toString('base64url'),
          spanId: spanBytes.toString('base64url'),
          parentSpanId: spanBytes.toString('base64'),
          name: 'b64url, no padding',
        },
      ),
    );
    for (const span of spans) {
      expect(span.traceId).toBe(TRACE.toLowerCase());
      expect(span.spanId).toBe(SPAN.toLowerCase());
    }
    expect(spans.map((s) => s.parentSpanId)).toEqual([null, null, SPAN.toLowerCase()]);
  });

  it('rejects spans whose ids are neither hex nor base64 of the right size, keeping the rest', () => {
    const decoded = decode(
      withSpans(
        { traceId: TRACE, spanId: SPAN, name: 'ok' },
        { traceId: 'abc123', spanId: SPAN, name: 'short hex' },
        { traceId: TRACE, spanId: 'not an id!', name: 'junk' },
        { traceId: TRACE, name: 'missing span id' },
        { traceId: TRACE, spanId: SPAN, parentSpanId: 'abcd', name: 'short parent' },
        { traceId: 12, spanId: SPAN, name: 'number id' },
      ),
    );
    expect(decoded.spans.map((s) => s.name)).toEqual(['ok']);
    expect(decoded.rejectedSpans).toBe(5);
    expect(decoded.rejectionMessages).toEqual([
      'resourceSpans[0].scopeSpans[0].spans[1] ("short hex"): traceId: must be 16 bytes, got 3',
      'resourceSpans[0].scopeSpans[0].spans[2] ("junk"): spanId: the string "not an id!" is neither hex nor base64 of 8 bytes',
      'resourceSpans[0].scopeSpans[0].spans[3] ("missing span id"): spanId: must be 8 bytes, got 0',
      'resourceSpans[0].scopeSpans[0].spans[4] ("short parent"): parentSpanId: must be empty or 8 bytes, got 2',
      'resourceSpans[0].scopeSpans[0].spans[5] ("number id"): traceId: must be a hex string, got number 12',
    ]);
  });

  it('accepts int64 as string or number, kind and status code as integer or enum name', () => {
    const { spans } = decode(
      withSpans(
        {
          traceId: TRACE,
          spanId: SPAN,
          kind: 'SPAN_KIND_CLIENT',
          startTimeUnixNano: '1700000000000000001',
          endTimeUnixNano: 1700000000,
          status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
          attributes: [
            { key: 'as-string', value: { intValue: '42' } },
            { key: 'as-number', value: { intValue: 42 } },
            { key: 'beyond-2^53', value: { intValue: '9007199254740993' } },
            { key: 'negative', value: { intValue: '-7' } },
            { key: 'double', value: { doubleValue: 0.5 } },
            { key: 'nan', value: { doubleValue: 'NaN' } },
            { key: 'inf', value: { doubleValue: '-Infinity' } },
            { key: 'bytes', value: { bytesValue: 'AAH/' } },
            { key: 'empty', value: {} },
            { key: 'absent' },
          ],
        },
        { traceId: TRACE, spanId: SPAN, kind: 3, status: { code: 1 } },
        { traceId: TRACE, spanId: SPAN, kind: 42 },
      ),
    );
    expect(spans.map((s) => [s.kind, s.statusCode])).toEqual([
      [3, 2],
      [3, 1],
      [0, 0],
    ]);
    expect(spans[0]?.startTimeUnixNano).toBe(1_700_000_000_000_000_001n);
    expect(spans[0]?.endTimeUnixNano).toBe(1_700_000_000n);
    expect(spans[0]?.statusMessage).toBe('boom');
    expect(spans[0]?.attributes).toEqual({
      'as-string': 42,
      'as-number': 42,
      'beyond-2^53': '9007199254740993',
      negative: -7,
      double: 0.5,
      nan: Number.NaN,
      inf: Number.NEGATIVE_INFINITY,
      bytes: 'AAH/',
      empty: null,
      absent: null,
    });
  });

  it('accepts snake_case field names and takes proto defaults for absent fields', () => {
    const { spans } = decode({
      resource_spans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { string_value: 'svc' } }] },
          scope_spans: [
            {
              scope: { name: 'lib' },
              spans: [
                {
                  trace_id: TRACE,
                  span_id: SPAN,
                  parent_span_id: '',
                  start_time_unix_nano: '5',
                  attributes: [
                    { key: 'n', value: { int_value: '3' } },
                    {
                      key: 'nested',
                      value: {
                        kvlist_value: {
                          values: [
                            {
                              key: 'list',
                              value: { array_value: { values: [{ bool_value: true }] } },
                            },
                          ],
                        },
                      },
                    },
                  ],
                  events: [{ time_unix_nano: '9', name: 'e' }],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(spans).toEqual([
      {
        traceId: TRACE.toLowerCase(),
        spanId: SPAN.toLowerCase(),
        parentSpanId: null,
        name: '',
        kind: 0,
        startTimeUnixNano: 5n,
        endTimeUnixNano: 0n,
        attributes: { n: 3, nested: { list: [true] } },
        events: [{ name: 'e', timeUnixNano: 9n, attributes: {} }],
        statusCode: 0,
        statusMessage: '',
        resource: { 'service.name': 'svc' },
        scope: { name: 'lib', version: '' },
      },
    ]);
  });

  it('accepts attributes sent as a plain object instead of a KeyValue list', () => {
    const { spans } = decode(
      withSpans({
        traceId: TRACE,
        spanId: SPAN,
        attributes: { 'gen_ai.usage.input_tokens': 12, model: 'gpt-4o', meta: { a: [1, 'b'] } },
      }),
    );
    expect(spans[0]?.attributes).toEqual({
      'gen_ai.usage.input_tokens': 12,
      model: 'gpt-4o',
      meta: { a: [1, 'b'] },
    });
  });

  it('truncates a 1 MB string to the limit and keeps the first maxAttributesPerSpan attributes', () => {
    const attributes = [
      { key: 'big', value: { stringValue: 'é'.repeat(512 * 1024) } },
      { key: 'second', value: { stringValue: 'kept' } },
      { key: 'third', value: { stringValue: 'dropped' } },
    ];
    const { spans } = decode(withSpans({ traceId: TRACE, spanId: SPAN, attributes }), {
      maxAttributesPerSpan: 2,
    });
    expect(spans[0]?.attributes).toEqual({ big: 'é'.repeat(16_384), second: 'kept' });
  });

  it('throws OtlpDecodeError for malformed JSON and a top level that is not an object', () => {
    expect(decodeError(new TextEncoder().encode('{"resourceSpans": ['))).toMatch(
      /^body: not valid JSON \(/,
    );
    expect(decodeError(toJson([withSpans()]))).toBe(
      'body: must be a JSON object (ExportTraceServiceRequest), got an array',
    );
    expect(decodeError(toJson('spans'))).toMatch(
      /^body: must be a JSON object .*got the string "spans"$/,
    );
    expect(decodeError(toJson(null))).toMatch(/got null$/);
  });

  it('throws OtlpDecodeError naming the path for wrong structural types', () => {
    expect(decodeError(toJson({ resourceSpans: {} }))).toBe(
      'resourceSpans: must be an array, got an object',
    );
    expect(decodeError(toJson({ resourceSpans: [{ scopeSpans: [{ spans: 'x' }] }] }))).toBe(
      'resourceSpans[0].scopeSpans[0].spans: must be an array, got the string "x"',
    );
    const span = { traceId: TRACE, spanId: SPAN };
    expect(decodeError(toJson(withSpans({ ...span, startTimeUnixNano: 'soon' })))).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].startTimeUnixNano: must be an unsigned 64-bit integer (decimal string), got the string "soon"',
    );
    expect(decodeError(toJson(withSpans({ ...span, kind: 'CLIENTISH' })))).toMatch(
      /spans\[0\]\.kind: must be an integer or one of SPAN_KIND_UNSPECIFIED, .*got the string "CLIENTISH"$/,
    );
    expect(
      decodeError(
        toJson(withSpans({ ...span, attributes: [{ key: 'n', value: { intValue: 1.5 } }] })),
      ),
    ).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].attributes[0].value.intValue: must be a 64-bit integer (decimal string or number), got number 1.5',
    );
    expect(decodeError(toJson(withSpans({ ...span, name: 7 })))).toBe(
      'resourceSpans[0].scopeSpans[0].spans[0].name: must be a string, got number 7',
    );
  });

  it('ignores unknown fields', () => {
    const { spans } = decode({
      futureTopLevel: 1,
      resourceSpans: [
        {
          schemaUrl: 'x',
          scopeSpans: [
            { spans: [{ traceId: TRACE, spanId: SPAN, flags: 257, links: [{}], newField: {} }] },
          ],
        },
      ],
    });
    expect(spans).toHaveLength(1);
  });
});
