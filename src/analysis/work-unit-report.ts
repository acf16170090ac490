/**
 * One work unit as the API shows it: its attempts in order (a trace each, or the traces sharing a
 * `tokenledger.attempt`), every step with its cost, and the latest outcome.
 */
import { type FemtoUsd, femtoToUsdNumber, femtoToUsdString, LINK_KEYS } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { type TraceStepView, toStepView } from './trace-report.js';
import { groupAttempts } from './trajectory/build-trajectory.js';

export interface AttemptView {
  attempt: number;
  traceIds: string[];
  startTime: string;
  costUsd: number;
  inputTokens: number;
  outputTokens: number;
  errorSteps: number;
  steps: TraceStepView[];
}

export interface WorkUnitReport {
  workUnitId: string;
  workflow: string | null;
  attempts: AttemptView[];
  tokenCostUsd: number;
  tokenCostUsdExact: string;
  humanMinutes: number;
  outcome: {
    status: string;
    resolvedBy: string | null;
    humanMinutes: number;
    overridden: boolean;
    valueUsd: number | null;
    attributes: Record<string, string>;
    occurredAt: string;
  } | null;
}

export async function buildWorkUnitReport(
  store: Store,
  workUnitId: string,
  workflow?: string,
): Promise<WorkUnitReport | null> {
  const { steps, outcome } = await store.getWorkUnit(workUnitId, workflow);
  if (steps.length === 0 && outcome === null) return null;
  let total: FemtoUsd = 0n;
  let stepMinutes = 0;
  const attempts = groupAttempts(steps).map((group, index): AttemptView => {
    let cost: FemtoUsd = 0n;
    let input = 0;
    let output = 0;
    for (const step of group) {
      if (step.kind === 'human')
        stepMinutes += Number(step.attributes['tokenledger.human.minutes'] ?? 0) || 0;
      if (!step.usageCounted) continue;
      cost += step.cost.pricingStatus === 'priced' ? (step.cost.costFemto ?? 0n) : 0n;
      input += step.usage.inputTokens ?? 0;
      output += step.usage.outputTokens ?? 0;
    }
    total += cost;
    const views = group.map(toStepView);
    return {
      attempt: index + 1,
      traceIds: [...new Set(group.map((s) => s.traceId))],
      startTime: views[0]?.startTime ?? '',
      costUsd: femtoToUsdNumber(cost),
      inputTokens: input,
      outputTokens: output,
      errorSteps: group.filter((s) => s.status === 'error').length,
      steps: views,
    };
  });
  const linked = steps.find((s) => s.attributes[LINK_KEYS.workflow] !== undefined);
  return {
    workUnitId,
    workflow: outcome?.workflow ?? linked?.attributes[LINK_KEYS.workflow] ?? workflow ?? null,
    attempts,
    tokenCostUsd: femtoToUsdNumber(total),
    tokenCostUsdExact: femtoToUsdString(total),
    humanMinutes: stepMinutes + (outcome?.humanMinutes ?? 0),
    outcome: outcome && {
      status: outcome.status,
      resolvedBy: outcome.resolvedBy,
      humanMinutes: outcome.humanMinutes,
      overridden: outcome.overridden,
      valueUsd: outcome.valueFemto === null ? null : femtoToUsdNumber(outcome.valueFemto),
      attributes: outcome.attributes,
      occurredAt: new Date(Number(outcome.occurredAtUnixNano / 1_000_000n)).toISOString(),
    },
  };
}
