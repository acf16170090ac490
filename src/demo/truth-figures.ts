/**
 * Unit economics of a group of simulated units, accumulated exactly from the generator's records
 * and derived with the formulas of docs/metrics.md, under the API's field names.
 */
import {
  divideHalfEven,
  type FemtoUsd,
  femtoToUsdNumber,
  femtoToUsdString,
  usdToFemto,
} from '../domain/index.js';
import type { DemoWorkflow } from './enterprise.js';
import type { SimUnit } from './sim-types.js';

export class GroupTally {
  units = 0;
  unitsWithOutcome = 0;
  resolvedUnits = 0;
  aiResolvedUnits = 0;
  humanResolvedUnits = 0;
  bpoResolvedUnits = 0;
  handedOffUnits = 0;
  firstPassUnits = 0;
  attempts = 0;
  tokenCost: FemtoUsd = 0n;
  retryCost: FemtoUsd = 0n;
  failedCost: FemtoUsd = 0n;
  outcomeCost: FemtoUsd = 0n;
  /** Thousandths of a minute, so that minutes × rate stays exact. */
  humanMilliMinutes = 0;

  /** `attemptCosts` are the unit's attempts' token costs in order. */
  add(unit: SimUnit, attemptCosts: readonly FemtoUsd[], stepMinutes: number): void {
    const o = unit.outcome;
    const cost = attemptCosts.reduce((sum, c) => sum + c, 0n);
    this.units += 1;
    this.unitsWithOutcome += 1;
    this.attempts += unit.attempts.length;
    this.tokenCost += cost;
    this.retryCost += cost - (attemptCosts[0] ?? 0n);
    this.outcomeCost += cost;
    if (o.status !== 'resolved') this.failedCost += cost;
    if (o.status === 'resolved') {
      this.resolvedUnits += 1;
      if (o.resolvedBy === 'ai') this.aiResolvedUnits += 1;
      if (o.resolvedBy === 'human') this.humanResolvedUnits += 1;
      if (o.resolvedBy === 'bpo') this.bpoResolvedUnits += 1;
      if (o.resolvedBy === 'ai' && unit.attempts.length === 1) this.firstPassUnits += 1;
    }
    if (o.status === 'escalated' || (o.status === 'resolved' && o.resolvedBy !== 'ai')) {
      this.handedOffUnits += 1;
    }
    const outcomeMinutes = o.humanMinutes ?? (o.reviewMinutes ?? 0) + (o.correctionMinutes ?? 0);
    this.humanMilliMinutes += Math.round((outcomeMinutes + stepMinutes) * 1000);
  }
}

export interface TruthFigures {
  units: number;
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
  tokenCostUsdExact: string;
  tokenCostPerAttemptUsd: number | null;
  tokenCostPerResolvedUsd: number | null;
  humanMinutes: number;
  humanCostUsd: number;
  fixedCostUsd: number;
  bpoCostUsd: number;
  fullyLoadedCostPerResolvedUsd: number | null;
  bpoPricePerUnitUsd: number;
  laborCostPerUnitUsd: number;
  savingPerUnitUsd: number | null;
  expensiveFailureShare: number | null;
  retryOverheadShare: number | null;
  valuePerInferenceDollar: number | null;
}

const ratio = (n: number, d: number) => (d === 0 ? null : n / d);
const per = (amount: FemtoUsd, count: number) =>
  count === 0 ? null : femtoToUsdNumber(divideHalfEven(amount, BigInt(count)));
const share = (part: FemtoUsd, whole: FemtoUsd) =>
  whole === 0n ? null : Number((part * 1_000_000_000_000n) / whole) / 1e12;

export function labourCost(milliMinutes: number, ratePerHour: FemtoUsd): FemtoUsd {
  return divideHalfEven(BigInt(milliMinutes) * ratePerHour, 60_000n);
}

export function figuresOf(t: GroupTally, w: DemoWorkflow): TruthFigures {
  const rate = usdToFemto(w.loadedHourlyRateUsd);
  const bpoPrice = usdToFemto(w.bpoPricePerUnitUsd);
  const humanCost = labourCost(t.humanMilliMinutes, rate);
  const fixedCost = BigInt(t.attempts) * usdToFemto(w.fixedCostPerAttemptUsd);
  const bpoCost = BigInt(t.bpoResolvedUnits) * bpoPrice;
  const fullyLoaded = t.tokenCost + humanCost + fixedCost + bpoCost;
  const fullyPer =
    t.resolvedUnits === 0 ? null : divideHalfEven(fullyLoaded, BigInt(t.resolvedUnits));
  const value = BigInt(t.resolvedUnits) * usdToFemto(w.valuePerResolvedUsd);
  return {
    units: t.units,
    resolvedUnits: t.resolvedUnits,
    aiResolvedUnits: t.aiResolvedUnits,
    humanResolvedUnits: t.humanResolvedUnits,
    bpoResolvedUnits: t.bpoResolvedUnits,
    escalationRate: ratio(t.handedOffUnits, t.unitsWithOutcome),
    attempts: t.attempts,
    attemptSuccessRate: ratio(t.aiResolvedUnits, t.attempts),
    firstPassRate: ratio(t.firstPassUnits, t.units),
    attemptsPerResolved: ratio(t.attempts, t.aiResolvedUnits),
    tokenCostUsd: femtoToUsdNumber(t.tokenCost),
    tokenCostUsdExact: femtoToUsdString(t.tokenCost),
    tokenCostPerAttemptUsd: per(t.tokenCost, t.attempts),
    tokenCostPerResolvedUsd: per(t.tokenCost, t.aiResolvedUnits),
    humanMinutes: t.humanMilliMinutes / 1000,
    humanCostUsd: femtoToUsdNumber(humanCost),
    fixedCostUsd: femtoToUsdNumber(fixedCost),
    bpoCostUsd: femtoToUsdNumber(bpoCost),
    fullyLoadedCostPerResolvedUsd: fullyPer === null ? null : femtoToUsdNumber(fullyPer),
    bpoPricePerUnitUsd: femtoToUsdNumber(bpoPrice),
    laborCostPerUnitUsd: femtoToUsdNumber(labourCost(w.laborMinutesPerUnit * 1000, rate)),
    savingPerUnitUsd: fullyPer === null ? null : femtoToUsdNumber(bpoPrice - fullyPer),
    expensiveFailureShare: share(t.failedCost, t.outcomeCost),
    retryOverheadShare: share(t.retryCost, t.tokenCost),
    valuePerInferenceDollar: share(value, t.tokenCost),
  };
}
