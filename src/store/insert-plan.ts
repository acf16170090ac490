/**
 * Engine-neutral planning of one group-commit transaction: first copy wins within the batch,
 * steps already stored are duplicates, and usage counting is re-decided per touched trace over
 * its stored and new spans, yielding the rows to append and the stored rows whose decision changed.
 */
import {
  decideUsageCounting,
  type PricedStep,
  type UsageExclusion,
  usageNodeOf,
} from '../domain/index.js';
import type { InsertResult } from './store.js';
import type { SpanState, TraceDelta, TraceState } from './trace-index.js';

/** A step to append, with the decision it is stored with. */
export interface PlannedRow {
  step: PricedStep;
  exclusion: UsageExclusion | null;
}

/** A stored step whose decision changes; its start time bounds the engine's UPDATE. */
export interface ChangedRow {
  traceId: string;
  spanId: string;
  startTimeUnixNano: bigint;
  exclusion: UsageExclusion | null;
}

export interface InsertPlan {
  results: InsertResult[];
  rows: PlannedRow[];
  changed: ChangedRow[];
  deltas: TraceDelta[];
}

interface Offered {
  step: PricedStep;
  call: number;
}

/** Each trace's steps, first copy of each span id only, with the call it came from. */
export function groupByTrace(calls: readonly (readonly PricedStep[])[]): Map<string, Offered[]> {
  const byTrace = new Map<string, Offered[]>();
  const seen = new Map<string, Set<string>>();
  calls.forEach((steps, call) => {
    for (const step of steps) {
      let spans = seen.get(step.traceId);
      if (!spans) {
        spans = new Set();
        seen.set(step.traceId, spans);
        byTrace.set(step.traceId, []);
      }
      if (spans.has(step.spanId)) continue;
      spans.add(step.spanId);
      byTrace.get(step.traceId)?.push({ step, call });
    }
  });
  return byTrace;
}

/** Plans the transaction from each touched trace's stored state (empty for new traces). */
export function planInsert(
  calls: readonly (readonly PricedStep[])[],
  byTrace: ReadonlyMap<string, readonly Offered[]>,
  states: ReadonlyMap<string, TraceState>,
): InsertPlan {
  const results = calls.map((steps) => ({ inserted: 0, duplicates: steps.length }));
  const plan: InsertPlan = { results, rows: [], changed: [], deltas: [] };
  for (const [traceId, offered] of byTrace) {
    const base = states.get(traceId);
    if (!base) throw new Error(`no stored state for trace ${traceId}`);
    const fresh: PricedStep[] = [];
    for (const { step, call } of offered) {
      if (base.spans.has(step.spanId)) continue;
      fresh.push(step);
      const result = results[call];
      if (result) {
        result.inserted += 1;
        result.duplicates -= 1;
      }
    }
    planTrace(traceId, base, fresh, plan);
  }
  return plan;
}

const isModelCall = (kind: string) => kind === 'llm' || kind === 'embedding';

/**
 * One literal with every field, not a spread of `usageNodeOf`: V8 gave each spread copy a hidden
 * class of its own (a map and descriptor array, ~380 bytes), so the TraceIndex's 300,000 cached
 * spans cost twice their size (heap snapshot: 152,131 descriptor arrays for ~150,000 spans).
 */
function toSpanState(step: PricedStep): SpanState {
  const node = usageNodeOf(step);
  return {
    spanId: node.spanId,
    parentSpanId: node.parentSpanId,
    kind: node.kind,
    hasUsage: node.hasUsage,
    inputTokens: node.inputTokens,
    outputTokens: node.outputTokens,
    usageDetail: node.usageDetail,
    responseId: node.responseId,
    startTimeUnixNano: step.startTimeUnixNano,
    exclusion: null,
  };
}

function planTrace(traceId: string, base: TraceState, fresh: PricedStep[], plan: InsertPlan) {
  const added = fresh.map(toSpanState);
  const changed = new Map<string, UsageExclusion | null>();
  plan.deltas.push({ traceId, base, added, changed });
  if (added.length === 0) return;
  const usageSpans = base.usageSpans + added.filter((span) => span.hasUsage).length;
  // Exclusion needs two spans with usage (an ancestor over a descendant, or a shared response id),
  // or a model call without usage that may sit above one.
  const unknownCalls = [...base.spans.values(), ...added].some(
    (s) => !s.hasUsage && isModelCall(s.kind),
  );
  if (usageSpans === 0 || (usageSpans === 1 && !unknownCalls)) {
    for (const step of fresh) plan.rows.push({ step, exclusion: null });
    return;
  }
  const decisions = decideUsageCounting([...base.spans.values(), ...added]);
  fresh.forEach((step, index) => {
    const exclusion = decisions.get(step.spanId) ?? null;
    const span = added[index];
    if (span) span.exclusion = exclusion;
    plan.rows.push({ step, exclusion });
  });
  for (const span of base.spans.values()) {
    const exclusion = decisions.get(span.spanId) ?? null;
    if (exclusion === span.exclusion) continue;
    changed.set(span.spanId, exclusion);
    plan.changed.push({
      traceId,
      spanId: span.spanId,
      startTimeUnixNano: span.startTimeUnixNano,
      exclusion,
    });
  }
}
