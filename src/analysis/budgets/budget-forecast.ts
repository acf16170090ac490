/**
 * Forecast of a period's spend at its end, from the daily run rate and its day-to-day variability
 * (method and worked example in docs/metrics.md, "Budget forecast"). Burn stays exact; only the
 * projected remainder is a float estimate, rounded to a micro-dollar.
 */
import { type FemtoUsd, femtoToUsdNumber, usdToFemto } from '../../domain/index.js';
import { DAY_MS, type PeriodBounds, utcDay } from './budget-period.js';

/** One-sided 95% quantile of the standard normal distribution. */
const Z95 = 1.6448536269514722;

export interface BudgetForecast {
  p50Femto: FemtoUsd;
  p95Femto: FemtoUsd;
  /** Completed UTC days of the period the rate was measured over (0: today's pace so far). */
  observedDays: number;
  dailyRateUsd: number;
  dailyStdDevUsd: number;
}

export function forecastPeriodSpend(
  burnFemto: FemtoUsd,
  bounds: PeriodBounds,
  nowMs: number,
  dailyFemto: ReadonlyMap<string, FemtoUsd>,
): BudgetForecast {
  const todayStart = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const days: number[] = [];
  for (let day = bounds.startMs; day < todayStart; day += DAY_MS) {
    days.push(femtoToUsdNumber(dailyFemto.get(utcDay(day)) ?? 0n));
  }
  let rate = 0;
  let stdDev = 0;
  if (days.length > 0) {
    rate = days.reduce((a, b) => a + b, 0) / days.length;
    if (days.length > 1) {
      const squares = days.reduce((a, x) => a + (x - rate) ** 2, 0);
      stdDev = Math.sqrt(squares / (days.length - 1));
    }
  } else if (nowMs > bounds.startMs) {
    rate = femtoToUsdNumber(burnFemto) / ((nowMs - bounds.startMs) / DAY_MS);
  }
  const remainingDays = Math.max(0, (bounds.endMs - nowMs) / DAY_MS);
  const median = rate * remainingDays;
  const upper = median + Z95 * stdDev * Math.sqrt(remainingDays);
  return {
    p50Femto: burnFemto + usdToFemto(median.toFixed(6)),
    p95Femto: burnFemto + usdToFemto(upper.toFixed(6)),
    observedDays: days.length,
    dailyRateUsd: rate,
    dailyStdDevUsd: stdDev,
  };
}
