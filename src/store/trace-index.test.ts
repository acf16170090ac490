/** The TraceIndex: lookups by kind, state applied only when committed, LRU bounded by spans. */
import { describe, expect, it } from 'vitest';
import { emptyTraceState, type SpanState, TraceIndex } from './trace-index.js';

const span = (spanId: string, hasUsage = true): SpanState => ({
  spanId,
  parentSpanId: null,
  kind: 'llm',
  hasUsage,
  inputTokens: hasUsage ? 1 : null,
  outputTokens: hasUsage ? 1 : null,
  usageDetail: 0,
  responseId: null,
  startTimeUnixNano: 1n,
  exclusion: null,
});

function commitTrace(index: TraceIndex, traceId: string, spans: SpanState[]) {
  const found = index.lookup(traceId);
  const base = found.kind === 'cached' ? found.state : emptyTraceState();
  index.applyCommitted([{ traceId, base, added: spans, changed: new Map() }]);
}

describe('TraceIndex', () => {
  it('knows nothing of a trace until a transaction holding it has committed', () => {
    const index = new TraceIndex();
    expect(index.lookup('t1').kind).toBe('new');
    commitTrace(index, 't1', [span('a'), span('b', false)]);
    const found = index.lookup('t1');
    expect(found.kind).toBe('cached');
    if (found.kind === 'cached') {
      expect([...found.state.spans.keys()]).toEqual(['a', 'b']);
      expect(found.state.usageSpans).toBe(1);
    }
  });

  it('evicts least recently committed traces beyond maxSpans, remembering them in the Bloom filter', () => {
    const index = new TraceIndex({ maxSpans: 4 });
    commitTrace(index, 't1', [span('a'), span('b')]);
    commitTrace(index, 't2', [span('c'), span('d')]);
    commitTrace(index, 't1', [span('e')]);
    expect(index.stats).toMatchObject({ traces: 1, spans: 3 });
    expect(index.lookup('t1').kind).toBe('cached');
    expect(index.lookup('t2').kind).toBe('maybe-stored');
    expect(index.mightHold('t2')).toBe(true);
  });

  it('applies re-decided exclusions to stored spans', () => {
    const index = new TraceIndex();
    commitTrace(index, 't1', [span('a')]);
    const found = index.lookup('t1');
    if (found.kind !== 'cached') throw new Error('expected cached');
    index.applyCommitted([
      { traceId: 't1', base: found.state, added: [], changed: new Map([['a', 'rolled_up']]) },
    ]);
    expect(found.state.spans.get('a')?.exclusion).toBe('rolled_up');
  });

  it('asks for a Bloom rebuild once over capacity and keeps every id after it', () => {
    const index = new TraceIndex({ bloomCapacity: 2, maxSpans: 1 });
    for (const id of ['t1', 't2', 't3']) commitTrace(index, id, [span('a')]);
    expect(index.needsBloomRebuild).toBe(true);
    const bloom = index.startBloomRebuild(3);
    for (const id of ['t1', 't2', 't3']) bloom.add(id);
    index.finishBloomRebuild(bloom);
    expect(index.needsBloomRebuild).toBe(false);
    expect(['t1', 't2', 't3'].every((id) => index.mightHold(id))).toBe(true);
  });
});
