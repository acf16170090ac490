/**
 * The demo's output as one deterministic stream: OTLP protobuf requests of `batchSpans` spans and
 * outcome chunks, until about `scale` spans; the truth builder, when given, sees every unit.
 */

import { DEFAULT_BATCH_SPANS, SpanBatcher } from './otlp-writer.js';
import type { OutcomeRecord } from './sim-types.js';
import { endOf, simulate } from './simulate.js';
import { emitAttempt, spanCountOf } from './span-emitter.js';
import type { TruthBuilder } from './truth.js';

export interface DemoOptions {
  seed: number;
  /** Approximate number of spans: generation stops at the first unit that reaches it. */
  scale: number;
  end?: string;
  batchSpans?: number;
  outcomesPerChunk?: number;
}

export type DemoChunk =
  | { kind: 'traces'; body: Uint8Array; spans: number }
  | { kind: 'outcomes'; records: OutcomeRecord[] };

export function* demoStream(options: DemoOptions, truth?: TruthBuilder): Generator<DemoChunk> {
  const batcher = new SpanBatcher(options.batchSpans ?? DEFAULT_BATCH_SPANS);
  const perChunk = options.outcomesPerChunk ?? 1000;
  let outcomes: OutcomeRecord[] = [];
  let spans = 0;
  let pendingSpans = 0;
  const traces = function* (bodies: Uint8Array[]): Generator<DemoChunk> {
    for (const body of bodies) {
      const count = Math.min(pendingSpans, batcher.size);
      pendingSpans -= count;
      yield { kind: 'traces', body, spans: count };
    }
  };
  for (const item of simulate(options)) {
    if (spans >= options.scale) break;
    if (item.kind === 'unattributed') {
      const count = spanCountOf(item.attempt);
      spans += count;
      pendingSpans += count;
      truth?.addUnattributed(item.attempt, count);
      yield* traces(batcher.add(emitAttempt(item.attempt, null)));
      continue;
    }
    const unit = item.unit;
    let unitSpans = 0;
    for (const attempt of unit.attempts) {
      const count = spanCountOf(attempt);
      unitSpans += count;
      pendingSpans += count;
      yield* traces(batcher.add(emitAttempt(attempt, unit)));
    }
    spans += unitSpans;
    truth?.addUnit(unit, unitSpans);
    outcomes.push(unit.outcome);
    if (outcomes.length >= perChunk) {
      yield { kind: 'outcomes', records: outcomes };
      outcomes = [];
    }
  }
  const rest = batcher.flush();
  if (rest !== null) yield { kind: 'traces', body: rest, spans: pendingSpans };
  if (outcomes.length > 0) yield { kind: 'outcomes', records: outcomes };
}

/** The 90-day window of a run, as ISO strings. */
export function windowOf(options: Pick<DemoOptions, 'end'>): { from: string; to: string } {
  const end = endOf({ seed: 0, end: options.end });
  const to = new Date(Number(end / 1_000_000n));
  return { from: new Date(to.getTime() - 90 * 86_400_000).toISOString(), to: to.toISOString() };
}
