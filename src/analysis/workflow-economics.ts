/**
 * Unit economics of a group of work units against its baselines: cost per AI-resolved outcome
 * (T/p), fully loaded cost per resolved outcome, savings against the BPO price, value per
 * inference dollar. Every formula is in docs/metrics.md; sums are exact and divided once.
 */
import {
  divideHalfEven,
  type FemtoUsd,
  femtoToUsdNumber,
  type WorkflowBaseline,
} from '../domain/index.js';
import type { UnitAggregate } from '../store/index.js';

export interface CostSpread {
  p50: number | null;
  p95: number | null;
  max: number | null;
  min: number | null;
  maxOverMin: number | null;
}

export interface WorkflowEconomics {
  group: string;
  workflow: string | null;
  team: string | null;
  units: number;
  pendingUnits: number;
  resolvedUnits: number;
  aiResolvedUnits: number;
  humanResolvedUnits: number;
  bpoResolvedUnits: number;
  escalationRate: number | null;
  attempts: number;
  attemptSuccessRate: number | null;
  firstPassRate: number | null;
  attemptsPerResolved: number | null;
  tokenCostUsd: number;
  tokenCostPerAttemptUsd: number | null;
  tokenCostPerResolvedUsd: number | null;
  humanMinutes: number;
  humanCostUsd: number | null;
  fixedCostUsd: number;
  bpoCostUsd: number | null;
  fullyLoadedCostUsd: number | null;
  fullyLoadedCostPerResolvedUsd: number | null;
  bpoPricePerUnitUsd: number | null;
  laborCostPerUnitUsd: number | null;
  savingPerUnitUsd: number | null;
  savingPerMonthUsd: number | null;
  valueUsd: number | null;
  valuePerInferenceDollar: number | null;
  marginPerOutcomeUsd: number | null;
  expensiveFailureShare: number | null;
  retryOverheadShare: number | null;
  costSpread: CostSpread;
  unpricedSteps: number;
  usageUnknownSteps: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

const NANOS_PER_30_DAYS = 30n * 86_400n * 1_000_000_000n;

/** Minutes are kept to the millisecond of a minute so that minutes × rate stays exact. */
export function laborCost(minutes: number, ratePerHour: FemtoUsd): FemtoUsd {
  return divideHalfEven(BigInt(Math.round(minutes * 1000)) * ratePerHour, 60_000n);
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function shareOf(part: FemtoUsd, whole: FemtoUsd): number | null {
  return whole === 0n ? null : Number((part * 1_000_000_000_000n) / whole) / 1e12;
}

function usd(amount: FemtoUsd | null): number | null {
  return amount === null ? null : femtoToUsdNumber(amount);
}

function per(amount: FemtoUsd | null, count: number): number | null {
  return amount === null || count === 0
    ? null
    : femtoToUsdNumber(divideHalfEven(amount, BigInt(count)));
}

export function computeWorkflowEconomics(
  row: UnitAggregate,
  baseline: WorkflowBaseline | null,
  rangeNanos: bigint | null,
): WorkflowEconomics {
  const rate = baseline?.loadedHourlyRateFemto ?? null;
  const bpoPrice = baseline?.bpoPricePerUnitFemto ?? null;
  const humanCost =
    rate === null ? (row.humanMinutes === 0 ? 0n : null) : laborCost(row.humanMinutes, rate);
  const fixedCost = BigInt(row.attempts) * (baseline?.fixedCostPerAttemptFemto ?? 0n);
  const bpoCost =
    row.bpoResolvedUnits === 0
      ? 0n
      : bpoPrice === null
        ? null
        : BigInt(row.bpoResolvedUnits) * bpoPrice;
  const fullyLoaded =
    humanCost === null || bpoCost === null
      ? null
      : row.tokenCostFemto + humanCost + fixedCost + bpoCost;
  const fullyLoadedPerResolved =
    fullyLoaded === null || row.resolvedUnits === 0
      ? null
      : divideHalfEven(fullyLoaded, BigInt(row.resolvedUnits));
  const laborPerUnit =
    rate === null || baseline?.laborMinutesPerUnit == null
      ? null
      : laborCost(baseline.laborMinutesPerUnit, rate);
  const savingPerUnit =
    bpoPrice === null || fullyLoadedPerResolved === null ? null : bpoPrice - fullyLoadedPerResolved;
  const valuePerResolved = baseline?.valuePerResolvedFemto ?? null;
  const value =
    row.resolvedWithoutValue > 0 && valuePerResolved === null
      ? null
      : row.statedValueFemto + BigInt(row.resolvedWithoutValue) * (valuePerResolved ?? 0n);
  const spread = {
    p50: usd(row.unitCostP50Femto),
    p95: usd(row.unitCostP95Femto),
    max: usd(row.unitCostMaxFemto),
    min: usd(row.unitCostMinFemto),
    maxOverMin:
      row.unitCostMaxFemto === null || row.unitCostMinFemto === null || row.unitCostMinFemto === 0n
        ? null
        : Number((row.unitCostMaxFemto * 1_000_000n) / row.unitCostMinFemto) / 1e6,
  };
  return {
    group: row.group,
    workflow: row.workflow,
    team: baseline?.team ?? null,
    units: row.units,
    pendingUnits: row.units - row.unitsWithOutcome,
    resolvedUnits: row.resolvedUnits,
    aiResolvedUnits: row.aiResolvedUnits,
    humanResolvedUnits: row.humanResolvedUnits,
    bpoResolvedUnits: row.bpoResolvedUnits,
    escalationRate: ratio(row.handedOffUnits, row.unitsWithOutcome),
    attempts: row.attempts,
    attemptSuccessRate: ratio(row.aiResolvedUnits, row.attempts),
    firstPassRate: ratio(row.firstPassUnits, row.units),
    attemptsPerResolved: ratio(row.attempts, row.aiResolvedUnits),
    tokenCostUsd: femtoToUsdNumber(row.tokenCostFemto),
    tokenCostPerAttemptUsd: per(row.tokenCostFemto, row.attempts),
    tokenCostPerResolvedUsd: per(row.tokenCostFemto, row.aiResolvedUnits),
    humanMinutes: row.humanMinutes,
    humanCostUsd: usd(humanCost),
    fixedCostUsd: femtoToUsdNumber(fixedCost),
    bpoCostUsd: usd(bpoCost),
    fullyLoadedCostUsd: usd(fullyLoaded),
    fullyLoadedCostPerResolvedUsd: usd(fullyLoadedPerResolved),
    bpoPricePerUnitUsd: usd(bpoPrice),
    laborCostPerUnitUsd: usd(laborPerUnit),
    savingPerUnitUsd: usd(savingPerUnit),
    savingPerMonthUsd:
      savingPerUnit === null || rangeNanos === null || rangeNanos <= 0n
        ? null
        : femtoToUsdNumber(
            divideHalfEven(
              savingPerUnit * BigInt(row.resolvedUnits) * NANOS_PER_30_DAYS,
              rangeNanos,
            ),
          ),
    valueUsd: usd(value),
    valuePerInferenceDollar:
      value === null || row.tokenCostFemto === 0n ? null : shareOf(value, row.tokenCostFemto),
    marginPerOutcomeUsd:
      valuePerResolved === null || fullyLoadedPerResolved === null
        ? null
        : usd(valuePerResolved - fullyLoadedPerResolved),
    expensiveFailureShare: shareOf(row.failedCostFemto, row.outcomeCostFemto),
    retryOverheadShare: shareOf(row.retryCostFemto, row.tokenCostFemto),
    costSpread: spread,
    unpricedSteps: row.unpricedSteps,
    usageUnknownSteps: row.usageUnknownSteps,
    firstSeen:
      row.firstSeenUnixNano === null
        ? null
        : new Date(Number(row.firstSeenUnixNano / 1_000_000n)).toISOString(),
    lastSeen:
      row.lastSeenUnixNano === null
        ? null
        : new Date(Number(row.lastSeenUnixNano / 1_000_000n)).toISOString(),
  };
}
