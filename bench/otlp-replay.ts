/**
 * Replayed load for the ingest benchmark: a small corpus of encoded OTLP protobuf batches, each
 * sent again and again with new trace ids patched into its bytes in place, so the load generator
 * costs a memory copy per batch instead of building and encoding it, and every replayed span is a
 * new span to the server (dedupe keys on trace id + span id).
 */

/** Where each span's 16 trace-id bytes start in the batch. */
export function traceIdOffsets(body: Uint8Array): number[] {
  const offsets: number[] = [];
  // ExportTraceServiceRequest.resource_spans(1) → ResourceSpans.scope_spans(2) → ScopeSpans.spans(2)
  // → Span.trace_id(1): field numbers of the OTLP trace schema.
  for (const resource of fields(body, 0, body.length, 1)) {
    for (const scope of fields(body, resource.start, resource.end, 2)) {
      for (const span of fields(body, scope.start, scope.end, 2)) {
        for (const id of fields(body, span.start, span.end, 1)) {
          if (id.end - id.start !== 16) throw new Error(`trace id of ${id.end - id.start} bytes`);
          offsets.push(id.start);
        }
      }
    }
  }
  return offsets;
}

function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  let pos = at;
  for (;;) {
    const byte = bytes[pos];
    if (byte === undefined) throw new Error('truncated varint');
    pos += 1;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
}

/** The length-delimited occurrences of `field` among the message's fields in [start, end). */
function* fields(
  bytes: Uint8Array,
  start: number,
  end: number,
  field: number,
): Generator<{ start: number; end: number }> {
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = varint(bytes, pos);
    const wire = tag % 8;
    pos = afterTag;
    if (wire === 0) pos = varint(bytes, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [length, from] = varint(bytes, pos);
      pos = from + length;
      if (Math.floor(tag / 8) === field) yield { start: from, end: pos };
    } else throw new Error(`wire type ${wire} not expected in an OTLP trace request`);
  }
}

interface CorpusBatch {
  body: Uint8Array;
  spans: number;
  offsets: number[];
}

/**
 * The corpus of one exporter. A replay's trace ids keep each original id's last 8 bytes (distinct
 * between the traces of a batch, checked here) and take the exporter and the replay's round as
 * their first 8, so no two replays, and no two exporters, share a trace id.
 */
export class ReplayCorpus {
  readonly #batches: CorpusBatch[] = [];

  constructor(
    private readonly exporter: number,
    batches: Iterable<{ body: Uint8Array; spans: number }>,
  ) {
    for (const { body, spans } of batches) {
      const offsets = traceIdOffsets(body);
      if (offsets.length !== spans)
        throw new Error(`${offsets.length} trace ids for ${spans} spans`);
      const tails = new Map<string, string>();
      for (const at of offsets) {
        const whole = Buffer.from(body.subarray(at, at + 16)).toString('hex');
        const tail = whole.slice(16);
        if ((tails.get(tail) ?? whole) !== whole)
          throw new Error('two traces of a corpus batch share their last 8 id bytes');
        tails.set(tail, whole);
      }
      this.#batches.push({ body, spans, offsets });
    }
    if (this.#batches.length === 0) throw new Error('empty replay corpus');
  }

  get size(): number {
    return this.#batches.length;
  }

  /**
   * The batch of replay `round` (0, 1, 2 …): the corpus batch `round % size` with its trace ids
   * patched in place; a copy when `copy` (a body handed to another thread is transferred away).
   */
  batch(round: number, copy: boolean): { body: Uint8Array; spans: number } {
    const source = this.#batches[round % this.#batches.length] as CorpusBatch;
    const body = copy ? source.body.slice() : source.body;
    const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
    for (const at of source.offsets) {
      view.setUint32(at, this.exporter >>> 0);
      view.setUint32(at + 4, round >>> 0);
    }
    return { body, spans: source.spans };
  }
}
