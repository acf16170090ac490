/**
 * A write transaction's contribution to each trace it touched, summed from its new rows: the
 * per-trace roll-up reports read instead of grouping every step. Engine-neutral; cost moved by
 * changed usage decisions of stored rows is added by the engine, which holds those rows' costs.
 */
import { type FemtoUsd, HUMAN_MINUTES_KEY, LINK_KEYS } from '../domain/index.js';
import type { InsertPlan } from './insert-plan.js';

/** The earliest span of the part carrying a link field, and the value it carries. */
export interface LinkSeen {
  startUnixNano: bigint;
  value: string;
}

export interface TracePart {
  traceId: string;
  /** The trace had stored steps before this transaction, so it has earlier parts. */
  continued: boolean;
  workUnit: LinkSeen | null;
  /** The business attributes (JSON) of the span that carries `workUnit`. */
  linkAttributes: string | null;
  workflow: LinkSeen | null;
  attempt: LinkSeen | null;
  startedUnixNano: bigint;
  lastSeenUnixNano: bigint;
  /** Cost of the new rows whose usage counts and that are priced. */
  costFemto: FemtoUsd;
  /** Minutes on new `human` steps. */
  stepMinutes: number;
  unpriced: number;
  usageUnknown: number;
}

/** Minutes as SQL's TRY_CAST(... AS DOUBLE) reads them: a number, else nothing. */
function minutesOf(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return 0;
  const minutes = Number(text);
  return Number.isFinite(minutes) ? minutes : 0;
}

function earlier(seen: LinkSeen | null, start: bigint, value: string | undefined): LinkSeen | null {
  if (value === undefined) return seen;
  return seen === null || start < seen.startUnixNano ? { startUnixNano: start, value } : seen;
}

/**
 * One part per trace among the plan's new rows, in first-seen order; a trace that already had
 * stored steps (a non-empty base state) gets a `continued` part.
 */
export function tracePartsOf(plan: Pick<InsertPlan, 'rows' | 'deltas'>): TracePart[] {
  const continued = new Set<string>();
  for (const delta of plan.deltas) if (delta.base.spans.size > 0) continued.add(delta.traceId);
  const parts = new Map<string, TracePart>();
  for (const { step, exclusion } of plan.rows) {
    const start = step.startTimeUnixNano;
    let part = parts.get(step.traceId);
    if (!part) {
      part = {
        traceId: step.traceId,
        continued: continued.has(step.traceId),
        workUnit: null,
        linkAttributes: null,
        workflow: null,
        attempt: null,
        startedUnixNano: start,
        lastSeenUnixNano: start,
        costFemto: 0n,
        stepMinutes: 0,
        unpriced: 0,
        usageUnknown: 0,
      };
      parts.set(step.traceId, part);
    }
    if (start < part.startedUnixNano) part.startedUnixNano = start;
    if (start > part.lastSeenUnixNano) part.lastSeenUnixNano = start;
    const attributes = step.attributes;
    const unit = earlier(part.workUnit, start, attributes[LINK_KEYS.workUnitId]);
    if (unit !== part.workUnit) {
      part.workUnit = unit;
      part.linkAttributes = JSON.stringify(attributes);
    }
    part.workflow = earlier(part.workflow, start, attributes[LINK_KEYS.workflow]);
    part.attempt = earlier(part.attempt, start, attributes[LINK_KEYS.attempt]);
    if (step.kind === 'human') part.stepMinutes += minutesOf(attributes[HUMAN_MINUTES_KEY]);
    if (exclusion !== null) continue;
    const status = step.cost.pricingStatus;
    if (status === 'priced') part.costFemto += step.cost.costFemto ?? 0n;
    else if (status === 'unpriced') part.unpriced += 1;
    else if (status === 'usage_unknown') part.usageUnknown += 1;
  }
  return [...parts.values()];
}
