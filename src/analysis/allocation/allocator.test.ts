import { describe, expect, it } from 'vitest';
import { allocateBudget } from './allocator.js';

/**
 * Three workflows, budget $600.
 * A: 1,000 units, s = [0.9], $0.10 per attempt, fallback $2 → lever 1 costs 1000·0.10 = $100,
 *    saves 1000·0.9·2 = $1,800: 18 per dollar.
 * B: 500 units, s = [0.5, 0.2], $1 per attempt, fallback $4 → lever 1 costs $500, saves
 *    500·0.5·4 = $1,000: 2 per dollar; lever 2 costs 500·0.5·1 = $250, saves 250·0.2·4 = $200:
 *    0.8 per dollar, below 1, never bought.
 * C: 200 units, s = [0.1, 0.6], $1 per attempt, fallback $10 → lever 1 alone is 0.1·10/1 = 1 per
 *    dollar but lever 2 is 0.6·10/1 = 6, so they pool: cost 200·(1 + 0.9) = $380, saves
 *    200·(0.1 + 0.9·0.6)·10 = $1,280: 3.368 per dollar.
 * Greedy: A ($100, left $500), C ($380, left $120), then B lever 1 for 120/500 = 24% of its units.
 * A: AI resolves 900, 100 elsewhere at $2 = $200. C: AI resolves 200·0.64 = 128, 72 elsewhere at
 * $10 = $720. B: 120 units tried, 60 resolved, 440 elsewhere at $4 = $1,760.
 * Any other split buys less: moving $1 from C to B trades 3.368 of saving for 2.
 */
describe('allocateBudget', () => {
  const inputs = [
    {
      workflow: 'A',
      volume: 1000,
      conditionalSuccessRates: [0.9],
      attemptCostUsd: [0.1],
      fallbackCostUsd: 2,
    },
    {
      workflow: 'B',
      volume: 500,
      conditionalSuccessRates: [0.5, 0.2],
      attemptCostUsd: [1, 1],
      fallbackCostUsd: 4,
    },
    {
      workflow: 'C',
      volume: 200,
      conditionalSuccessRates: [0.1, 0.6],
      attemptCostUsd: [1, 1],
      fallbackCostUsd: 10,
    },
  ];

  it('funds the highest value per dollar first, pooling non-concave levers', () => {
    const { plans, spentUsd, unspentUsd } = allocateBudget(600, inputs);
    const round = (x: number) => Math.round(x * 1e9) / 1e9;
    expect(
      plans.map((p) => [
        p.workflow,
        p.fundedShare.map(round),
        p.retryCap,
        round(p.aiCostUsd),
        round(p.aiResolvedUnits),
        round(p.unitsElsewhere),
        round(p.fallbackCostUsd),
      ]),
    ).toEqual([
      ['A', [1], 1, 100, 900, 100, 200],
      ['B', [0.24, 0], 0, 120, 60, 440, 1760],
      ['C', [1, 1], 2, 380, 128, 72, 720],
    ]);
    expect(round(spentUsd)).toBe(600);
    expect(unspentUsd).toBe(0);
  });

  it('leaves budget unspent rather than buy attempts that cost more than they save', () => {
    // All worthwhile levers: A $100 + C $380 + B lever 1 $500 = $980; B lever 2 is not.
    const { plans, spentUsd, unspentUsd } = allocateBudget(5000, inputs);
    expect(spentUsd).toBeCloseTo(980, 9);
    expect(unspentUsd).toBeCloseTo(4020, 9);
    expect(plans.map((p) => p.retryCap)).toEqual([1, 1, 2]);
  });

  it('sends everything to the fallback on a zero budget, and rejects bad input', () => {
    const { plans } = allocateBudget(0, inputs);
    expect(plans.map((p) => p.fallbackCostUsd)).toEqual([2000, 2000, 2000]);
    expect(() => allocateBudget(-1, inputs)).toThrow('budgetUsd must be a finite number ≥ 0');
  });
});
