/**
 * Where each budget stands in its current period: exact burn from the daily spend per workflow,
 * remaining amount, thresholds crossed and the forecast. Pure: the caller supplies spend and time.
 */
import type { Budget, DailyWorkflowSpend, FemtoUsd, WorkflowBaseline } from '../../domain/index.js';
import { type BudgetForecast, forecastPeriodSpend } from './budget-forecast.js';
import { type PeriodBounds, periodBounds, utcDay } from './budget-period.js';

export const FORECAST_OVER = 'forecast-over';

export interface BudgetStatus {
  budget: Budget;
  bounds: PeriodBounds;
  burnFemto: FemtoUsd;
  /** Covered model calls without a price this period: the burn understates spend by their cost. */
  unpricedSteps: number;
  /** Amount minus burn; negative once overspent. */
  remainingFemto: FemtoUsd;
  /** Burn as a fraction of the amount (presentation only). */
  fraction: number;
  forecast: BudgetForecast;
  /** Threshold labels reached ("0.5", "1") and FORECAST_OVER when the p50 forecast exceeds the amount. */
  crossed: string[];
}

const PPM = 1_000_000n;

/** burn ≥ fraction × amount, decided exactly on millionths of the fraction. */
export function reaches(burnFemto: FemtoUsd, amountFemto: FemtoUsd, fraction: number): boolean {
  return burnFemto * PPM >= amountFemto * BigInt(Math.round(fraction * 1_000_000));
}

export function thresholdLabel(fraction: number): string {
  return String(fraction);
}

export function teamsOf(baselines: readonly WorkflowBaseline[]): Map<string, string> {
  const teams = new Map<string, string>();
  for (const b of baselines) if (b.team !== null) teams.set(b.workflow, b.team);
  return teams;
}

export function budgetApplies(
  budget: Budget,
  workflow: string,
  teams: ReadonlyMap<string, string>,
): boolean {
  if (budget.workflow !== null && budget.workflow !== workflow) return false;
  return budget.team === null || teams.get(workflow) === budget.team;
}

export function budgetStatus(
  budget: Budget,
  spend: readonly DailyWorkflowSpend[],
  teams: ReadonlyMap<string, string>,
  nowMs: number,
): BudgetStatus {
  const bounds = periodBounds(budget.period, nowMs);
  const first = utcDay(bounds.startMs);
  const last = utcDay(bounds.endMs - 1);
  const daily = new Map<string, FemtoUsd>();
  let burn = 0n;
  let unpricedSteps = 0;
  for (const row of spend) {
    if (row.day < first || row.day > last || !budgetApplies(budget, row.workflow, teams)) continue;
    daily.set(row.day, (daily.get(row.day) ?? 0n) + row.costFemto);
    burn += row.costFemto;
    unpricedSteps += row.unpricedSteps;
  }
  const forecast = forecastPeriodSpend(burn, bounds, nowMs, daily);
  const crossed = budget.thresholds
    .filter((t) => reaches(burn, budget.amountFemto, t))
    .map(thresholdLabel);
  if (forecast.p50Femto > budget.amountFemto) crossed.push(FORECAST_OVER);
  const fraction =
    budget.amountFemto === 0n ? 1 : Number((burn * PPM) / budget.amountFemto) / 1_000_000;
  return {
    budget,
    bounds,
    burnFemto: burn,
    unpricedSteps,
    remainingFemto: budget.amountFemto - burn,
    fraction,
    forecast,
    crossed,
  };
}
