/**
 * A work unit's trajectory: its attempts in time order (docs/metrics.md), each with its step tree
 * (parent → children, siblings by start time), exact cost, success flag and markers.
 */
import {
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
  LINK_KEYS,
  type Outcome,
  type StoredStep,
} from '../../domain/index.js';
import { knownCost, nanosToIso, type TrajectoryStep, toTrajectoryStep } from './trajectory-step.js';

/** How compare sorts a unit: `success` = AI-resolved; `failed` = any other outcome but abandoned. */
export type UnitResult = 'success' | 'failed' | 'abandoned' | 'pending';

export interface TrajectoryAttempt {
  attempt: number;
  traceIds: string[];
  startTime: string;
  durationMs: number;
  /** true for the final attempt of an AI-resolved unit; null for a pending unit's last attempt. */
  success: boolean | null;
  retry: boolean;
  costUsd: number;
  costUsdExact: string;
  /** Counted steps whose cost is unknown (unpriced, or no token counts): not in `costUsd`. */
  unknownCostSteps: number;
  humanMinutes: number;
  stepCount: number;
  steps: TrajectoryStep[];
}

export interface Trajectory {
  workUnitId: string;
  workflow: string | null;
  result: UnitResult;
  outcome: {
    status: string;
    resolvedBy: string | null;
    overridden: boolean;
    humanMinutes: number;
    valueUsd: number | null;
    attributes: Record<string, string>;
    occurredAt: string;
  } | null;
  tokenCostUsd: number;
  tokenCostUsdExact: string;
  attempts: TrajectoryAttempt[];
}

export interface TrajectoryOptions {
  /** Attribute keys the user maps as decision attributes besides rule and precedent. */
  decisionKeys?: readonly string[];
}

const byStart = (a: StoredStep, b: StoredStep) =>
  a.startTimeUnixNano === b.startTimeUnixNano
    ? a.spanId.localeCompare(b.spanId)
    : a.startTimeUnixNano < b.startTimeUnixNano
      ? -1
      : 1;

/** A trace per attempt, unless spans mark `tokenledger.attempt`; attempts ordered by first span. */
export function groupAttempts(steps: readonly StoredStep[]): StoredStep[][] {
  const byTrace = new Map<string, StoredStep[]>();
  for (const step of steps) byTrace.set(step.traceId, [...(byTrace.get(step.traceId) ?? []), step]);
  const groups = new Map<string, StoredStep[]>();
  for (const [traceId, traceSteps] of byTrace) {
    const marked = traceSteps.find((s) => s.attributes[LINK_KEYS.attempt] !== undefined);
    const key = marked ? `attempt:${marked.attributes[LINK_KEYS.attempt]}` : `trace:${traceId}`;
    groups.set(key, [...(groups.get(key) ?? []), ...traceSteps]);
  }
  return [...groups.values()]
    .map((group) => group.sort(byStart))
    .sort((a, b) => (a[0] && b[0] ? byStart(a[0], b[0]) : 0));
}

export function unitResult(outcome: Pick<Outcome, 'status' | 'resolvedBy'> | null): UnitResult {
  if (outcome === null) return 'pending';
  if (outcome.status === 'abandoned') return 'abandoned';
  return outcome.status === 'resolved' && outcome.resolvedBy === 'ai' ? 'success' : 'failed';
}

/** Stacked or duplicate-response spans are one call seen twice, not a repeated request. */
const SAME_CALL = new Set(['stacked_duplicate', 'duplicate_response']);

/** Parent → children within the attempt; a step whose parent is absent (or a cycle) is a root. */
function stepTree(steps: readonly StoredStep[], views: Map<string, TrajectoryStep>) {
  const parentOf = new Map(steps.map((s) => [s.spanId, s.parentSpanId]));
  const reachesSelf = (spanId: string): boolean => {
    let at = parentOf.get(spanId) ?? null;
    for (let hops = 0; at !== null && hops <= steps.length; hops++) {
      if (at === spanId) return true;
      at = parentOf.get(at) ?? null;
    }
    return false;
  };
  const roots: TrajectoryStep[] = [];
  for (const step of steps) {
    const view = views.get(step.spanId);
    const parent = step.parentSpanId === null ? undefined : views.get(step.parentSpanId);
    if (!view) continue;
    if (parent && !reachesSelf(step.spanId)) parent.children.push(view);
    else roots.push(view);
  }
  return roots;
}

function shapeAttempt(
  steps: StoredStep[],
  index: number,
  last: boolean,
  result: UnitResult,
  decisionKeys: readonly string[],
): TrajectoryAttempt {
  const views = new Map<string, TrajectoryStep>();
  const firstOf = new Map<string, string>();
  let cost: FemtoUsd = 0n;
  let unknown = 0;
  let minutes = 0;
  let end = 0n;
  for (const step of steps) {
    const view = toTrajectoryStep(step, decisionKeys);
    if (index > 0) view.markers.unshift('retry');
    if (step.fingerprint !== null && !SAME_CALL.has(step.usageExclusion ?? '')) {
      const first = firstOf.get(step.fingerprint);
      if (first === undefined) firstOf.set(step.fingerprint, step.spanId);
      else {
        view.markers.push('repeat');
        view.repeatOf = first;
      }
    }
    if (step.usageCounted) {
      const known = knownCost(step);
      if (known === null) unknown += 1;
      else cost += known;
    }
    minutes += view.humanMinutes ?? 0;
    const stepEnd = step.startTimeUnixNano + step.durationNano;
    if (stepEnd > end) end = stepEnd;
    views.set(step.spanId, view);
  }
  const start = steps[0]?.startTimeUnixNano ?? 0n;
  return {
    attempt: index + 1,
    traceIds: [...new Set(steps.map((s) => s.traceId))],
    startTime: nanosToIso(start),
    durationMs: Number(end - start) / 1e6,
    success: !last ? false : result === 'pending' ? null : result === 'success',
    retry: index > 0,
    costUsd: femtoToUsdNumber(cost),
    costUsdExact: femtoToUsdString(cost),
    unknownCostSteps: unknown,
    humanMinutes: minutes,
    stepCount: steps.length,
    steps: stepTree(steps, views),
  };
}

export function shapeTrajectory(
  workUnitId: string,
  steps: readonly StoredStep[],
  outcome: Outcome | null,
  options: TrajectoryOptions = {},
): Trajectory {
  const result = unitResult(outcome);
  const groups = groupAttempts(steps);
  const attempts = groups.map((group, index) =>
    shapeAttempt(group, index, index === groups.length - 1, result, options.decisionKeys ?? []),
  );
  let total: FemtoUsd = 0n;
  for (const step of steps) if (step.usageCounted) total += knownCost(step) ?? 0n;
  const linked = steps.find((s) => s.attributes[LINK_KEYS.workflow] !== undefined);
  return {
    workUnitId,
    workflow: outcome?.workflow ?? linked?.attributes[LINK_KEYS.workflow] ?? null,
    result,
    outcome: outcome && {
      status: outcome.status,
      resolvedBy: outcome.resolvedBy,
      overridden: outcome.overridden,
      humanMinutes: outcome.humanMinutes,
      valueUsd: outcome.valueFemto === null ? null : femtoToUsdNumber(outcome.valueFemto),
      attributes: outcome.attributes,
      occurredAt: nanosToIso(outcome.occurredAtUnixNano),
    },
    tokenCostUsd: femtoToUsdNumber(total),
    tokenCostUsdExact: femtoToUsdString(total),
    attempts,
  };
}
