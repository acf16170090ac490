/**
 * Binary OTLP ExportTraceServiceRequest → `OtlpSpan[]`, walking only the fields the domain keeps:
 * request.resource_spans=1 → ResourceSpans{resource=1, scope_spans=2} → ScopeSpans{scope=1, spans=2}.
 */
import { WireType } from '@bufbuild/protobuf/wire';
import type { Attributes, OtlpScope } from '../../domain/index.js';
import type { DecodedTraceRequest, DecodeLimits } from './decode-limits.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { readKeyValue } from './protobuf-attributes.js';
import { ProtobufCursor } from './protobuf-cursor.js';
import { readSpan } from './protobuf-span.js';
import { SpanSink } from './span-sink.js';

export function decodeProtobufTraceRequest(
  body: Uint8Array,
  limits: DecodeLimits,
): DecodedTraceRequest {
  const walk = new RequestWalk(new ProtobufCursor(body, limits.maxAttributeValueBytes), limits);
  try {
    walk.request();
  } catch (error) {
    throw walk.explain(error);
  }
  return walk.sink.result();
}

/** Walks one request; keeps the indices of where it is so an error can name the path. */
class RequestWalk {
  readonly sink = new SpanSink();
  #resourceIndex = -1;
  #scopeIndex = -1;
  #spanIndex = -1;

  constructor(
    readonly c: ProtobufCursor,
    readonly limits: DecodeLimits,
  ) {}

  request(): void {
    const c = this.c;
    const end = c.reader.len;
    let resourceCount = 0;
    while (c.pos < end) {
      c.tag();
      if (c.field === 1) {
        c.expect(WireType.LengthDelimited, 'resourceSpans');
        this.#resourceIndex = resourceCount++;
        this.#resourceSpans(c.lengthEnd());
      } else {
        c.skip();
      }
    }
  }

  #resourceSpans(end: number): void {
    const c = this.c;
    // Filled in place, so spans read before a late `resource` field still share the final object.
    const resource: Attributes = {};
    let scopeCount = 0;
    while (c.pos < end) {
      c.tag();
      if (c.field === 1) {
        c.expect(WireType.LengthDelimited, 'resource');
        this.#resource(c.lengthEnd(), resource);
      } else if (c.field === 2) {
        c.expect(WireType.LengthDelimited, 'scopeSpans');
        this.#scopeIndex = scopeCount++;
        this.#scopeSpans(c.lengthEnd(), resource);
        this.#scopeIndex = -1;
      } else {
        c.skip();
      }
    }
    c.close(end);
  }

  #resource(end: number, attributes: Attributes): void {
    const c = this.c;
    let count = Object.keys(attributes).length;
    while (c.pos < end) {
      c.tag();
      if (c.field === 1 && count < this.limits.maxAttributesPerSpan) {
        c.expect(WireType.LengthDelimited, 'resource.attributes');
        readKeyValue(c, attributes, 0);
        count += 1;
      } else {
        c.skip();
      }
    }
    c.close(end);
  }

  #scopeSpans(end: number, resource: Attributes): void {
    const c = this.c;
    const scope: OtlpScope = { name: '', version: '' };
    let spanCount = 0;
    while (c.pos < end) {
      c.tag();
      if (c.field === 1) {
        c.expect(WireType.LengthDelimited, 'scope');
        this.#scope(c.lengthEnd(), scope);
      } else if (c.field === 2) {
        c.expect(WireType.LengthDelimited, 'spans');
        this.#spanIndex = spanCount++;
        const spanEnd = c.lengthEnd();
        readSpan(c, spanEnd, this.limits.maxAttributesPerSpan, resource, scope, this);
        this.#spanIndex = -1;
      } else {
        c.skip();
      }
    }
    c.close(end);
  }

  #scope(end: number, scope: OtlpScope): void {
    const c = this.c;
    while (c.pos < end) {
      c.tag();
      if (c.field === 1) {
        c.expect(WireType.LengthDelimited, 'scope.name');
        scope.name = c.string();
      } else if (c.field === 2) {
        c.expect(WireType.LengthDelimited, 'scope.version');
        scope.version = c.string();
      } else {
        c.skip();
      }
    }
    c.close(end);
  }

  /** `resourceSpans[i].scopeSpans[j].spans[k]` down to where the walk is. */
  location(): string {
    if (this.#resourceIndex < 0) return '';
    let path = `resourceSpans[${this.#resourceIndex}]`;
    if (this.#scopeIndex >= 0) path += `.scopeSpans[${this.#scopeIndex}]`;
    if (this.#spanIndex >= 0) path += `.spans[${this.#spanIndex}]`;
    return path;
  }

  explain(error: unknown): unknown {
    if (error instanceof TypeError || error instanceof ReferenceError) return error;
    const where = this.location();
    if (error instanceof OtlpDecodeError) {
      return new OtlpDecodeError(where === '' ? error.message : `${where}.${error.message}`);
    }
    const detail = error instanceof Error ? error.message : String(error);
    const inside = where === '' ? '' : ` inside ${where}`;
    return new OtlpDecodeError(
      `body: truncated or malformed protobuf at byte ${this.c.pos}${inside}: ${detail}`,
    );
  }
}
