import {
  type Attributes as ApiAttributes,
  context,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import type { OtlpSpan } from '../../domain/index.js';
import { decodeTraceRequest, type OtlpEncoding } from './index.js';

const BIG = 2 ** 60;
const SPAN_ATTRIBUTES: ApiAttributes = {
  'gen_ai.request.model': 'gpt-4o-mini',
  'gen_ai.usage.input_tokens': 1200,
  'gen_ai.usage.output_tokens': 0,
  'big.int': BIG,
  'negative.int': -42,
  'negative.big': -BIG,
  'gen_ai.request.temperature': 0.25,
  streaming: true,
  cached: false,
  unicode: 'héllo → 世界 🎉',
  empty: '',
  'gen_ai.response.finish_reasons': ['stop', 'length'],
  numbers: [1, 2.5, -3],
  flags: [true, false],
};

/** Real spans from the SDK: a root and a child with events, a link and an error status. */
function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'agent-app', 'service.instance.id': 7 }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('tokenledger-test-scope', '2.3.4');
  const root = tracer.startSpan('invoke_agent support', { kind: SpanKind.SERVER });
  const child = tracer.startSpan(
    'chat gpt-4o-mini',
    {
      kind: SpanKind.CLIENT,
      attributes: SPAN_ATTRIBUTES,
      links: [{ context: root.spanContext(), attributes: { 'link.kind': 'follows' } }],
    },
    trace.setSpan(context.active(), root),
  );
  child.addEvent('gen_ai.choice', { index: 0, 'finish.reason': 'stop' });
  child.addEvent('retry');
  child.setStatus({ code: SpanStatusCode.ERROR, message: 'rate limited' });
  child.end();
  root.setStatus({ code: SpanStatusCode.OK });
  root.end();
  const spans = exporter.getFinishedSpans();
  // The SDK's attribute API refuses maps and bytes, but the serializers (and OTLP) carry them.
  const attributes = spans[0]?.attributes as Record<string, unknown>;
  attributes['gen_ai.input.messages'] = {
    role: 'user',
    parts: [{ type: 'text', content: 'hi' }],
    tokens: 12,
  };
  attributes['raw.bytes'] = new Uint8Array([0, 1, 2, 250, 255]);
  return spans;
}

function serialize(encoding: OtlpEncoding, spans: ReadableSpan[]): Uint8Array {
  const serializer = encoding === 'protobuf' ? ProtobufTraceSerializer : JsonTraceSerializer;
  const bytes = serializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return bytes;
}

function nanos(time: readonly [number, number]): bigint {
  return BigInt(time[0]) * 1_000_000_000n + BigInt(time[1]);
}

describe.each(['protobuf', 'json'] as const)(
  'decodeTraceRequest on real %s exports',
  (encoding) => {
    const recorded = recordSpans();
    const [childSdk, rootSdk] = recorded as [ReadableSpan, ReadableSpan];
    const decoded = decodeTraceRequest(serialize(encoding, recorded), encoding);
    const byName = new Map(decoded.spans.map((span) => [span.name, span]));
    const child = byName.get('chat gpt-4o-mini') as OtlpSpan;
    const root = byName.get('invoke_agent support') as OtlpSpan;

    it('keeps every span and rejects none', () => {
      expect(decoded.spans).toHaveLength(2);
      expect(decoded.rejectedSpans).toBe(0);
      expect(decoded.rejectionMessages).toEqual([]);
    });

    it('round-trips ids, parentage, kind and timestamps', () => {
      const rootContext = rootSdk.spanContext();
      expect(root.traceId).toBe(rootContext.traceId);
      expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(root.spanId).toBe(rootContext.spanId);
      expect(root.parentSpanId).toBeNull();
      expect(root.kind).toBe(2);
      expect(child.traceId).toBe(rootContext.traceId);
      expect(child.spanId).toBe(childSdk.spanContext().spanId);
      expect(child.parentSpanId).toBe(rootContext.spanId);
      expect(child.kind).toBe(3);
      expect(child.startTimeUnixNano).toBe(nanos(childSdk.startTime));
      expect(child.endTimeUnixNano).toBe(nanos(childSdk.endTime));
      expect(root.startTimeUnixNano).toBe(nanos(rootSdk.startTime));
      expect(root.endTimeUnixNano).toBe(nanos(rootSdk.endTime));
    });

    it('decodes attributes of every type, int64 beyond 2^53 as decimal strings', () => {
      expect(child.attributes).toEqual({
        'gen_ai.request.model': 'gpt-4o-mini',
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 0,
        'big.int': '1152921504606846976',
        'negative.int': -42,
        'negative.big': '-1152921504606846976',
        'gen_ai.request.temperature': 0.25,
        streaming: true,
        cached: false,
        unicode: 'héllo → 世界 🎉',
        empty: '',
        'gen_ai.response.finish_reasons': ['stop', 'length'],
        numbers: [1, 2.5, -3],
        flags: [true, false],
        'gen_ai.input.messages': {
          role: 'user',
          parts: [{ type: 'text', content: 'hi' }],
          tokens: 12,
        },
        'raw.bytes': Buffer.from([0, 1, 2, 250, 255]).toString('base64'),
      });
      expect(root.attributes).toEqual({});
    });

    it('decodes events, status, resource and scope', () => {
      expect(child.events).toEqual([
        {
          name: 'gen_ai.choice',
          timeUnixNano: nanos(childSdk.events[0]?.time ?? [0, 0]),
          attributes: { index: 0, 'finish.reason': 'stop' },
        },
        { name: 'retry', timeUnixNano: nanos(childSdk.events[1]?.time ?? [0, 0]), attributes: {} },
      ]);
      expect(child.statusCode).toBe(2);
      expect(child.statusMessage).toBe('rate limited');
      expect(root.statusCode).toBe(1);
      expect(root.statusMessage).toBe('');
      expect(child.resource).toEqual({ 'service.name': 'agent-app', 'service.instance.id': 7 });
      expect(child.scope).toEqual({ name: 'tokenledger-test-scope', version: '2.3.4' });
    });

    it('shares one resource object among the spans of a ResourceSpans', () => {
      expect(child.resource).toBe(root.resource);
    });
  },
);

describe('protobuf and JSON exports of the same spans', () => {
  it('decode to identical spans', () => {
    const recorded = recordSpans();
    const fromProtobuf = decodeTraceRequest(serialize('protobuf', recorded), 'protobuf');
    const fromJson = decodeTraceRequest(serialize('json', recorded), 'json');
    expect(fromJson).toEqual(fromProtobuf);
  });
});
