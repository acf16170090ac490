/** Budget periods, burn, forecast and the allow/warn/deny check on hand-worked numbers. */
import { describe, expect, it } from 'vitest';
import { type Budget, type DailyWorkflowSpend, usdToFemto } from '../../domain/index.js';
import { checkBudgets } from './budget-check.js';
import { periodBounds } from './budget-period.js';
import { budgetStatus } from './budget-status.js';

const NOW = Date.parse('2026-11-04T12:00:00Z'); // a Wednesday
const teams = new Map([
  ['claims', 'claims-ops'],
  ['other', 'x-team'],
]);
const row = (
  day: string,
  workflow: string,
  usd: string,
  unpricedSteps = 0,
): DailyWorkflowSpend => ({
  day,
  workflow,
  costFemto: usdToFemto(usd),
  unpricedSteps,
});
const spend = [
  row('2026-10-31', 'claims', '50'), // previous month, previous week: outside both
  row('2026-11-01', 'claims', '10'),
  row('2026-11-02', 'claims', '14'),
  row('2026-11-02', 'other', '100'), // another team's workflow
  row('2026-11-03', 'claims', '12', 2), // and 2 calls without a price
  row('2026-11-04', 'claims', '5'),
];
const budget = (over: Partial<Budget>): Budget => ({
  id: 'b',
  team: 'claims-ops',
  workflow: null,
  period: 'month',
  amountFemto: usdToFemto('400'),
  thresholds: [0.5, 0.8, 1],
  webhookUrl: null,
  ...over,
});

describe('budget periods', () => {
  it('starts weeks on Monday and months on the 1st, in UTC', () => {
    const iso = (ms: number) => new Date(ms).toISOString();
    const week = periodBounds('week', NOW);
    expect([iso(week.startMs), iso(week.endMs)]).toEqual([
      '2026-11-02T00:00:00.000Z',
      '2026-11-09T00:00:00.000Z',
    ]);
    const sunday = periodBounds('week', Date.parse('2026-11-08T23:59:59Z'));
    expect(iso(sunday.startMs)).toBe('2026-11-02T00:00:00.000Z');
    const month = periodBounds('month', NOW);
    expect([iso(month.startMs), iso(month.endMs)]).toEqual([
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
    ]);
  });
});

describe('budget status and forecast', () => {
  it('burns, forecasts p50/p95 from completed days, and leaves other teams out', () => {
    // Burn Nov 1–4 of claims-ops: 10 + 14 + 12 + 5 = $41 exactly (other team and October excluded).
    // Completed days Nov 1–3: mean 12, sample std sqrt(((-2)² + 2² + 0²)/2) = 2.
    // Remaining: Nov 4 12:00 → Dec 1 00:00 = 26.5 days.
    // p50 = 41 + 12 × 26.5 = 359; p95 = 359 + 1.6448536 × 2 × sqrt(26.5) = 359 + 16.934805 = 375.934805.
    const s = budgetStatus(budget({}), spend, teams, NOW);
    expect(s.burnFemto).toBe(usdToFemto('41'));
    expect(s.unpricedSteps).toBe(2);
    expect(s.remainingFemto).toBe(usdToFemto('359'));
    expect(s.forecast.observedDays).toBe(3);
    expect(s.forecast.p50Femto).toBe(usdToFemto('359'));
    expect(s.forecast.p95Femto).toBe(usdToFemto('375.934805'));
    expect(s.crossed).toEqual([]);
  });

  it('crosses thresholds exactly and flags forecast-over', () => {
    // Week of Nov 2: claims 14 + 12 + 5 = $31 against $60: 51.67% → 0.5 crossed; completed days
    // Nov 2–3 mean 13, remaining 4.5 days → p50 = 31 + 58.5 = 89.5 > 60 → forecast-over.
    const s = budgetStatus(
      budget({ workflow: 'claims', team: null, period: 'week', amountFemto: usdToFemto('60') }),
      spend,
      teams,
      NOW,
    );
    expect(s.burnFemto).toBe(usdToFemto('31'));
    expect(s.forecast.p50Femto).toBe(usdToFemto('89.5'));
    expect(s.crossed).toEqual(['0.5', 'forecast-over']);
    // $41 against exactly $41: 100% reached, not 99.99%.
    const full = budgetStatus(budget({ amountFemto: usdToFemto('41') }), spend, teams, NOW);
    expect(full.crossed).toEqual(['0.5', '0.8', '1', 'forecast-over']);
  });

  it('on the first day of a period projects today’s pace, with no spread', () => {
    // Day budget at 12:00 with $5 spent: rate 5 / 0.5 day = $10/day, 0.5 day left → p50 = p95 = 10.
    const s = budgetStatus(budget({ period: 'day' }), spend, teams, NOW);
    expect(s.forecast.observedDays).toBe(0);
    expect(s.forecast.p50Femto).toBe(usdToFemto('10'));
    expect(s.forecast.p95Femto).toBe(usdToFemto('10'));
  });
});

describe('budget check', () => {
  const statuses = [
    budgetStatus(budget({ id: 'team-month' }), spend, teams, NOW), // 41/400, forecast 359
    budgetStatus(
      budget({
        id: 'claims-week',
        team: null,
        workflow: 'claims',
        period: 'week',
        amountFemto: usdToFemto('31'),
      }),
      spend,
      teams,
      NOW,
    ), // 31/31: exhausted
    budgetStatus(
      budget({ id: 'other-month', team: 'x-team', amountFemto: usdToFemto('120') }),
      spend,
      teams,
      NOW,
    ), // 100/120 = 83% ≥ 80%
  ];

  it('denies when an applicable budget is exhausted, naming it, with the least remaining', () => {
    const c = checkBudgets(statuses, { workflow: 'claims' }, teams);
    expect(c.decision).toBe('deny');
    expect(c.reason).toContain('claims-week');
    expect(c.remainingFemto).toBe(0n);
    expect(c.budgets.map((s) => s.budget.id)).toEqual(['team-month', 'claims-week']);
  });

  it('allows a team whose only budget is comfortable, and warns past 80%', () => {
    const ok = checkBudgets(statuses, { team: 'claims-ops' }, teams);
    expect(ok.decision).toBe('allow');
    expect(ok.remainingFemto).toBe(usdToFemto('359'));
    const warn = checkBudgets(statuses, { workflow: 'other' }, teams);
    expect(warn.decision).toBe('warn');
    expect(warn.reason).toBe('budget other-month is past 80% of its amount');
  });

  it('allows an unknown team with no budget and says so', () => {
    const c = checkBudgets(statuses, { team: 'nobody' }, teams);
    expect(c).toEqual({
      decision: 'allow',
      reason: 'no budget applies to team "nobody"',
      remainingFemto: null,
      budgets: [],
    });
  });
});
