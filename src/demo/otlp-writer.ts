/**
 * OTLP/protobuf encoding of simulated spans: one ExportTraceServiceRequest per batch, spans grouped
 * by resource (service) and instrumentation scope. Field numbers from opentelemetry-proto
 * (trace/v1/trace.proto, common/v1/common.proto); written with @bufbuild/protobuf's BinaryWriter.
 */
import { BinaryWriter } from '@bufbuild/protobuf/wire';
import type { AttrValue } from './convention-shapes.js';
import type { SpanOut } from './span-emitter.js';

const LEN = 2;
const VARINT = 0;
const I64 = 1;
const tag = (field: number, wire: number) => (field << 3) | wire;

export const DEFAULT_BATCH_SPANS = 512;

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function writeKeyValue(w: BinaryWriter, field: number, key: string, value: AttrValue): void {
  w.uint32(tag(field, LEN)).fork();
  w.uint32(tag(1, LEN)).string(key);
  w.uint32(tag(2, LEN)).fork();
  if (typeof value === 'string') w.uint32(tag(1, LEN)).string(value);
  else if (typeof value === 'boolean') w.uint32(tag(2, VARINT)).bool(value);
  else if (Number.isInteger(value)) w.uint32(tag(3, VARINT)).int64(value);
  else w.uint32(tag(4, I64)).double(value);
  w.join();
  w.join();
}

function writeSpan(w: BinaryWriter, span: SpanOut): void {
  w.uint32(tag(2, LEN)).fork();
  w.uint32(tag(1, LEN)).bytes(hexToBytes(span.traceId));
  w.uint32(tag(2, LEN)).bytes(hexToBytes(span.spanId));
  if (span.parentSpanId !== null) w.uint32(tag(4, LEN)).bytes(hexToBytes(span.parentSpanId));
  w.uint32(tag(5, LEN)).string(span.name);
  w.uint32(tag(6, VARINT)).int32(span.kind);
  w.uint32(tag(7, I64)).fixed64(span.startNs);
  w.uint32(tag(8, I64)).fixed64(span.endNs);
  for (const [key, value] of span.attributes) writeKeyValue(w, 9, key, value);
  if (span.status !== 0) {
    w.uint32(tag(15, LEN)).fork().uint32(tag(3, VARINT)).int32(span.status).join();
  }
  w.join();
}

/** One ExportTraceServiceRequest holding `spans`, in their order within each resource and scope. */
export function encodeTraceRequest(spans: readonly SpanOut[]): Uint8Array {
  const groups = new Map<string, Map<string, SpanOut[]>>();
  for (const span of spans) {
    let scopes = groups.get(span.service);
    if (!scopes) {
      scopes = new Map();
      groups.set(span.service, scopes);
    }
    let list = scopes.get(span.scope);
    if (!list) {
      list = [];
      scopes.set(span.scope, list);
    }
    list.push(span);
  }
  const w = new BinaryWriter();
  for (const [service, scopes] of groups) {
    w.uint32(tag(1, LEN)).fork();
    w.uint32(tag(1, LEN)).fork();
    writeKeyValue(w, 1, 'service.name', service);
    writeKeyValue(w, 1, 'deployment.environment', 'demo');
    w.join();
    for (const [scope, list] of scopes) {
      w.uint32(tag(2, LEN)).fork();
      w.uint32(tag(1, LEN)).fork().uint32(tag(1, LEN)).string(scope).join();
      for (const span of list) writeSpan(w, span);
      w.join();
    }
    w.join();
  }
  return w.finish();
}

/** Collects spans and hands out a request every `size` spans. */
export class SpanBatcher {
  #pending: SpanOut[] = [];

  constructor(readonly size: number = DEFAULT_BATCH_SPANS) {}

  /** Adds spans; returns the requests that became full (usually none or one). */
  add(spans: readonly SpanOut[]): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const span of spans) {
      this.#pending.push(span);
      if (this.#pending.length >= this.size) out.push(this.flush() as Uint8Array);
    }
    return out;
  }

  /** The request of the spans still pending, or null when there are none. */
  flush(): Uint8Array | null {
    if (this.#pending.length === 0) return null;
    const body = encodeTraceRequest(this.#pending);
    this.#pending = [];
    return body;
  }
}
