/**
 * The per-scenario OpenTelemetry pipeline: a non-global tracer provider exporting over real OTLP/HTTP
 * (protobuf or JSON) in batches, which records its trace ids and fails loudly if an export fails.
 */
import type { Tracer } from '@opentelemetry/api';
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type ReadableSpan,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ensureAsyncContext } from './async-context.js';

export interface TelemetryOptions {
  /** Origin of the OTLP/HTTP receiver, e.g. `http://127.0.0.1:4318`; `/v1/traces` is appended. */
  otlpUrl: string;
  /** Exporter encoding; protobuf is what most SDKs send by default. */
  protocol?: 'protobuf' | 'json';
  /** Extra resource attributes, merged over `service.name`. */
  resource?: Record<string, string>;
}

export interface ScenarioOptions extends TelemetryOptions {
  /** Origin of the OpenAI-compatible stub (see `startOpenAiStub`); `/v1` is appended. */
  openaiUrl: string;
}

export interface ScenarioTelemetry {
  provider: BasicTracerProvider;
  tracer: Tracer;
  /** Flushes every span to the receiver, shuts the provider down, and returns the trace ids. */
  finish(): Promise<string[]>;
}

/** Delegates to the real exporter and remembers failures that the batch processor would swallow. */
class CheckedExporter implements SpanExporter {
  readonly failures: string[] = [];

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code !== ExportResultCode.SUCCESS) {
        this.failures.push(result.error?.message ?? 'export failed without an error');
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

class TraceIdRecorder implements SpanProcessor {
  readonly traceIds = new Set<string>();

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    this.traceIds.add(span.spanContext().traceId);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export function startScenarioTelemetry(
  options: TelemetryOptions,
  serviceName: string,
): ScenarioTelemetry {
  ensureAsyncContext();
  const url = `${options.otlpUrl}/v1/traces`;
  const exporter = new CheckedExporter(
    options.protocol === 'json' ? new OtlpJsonExporter({ url }) : new OtlpProtoExporter({ url }),
  );
  const recorder = new TraceIdRecorder();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName, ...options.resource }),
    spanProcessors: [recorder, new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50 })],
  });
  return {
    provider,
    tracer: provider.getTracer('tokenledger-e2e-scenario'),
    finish: async () => {
      await provider.forceFlush();
      await provider.shutdown();
      if (exporter.failures.length > 0) {
        throw new Error(`OTLP export to ${url} failed: ${exporter.failures.join('; ')}`);
      }
      return [...recorder.traceIds];
    },
  };
}
