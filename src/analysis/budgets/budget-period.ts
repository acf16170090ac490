/** Calendar bounds of a budget period in UTC: a day, an ISO week (Monday start) or a month. */
import type { BudgetPeriod } from '../../domain/index.js';

export const DAY_MS = 86_400_000;

export interface PeriodBounds {
  startMs: number;
  endMs: number;
}

export function periodBounds(period: BudgetPeriod, nowMs: number): PeriodBounds {
  const now = new Date(nowMs);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  switch (period) {
    case 'day':
      return { startMs: midnight, endMs: midnight + DAY_MS };
    case 'week': {
      const sinceMonday = (now.getUTCDay() + 6) % 7;
      const startMs = midnight - sinceMonday * DAY_MS;
      return { startMs, endMs: startMs + 7 * DAY_MS };
    }
    case 'month':
      return {
        startMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1),
        endMs: Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1),
      };
  }
}

/** YYYY-MM-DD of a UTC instant, the key of daily spend rows. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
