/** JSON shapes of the trajectory, work-unit search, compare and unit-waste API routes. */

export type StepMarker = 'retry' | 'repeat' | 'error';

export interface TrajectoryStep {
  spanId: string;
  parentSpanId: string | null;
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
  costUsd: number | null;
  costUsdExact: string | null;
  pricingStatus: string;
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
  humanMinutes: number | null;
  decision: { rule: string | null; precedent: string | null; other: Record<string, string> } | null;
  markers: StepMarker[];
  repeatOf: string | null;
  children: TrajectoryStep[];
}

export interface TrajectoryAttempt {
  attempt: number;
  traceIds: string[];
  startTime: string;
  durationMs: number;
  success: boolean | null;
  retry: boolean;
  costUsd: number;
  costUsdExact: string;
  unknownCostSteps: number;
  humanMinutes: number;
  stepCount: number;
  steps: TrajectoryStep[];
}

export interface Trajectory {
  workUnitId: string;
  workflow: string | null;
  result: 'success' | 'failed' | 'abandoned' | 'pending';
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

export interface FindingSide {
  units: number;
  attempts: number;
  share: number;
  costPerAttemptUsd: number | null;
}

export interface CompareFinding {
  kind: 'step' | 'tool' | 'model' | 'rule' | 'attribute';
  value: string;
  basis: 'attempts' | 'units';
  success: FindingSide;
  failed: FindingSide;
  differencePoints: number;
  costPerAttemptDifferenceUsd: number | null;
  failedTokenCostUsd: number;
  sentence: string;
}

export interface StepSide {
  calls: number;
  meanCostUsd: number | null;
  meanInputTokens: number | null;
}

export interface OutcomeComparison {
  workflow: string;
  success: {
    units: number;
    attempts: number;
    tokenCostUsd: number;
    costPerAttemptUsd: number | null;
  };
  failed: {
    units: number;
    attempts: number;
    tokenCostUsd: number;
    costPerAttemptUsd: number | null;
  };
  excludedUnits: number;
  minSupportUnits: number;
  findings: CompareFinding[];
  steps: {
    stepName: string;
    success: StepSide;
    failed: StepSide;
    costPerCallDifferenceUsd: number | null;
    sentence: string;
  }[];
  note: string | null;
}

export interface UnitWasteView {
  workUnitId: string;
  workflow: string;
  total: { usd: string; usdNumber: number };
  classes: Record<string, { usd: string; usdNumber: number }>;
  definitions: Record<string, string>;
}

export interface WorkUnitRow {
  workUnitId: string;
  status: string;
  resolvedBy: string | null;
  overridden: boolean;
  attempts: number;
  tokenCostUsd: number;
  unknownCostSteps: number;
  models: string[];
  tools: string[];
  rules: string[];
  firstActivity: string;
  lastActivity: string;
}

export interface WorkUnitSearchView {
  workflow: string;
  matched: number;
  nextCursor: string | null;
  units: WorkUnitRow[];
}

/** A step with its place in the unit: attempt, depth in the tree, start offset from the unit start. */
export interface FlatStep {
  step: TrajectoryStep;
  attempt: number;
  depth: number;
  offsetMs: number;
}

/** Every step of every attempt, parents before children, siblings by start (the API's order). */
export function flattenTrajectory(t: Trajectory): FlatStep[] {
  const origin = isoMs(t.attempts[0]?.startTime ?? '');
  const out: FlatStep[] = [];
  const walk = (steps: TrajectoryStep[], attempt: number, depth: number) => {
    for (const step of steps) {
      out.push({ step, attempt, depth, offsetMs: isoMs(step.startTime) - origin });
      walk(step.children, attempt, depth + 1);
    }
  };
  for (const a of t.attempts) walk(a.steps, a.attempt, 0);
  return out;
}

/** Milliseconds of the API's nanosecond ISO times (the browser parses three fraction digits). */
export function isoMs(iso: string): number {
  return Date.parse(`${iso.slice(0, 23)}Z`);
}

export type StepCategory = 'error' | 'repeat' | 'retry' | 'human' | 'normal';

/** The one category a step is drawn in: the most alarming marker wins. */
export function stepCategory(step: TrajectoryStep): StepCategory {
  if (step.markers.includes('error')) return 'error';
  if (step.markers.includes('repeat')) return 'repeat';
  if (step.kind === 'human') return 'human';
  if (step.markers.includes('retry')) return 'retry';
  return 'normal';
}

export const CATEGORY_LABELS: Record<StepCategory, string> = {
  error: 'Error',
  repeat: 'Loop (repeats an earlier request)',
  retry: 'Retry (a later attempt)',
  human: 'Human intervention',
  normal: 'Step',
};

export const CATEGORY_COLORS: Record<StepCategory, string> = {
  error: '#c62828',
  repeat: '#ef6c00',
  retry: '#6a1b9a',
  human: '#00897b',
  normal: '#1565c0',
};
