/**
 * Engine-neutral memory of stored traces that lets an engine stay idempotent and re-decide usage
 * counting without a primary-key index: an LRU of recently active traces (their stored spans'
 * usage-counting fields and decisions), bounded by spans held, plus a Bloom filter of every trace
 * id ever stored. The engine mutates it only after its transaction has committed.
 */
import type { UsageExclusion, UsageNode } from '../domain/index.js';
import { BloomFilter } from './bloom-filter.js';

/** One stored span as far as usage counting and its UPDATE bounds need it. */
export interface SpanState extends UsageNode {
  startTimeUnixNano: bigint;
  exclusion: UsageExclusion | null;
}

/** A trace's stored spans; `usageSpans` counts the spans with usage. */
export interface TraceState {
  spans: Map<string, SpanState>;
  usageSpans: number;
}

/** What a committed transaction did to one trace: spans added and stored spans re-decided. */
export interface TraceDelta {
  traceId: string;
  /** The state the transaction started from; a fresh object when the trace was not cached. */
  base: TraceState;
  added: readonly SpanState[];
  changed: ReadonlyMap<string, UsageExclusion | null>;
}

export interface TraceIndexOptions {
  /** Most spans the LRU holds over all its traces (default 300,000). */
  maxSpans?: number;
  /** Trace ids the Bloom filter is first sized for (default 1,000,000); it grows by rebuilding. */
  bloomCapacity?: number;
  /** Bloom false-positive rate at capacity (default 0.0001: each false positive costs a scan). */
  falsePositiveRate?: number;
}

export type TraceLookup =
  | { kind: 'cached'; state: TraceState }
  | { kind: 'maybe-stored' }
  | { kind: 'new' };

export function emptyTraceState(): TraceState {
  return { spans: new Map(), usageSpans: 0 };
}

export class TraceIndex {
  readonly maxSpans: number;
  readonly falsePositiveRate: number;
  private readonly lru = new Map<string, TraceState>();
  private spansHeld = 0;
  private bloom: BloomFilter;

  constructor(options: TraceIndexOptions = {}) {
    this.maxSpans = options.maxSpans ?? 300_000;
    this.falsePositiveRate = options.falsePositiveRate ?? 0.0001;
    this.bloom = new BloomFilter(options.bloomCapacity ?? 1_000_000, this.falsePositiveRate);
  }

  /** Where a trace's stored spans are known from; does not refresh its LRU position. */
  lookup(traceId: string): TraceLookup {
    const state = this.lru.get(traceId);
    if (state) return { kind: 'cached', state };
    return this.bloom.mightContain(traceId) ? { kind: 'maybe-stored' } : { kind: 'new' };
  }

  /** True when the trace may have stored spans (cached, or a Bloom hit). */
  mightHold(traceId: string): boolean {
    return this.lru.has(traceId) || this.bloom.mightContain(traceId);
  }

  /** Applies a committed transaction's deltas, refreshes those traces and evicts the oldest. */
  applyCommitted(deltas: readonly TraceDelta[]): void {
    for (const { traceId, base, added, changed } of deltas) {
      const cached = this.lru.get(traceId);
      if (cached) {
        this.lru.delete(traceId);
        this.spansHeld -= cached.spans.size;
      } else if (base.spans.size === 0 && added.length > 0) {
        this.bloom.add(traceId);
      }
      for (const [spanId, exclusion] of changed) {
        const span = base.spans.get(spanId);
        if (span) span.exclusion = exclusion;
      }
      for (const span of added) {
        base.spans.set(span.spanId, span);
        if (span.hasUsage) base.usageSpans += 1;
      }
      this.lru.set(traceId, base);
      this.spansHeld += base.spans.size;
    }
    this.evict();
  }

  /** The Bloom filter has taken more ids than it was sized for: rebuild it from the engine. */
  get needsBloomRebuild(): boolean {
    return this.bloom.isOverCapacity;
  }

  /** A new, empty Bloom filter for about `traces` ids with room to double; fill it, then finish. */
  startBloomRebuild(traces: number): BloomFilter {
    const capacity = Math.max(this.bloom.capacity, Math.ceil(traces * 2));
    return new BloomFilter(capacity, this.falsePositiveRate);
  }

  /** The filter in use, to keep beside the store. */
  get bloomFilter(): BloomFilter {
    return this.bloom;
  }

  /** Swaps in a rebuilt (or kept and caught-up) filter holding every stored trace id. */
  finishBloomRebuild(bloom: BloomFilter): void {
    this.bloom = bloom;
  }

  get stats(): { traces: number; spans: number; bloomIds: number; bloomBytes: number } {
    return {
      traces: this.lru.size,
      spans: this.spansHeld,
      bloomIds: this.bloom.size,
      bloomBytes: this.bloom.byteLength,
    };
  }

  private evict(): void {
    for (const [traceId, state] of this.lru) {
      if (this.spansHeld <= this.maxSpans || this.lru.size <= 1) return;
      this.lru.delete(traceId);
      this.spansHeld -= state.spans.size;
    }
  }
}
