/**
 * A minimal OTLP/HTTP trace sink for checking the harness itself: it accepts every export, keeps
 * the raw bodies, and flattens OTLP/JSON bodies into spans. It decodes no protobuf.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CapturedExport {
  contentType: string;
  bytes: number;
  /** Parsed body when the exporter sent OTLP/JSON, else null. */
  json: unknown;
}

export interface CapturedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  kind: number;
  scope: string;
  resource: Record<string, unknown>;
  attributes: Record<string, unknown>;
}

export interface OtlpCaptureServer {
  url: string;
  exports: CapturedExport[];
  /** Every span of every OTLP/JSON export received so far. */
  spans(): CapturedSpan[];
  close(): Promise<void>;
}

type KeyValue = { key: string; value: AnyValue };
type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
};

function plain(value: AnyValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  // proto3 JSON allows int64 as a string; the JS exporter sends numbers.
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(plain);
  return null;
}

function attributeMap(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, plain(value)]));
}

interface TracesJson {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: Array<{
      scope?: { name?: string };
      spans?: Array<{
        traceId: string;
        spanId: string;
        parentSpanId?: string;
        name: string;
        kind: number;
        attributes?: KeyValue[];
      }>;
    }>;
  }>;
}

function flatten(body: TracesJson): CapturedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = attributeMap(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map((span) => ({
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId ?? '',
        name: span.name,
        kind: span.kind,
        scope: scopeSpans.scope?.name ?? '',
        resource,
        attributes: attributeMap(span.attributes),
      })),
    );
  });
}

export async function startOtlpCaptureServer(): Promise<OtlpCaptureServer> {
  const exports: CapturedExport[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = req.headers['content-type'] ?? '';
      const isJson = contentType.startsWith('application/json');
      exports.push({
        contentType,
        bytes: body.length,
        json: isJson ? JSON.parse(body.toString('utf8')) : null,
      });
      // An empty body is a valid ExportTraceServiceResponse in both encodings.
      res.writeHead(200, {
        'content-type': isJson ? 'application/json' : 'application/x-protobuf',
      });
      res.end(isJson ? '{}' : undefined);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans: () => exports.flatMap((e) => (e.json === null ? [] : flatten(e.json as TracesJson))),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
