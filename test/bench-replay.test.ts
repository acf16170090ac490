/** The ingest bench's replayed load: every replayed span decodes as a new span of the same shape. */
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../bench/otlp-batch.js';
import { ReplayCorpus, traceIdOffsets } from '../bench/otlp-replay.js';
import { decodeTraceRequest } from '../src/ingest/index.js';

const decode = (body: Uint8Array) => decodeTraceRequest(body, 'protobuf', {}).spans;

describe('ReplayCorpus', () => {
  it('finds each span trace id and patches them so no replay repeats a (trace, span) pair', () => {
    // 2 corpus batches of 64 spans = 8 traces of 8 spans each.
    const bodies = [makeBatch(1, 0, 64), makeBatch(1, 1, 64)];
    expect(traceIdOffsets(bodies[0] as Uint8Array)).toHaveLength(64);
    const original = decode(bodies[0] as Uint8Array);
    const corpus = new ReplayCorpus(
      7,
      bodies.map((body) => ({ body: body.slice(), spans: 64 })),
    );
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const copy = round % 2 === 1;
      const spans = decode(corpus.batch(round, copy).body);
      expect(spans).toHaveLength(64);
      // Exporter 7 and the round lead the id; the original's last 8 bytes (its trace) follow.
      const first = spans[0]?.traceId ?? '';
      expect(first.slice(0, 16)).toBe(`00000007${round.toString(16).padStart(8, '0')}`);
      expect(new Set(spans.map((s) => s.traceId)).size).toBe(8);
      for (const span of spans) seen.add(`${span.traceId}/${span.spanId}`);
    }
    expect(seen.size).toBe(6 * 64);
    // Everything but the trace ids is the corpus batch: same span ids, names, attributes.
    const replayed = decode(corpus.batch(2, true).body);
    expect(replayed.map((s) => ({ ...s, traceId: '' }))).toEqual(
      original.map((s) => ({ ...s, traceId: '' })),
    );
  });

  it('refuses a batch whose traces cannot stay apart after patching', () => {
    // Trace 1 made to share trace 0's last 8 id bytes while its first 8 differ: patching the first
    // 8 would merge the two traces.
    const body = makeBatch(1, 0, 16);
    const offsets = traceIdOffsets(body);
    const zero = offsets[0] as number;
    for (const at of offsets.slice(8)) {
      body.copyWithin(at + 8, zero + 8, zero + 16);
      body[at] = 0xff;
    }
    expect(() => new ReplayCorpus(1, [{ body, spans: 16 }])).toThrow(/share their last 8/);
  });
});
