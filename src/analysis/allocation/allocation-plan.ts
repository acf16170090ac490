/**
 * The allocator's answer in the shape the API and CLI show: per workflow and in total, the plan
 * against today (today's observed per-unit economics at the same volume), as money strings.
 */
import {
  femtoToUsdNumber,
  femtoToUsdString,
  usdToFemto,
  type WorkflowBaseline,
} from '../../domain/index.js';
import type { AttemptHistory } from '../../store/index.js';
import { conditionalSuccessRates } from '../economics/index.js';
import { type AllocationInput, allocateBudget } from './allocator.js';
import { expectedUsd } from './expected-usd.js';
import { chooseFallback } from './fallback.js';
import { attemptCostsFemto } from './marginal-view.js';

export const PERIOD_DAYS = { day: 1, week: 7, month: 30 } as const;
export type Period = keyof typeof PERIOD_DAYS;

export interface AllocationRequest {
  budgetUsd: number;
  period: Period;
  /** Expected units per workflow in the period; default: observed volume scaled to the period. */
  volumes?: Readonly<Record<string, number>>;
}

export interface Scenario {
  aiResolvedUnits: number;
  unitsElsewhere: number;
  aiCostUsd: string;
  fallbackCostUsd: string;
  totalCostUsd: string;
  /** Units × value per resolved outcome: every unit is finished by the AI or the fallback. */
  outcomeValueUsd: string | null;
}

export interface WorkflowAllocation {
  workflow: string;
  volume: number;
  fallback: 'human' | 'bpo';
  fallbackCostPerUnitUsd: string;
  retryCap: number;
  fundedShare: number[];
  plan: Scenario;
  today: Scenario;
  /** Today's total cost − the plan's: the expected gain; negative when the plan costs more. */
  savingUsd: string;
}

export interface AllocationPlan {
  budgetUsd: string;
  period: Period;
  workflows: WorkflowAllocation[];
  total: { plan: Scenario; today: Scenario; savingUsd: string };
  unspentUsd: string;
  /** Workflows left out, with the reason. */
  excluded: { workflow: string; reason: string }[];
  method: string;
}

const DAY_NANOS = 86_400_000_000_000n;

export const METHOD =
  'Each further AI attempt on a workflow is a lever costing volume × reach × attempt cost and saving ' +
  'volume × reach × success × fallback cost. Levers are bought in order of value per dollar (pooled where a ' +
  'later attempt is worth more than an earlier one), only while they save more than they cost; units the ' +
  'budget does not cover go to people or the BPO, whichever is cheaper.';

export function observedVolume(history: AttemptHistory, period: Period): number {
  const first = history.firstSeenUnixNano;
  const last = history.lastSeenUnixNano;
  const span =
    first === null || last === null || last - first < DAY_NANOS ? DAY_NANOS : last - first;
  return (history.units * PERIOD_DAYS[period] * Number(DAY_NANOS)) / Number(span);
}

function scenario(
  aiResolved: number,
  volume: number,
  aiCost: number,
  fallbackPerUnit: number,
  valuePerResolved: number | null,
): Scenario {
  const elsewhere = volume - aiResolved;
  const fallbackCost = elsewhere * fallbackPerUnit;
  return {
    aiResolvedUnits: aiResolved,
    unitsElsewhere: elsewhere,
    aiCostUsd: expectedUsd(aiCost),
    fallbackCostUsd: expectedUsd(fallbackCost),
    totalCostUsd: expectedUsd(aiCost + fallbackCost),
    outcomeValueUsd: valuePerResolved === null ? null : expectedUsd(volume * valuePerResolved),
  };
}

function sum(rows: Scenario[], pick: (s: Scenario) => string | number | null): string | null {
  let total = 0;
  for (const row of rows) {
    const v = pick(row);
    if (v === null) return null;
    total += Number(v);
  }
  return expectedUsd(total);
}

/** Exact on the two already-rounded expectations, so the difference re-adds to the figures shown. */
function savingUsd(plan: Scenario, today: Scenario): string {
  return femtoToUsdString(usdToFemto(today.totalCostUsd) - usdToFemto(plan.totalCostUsd));
}

function totalOf(rows: Scenario[]): Scenario {
  return {
    aiResolvedUnits: rows.reduce((s, r) => s + r.aiResolvedUnits, 0),
    unitsElsewhere: rows.reduce((s, r) => s + r.unitsElsewhere, 0),
    aiCostUsd: sum(rows, (r) => r.aiCostUsd) ?? '0',
    fallbackCostUsd: sum(rows, (r) => r.fallbackCostUsd) ?? '0',
    totalCostUsd: sum(rows, (r) => r.totalCostUsd) ?? '0',
    outcomeValueUsd: sum(rows, (r) => r.outcomeValueUsd),
  };
}

export function planAllocation(
  request: AllocationRequest,
  histories: readonly AttemptHistory[],
  baselines: ReadonlyMap<string, WorkflowBaseline>,
): AllocationPlan {
  const excluded: { workflow: string; reason: string }[] = [];
  const inputs: (AllocationInput & {
    today: Scenario;
    fallback: 'human' | 'bpo';
    fallbackUsd: string;
  })[] = [];
  for (const h of histories) {
    const baseline = baselines.get(h.workflow) ?? null;
    const fallback = chooseFallback(baseline);
    if (fallback === null) {
      excluded.push({
        workflow: h.workflow,
        reason: 'no labour cost or BPO price in its baseline',
      });
      continue;
    }
    const volume = request.volumes?.[h.workflow] ?? observedVolume(h, request.period);
    const costs = attemptCostsFemto(h, baseline);
    const rates = conditionalSuccessRates(h.attempts);
    const fallbackUsd = Number(fallback.costPerUnitUsd);
    const value =
      baseline?.valuePerResolvedFemto == null
        ? null
        : femtoToUsdNumber(baseline.valuePerResolvedFemto);
    const spentPerUnit =
      h.units === 0
        ? 0
        : h.attempts.reduce((s, a, i) => s + a.reached * femtoToUsdNumber(costs[i] ?? 0n), 0) /
          h.units;
    const resolvedShare = h.units === 0 ? 0 : h.aiResolvedUnits / h.units;
    inputs.push({
      workflow: h.workflow,
      volume,
      conditionalSuccessRates: rates,
      attemptCostUsd: costs.slice(0, rates.length).map(femtoToUsdNumber),
      fallbackCostUsd: fallbackUsd,
      fallback: fallback.kind,
      fallbackUsd: fallback.costPerUnitUsd,
      today: scenario(resolvedShare * volume, volume, spentPerUnit * volume, fallbackUsd, value),
    });
  }
  for (const name of Object.keys(request.volumes ?? {}))
    if (!histories.some((h) => h.workflow === name))
      excluded.push({ workflow: name, reason: 'no decided work units observed' });
  const allocation = allocateBudget(request.budgetUsd, inputs);
  const workflows = inputs.map((input, i): WorkflowAllocation => {
    const p = allocation.plans[i];
    const baseline = baselines.get(input.workflow);
    const value =
      baseline?.valuePerResolvedFemto == null
        ? null
        : femtoToUsdNumber(baseline.valuePerResolvedFemto);
    const plan = scenario(
      p?.aiResolvedUnits ?? 0,
      input.volume,
      p?.aiCostUsd ?? 0,
      input.fallbackCostUsd,
      value,
    );
    return {
      workflow: input.workflow,
      volume: input.volume,
      fallback: input.fallback,
      fallbackCostPerUnitUsd: input.fallbackUsd,
      retryCap: p?.retryCap ?? 0,
      fundedShare: p?.fundedShare ?? [],
      plan,
      today: input.today,
      savingUsd: savingUsd(plan, input.today),
    };
  });
  const totalPlan = totalOf(workflows.map((w) => w.plan));
  const totalToday = totalOf(workflows.map((w) => w.today));
  return {
    budgetUsd: expectedUsd(request.budgetUsd),
    period: request.period,
    workflows,
    total: { plan: totalPlan, today: totalToday, savingUsd: savingUsd(totalPlan, totalToday) },
    unspentUsd: expectedUsd(allocation.unspentUsd),
    excluded,
    method: METHOD,
  };
}
