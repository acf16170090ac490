/**
 * One step as a trajectory shows it: tokens by category, exact cost, what it retrieved or called,
 * the human time it took, the decision it recorded, and its markers (docs/metrics.md).
 */
import {
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
  type StoredStep,
} from '../../domain/index.js';

export const DECISION_KEYS = {
  rule: 'tokenledger.decision.rule',
  precedent: 'tokenledger.decision.precedent',
} as const;
const HUMAN_MINUTES = 'tokenledger.human.minutes';

/** `retry`: in an attempt after the first. `repeat`: same request as an earlier step of the attempt. */
export type StepMarker = 'retry' | 'repeat' | 'error';

export interface TrajectoryStep {
  spanId: string;
  parentSpanId: string | null;
  traceId: string;
  kind: string;
  name: string;
  stepName: string;
  model: string | null;
  provider: string | null;
  tokens: {
    input: number | null;
    output: number | null;
    cacheRead: number | null;
    cacheWrite: number | null;
    reasoning: number | null;
  };
  /** null when the cost is unknown (see `pricingStatus`). */
  costUsd: number | null;
  costUsdExact: string | null;
  pricingStatus: string;
  /** false when this step's usage repeats usage counted on another step. */
  usageCounted: boolean;
  usageExclusion: string | null;
  startTime: string;
  durationMs: number;
  status: string;
  statusMessage: string;
  toolName: string | null;
  argumentBytes: number | null;
  fingerprint: string | null;
  documents: { id: string; score: number | null }[] | null;
  /** Human steps: the minutes the person spent. */
  humanMinutes: number | null;
  decision: { rule: string | null; precedent: string | null; other: Record<string, string> } | null;
  markers: StepMarker[];
  /** For a `repeat`: the span id of the first step with the same fingerprint in the attempt. */
  repeatOf: string | null;
  children: TrajectoryStep[];
}

function humanMinutes(step: StoredStep): number | null {
  if (step.kind !== 'human') return null;
  const minutes = Number(step.attributes[HUMAN_MINUTES] ?? 0);
  return Number.isFinite(minutes) ? minutes : 0;
}

/** The decision attributes the step carries: rule, precedent and the user's mapped keys. */
export function decisionOf(
  attributes: Readonly<Record<string, string>>,
  extraKeys: readonly string[],
): TrajectoryStep['decision'] {
  const rule = attributes[DECISION_KEYS.rule] ?? null;
  const precedent = attributes[DECISION_KEYS.precedent] ?? null;
  const other: Record<string, string> = {};
  for (const key of extraKeys) {
    const value = attributes[key];
    if (value !== undefined && key !== DECISION_KEYS.rule && key !== DECISION_KEYS.precedent)
      other[key] = value;
  }
  if (rule === null && precedent === null && Object.keys(other).length === 0) return null;
  return { rule, precedent, other };
}

export function nanosToIso(nanos: bigint): string {
  const iso = new Date(Number(nanos / 1_000_000n)).toISOString();
  return `${iso.slice(0, 23)}${(nanos % 1_000_000n).toString().padStart(6, '0')}Z`;
}

/** Exact cost when known: priced, or 0 when nothing was consumed; null when unknown. */
export function knownCost(step: StoredStep): FemtoUsd | null {
  if (step.cost.pricingStatus === 'no_usage') return 0n;
  return step.cost.pricingStatus === 'priced' ? step.cost.costFemto : null;
}

export function toTrajectoryStep(
  step: StoredStep,
  decisionKeys: readonly string[],
): TrajectoryStep {
  const cost = knownCost(step);
  return {
    spanId: step.spanId,
    parentSpanId: step.parentSpanId,
    traceId: step.traceId,
    kind: step.kind,
    name: step.name,
    stepName: step.stepName,
    model: step.model,
    provider: step.provider,
    tokens: {
      input: step.usage.inputTokens,
      output: step.usage.outputTokens,
      cacheRead: step.usage.cacheReadTokens,
      cacheWrite: step.usage.cacheWriteTokens,
      reasoning: step.usage.reasoningTokens,
    },
    costUsd: cost === null ? null : femtoToUsdNumber(cost),
    costUsdExact: cost === null ? null : femtoToUsdString(cost),
    pricingStatus: step.cost.pricingStatus,
    usageCounted: step.usageCounted,
    usageExclusion: step.usageExclusion,
    startTime: nanosToIso(step.startTimeUnixNano),
    durationMs: Number(step.durationNano) / 1e6,
    status: step.status,
    statusMessage: step.statusMessage,
    toolName: step.toolName,
    argumentBytes: step.argumentBytes,
    fingerprint: step.fingerprint,
    documents: step.documents,
    humanMinutes: humanMinutes(step),
    decision: decisionOf(step.attributes, decisionKeys),
    markers: step.status === 'error' ? ['error'] : [],
    repeatOf: null,
    children: [],
  };
}
