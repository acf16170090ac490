/**
 * Real spans from the OpenTelemetry JS SDK, serialised by the same serializers the official OTLP
 * exporters use, so receiver tests send exactly what an exporter would.
 */
import { type Attributes, context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';

export interface SpanSpec {
  name: string;
  attributes?: Attributes;
  kind?: SpanKind;
  children?: SpanSpec[];
  /** Epoch milliseconds; the SDK's clock when absent. */
  startTime?: number;
  /** With `startTime`: when the span ends. */
  durationMs?: number;
  /** Ends the span with status ERROR and this message. */
  error?: string;
}

/** Builds one trace from a tree of specs; returns its spans (children end before parents). */
export function buildTrace(
  root: SpanSpec,
  resource: Attributes = { 'service.name': 'test-app' },
): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes(resource),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer('tokenledger-test', '1.0.0');
  const start = (spec: SpanSpec, parentContext = context.active()): void => {
    const span = tracer.startSpan(
      spec.name,
      {
        kind: spec.kind ?? SpanKind.INTERNAL,
        attributes: spec.attributes,
        ...(spec.startTime === undefined ? {} : { startTime: spec.startTime }),
      },
      parentContext,
    );
    const ctx = trace.setSpan(parentContext, span);
    for (const child of spec.children ?? []) start(child, ctx);
    if (spec.error !== undefined)
      span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    span.end(spec.startTime === undefined ? undefined : spec.startTime + (spec.durationMs ?? 1));
  };
  start(root);
  return exporter.getFinishedSpans();
}

export function toProtobuf(spans: ReadableSpan[]): Uint8Array {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return bytes;
}

export function toJson(spans: ReadableSpan[]): Uint8Array {
  const bytes = JsonTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error('serializer returned nothing');
  return bytes;
}

export function chatSpan(
  model: string,
  input: number,
  output: number,
  extra: Attributes = {},
): SpanSpec {
  return {
    name: `chat ${model}`,
    kind: SpanKind.CLIENT,
    attributes: {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': model,
      'gen_ai.response.model': model,
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
      ...extra,
    },
  };
}
