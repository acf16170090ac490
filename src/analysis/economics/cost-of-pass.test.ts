import { describe, expect, it } from 'vitest';
import { costOfPass, frontierCostOfPass } from './cost-of-pass.js';
import { ratio } from './ratios.js';

describe('costOfPass', () => {
  it('τ²-bench retail gpt-5: $0.10553 ÷ 0.81579 = $0.12936 per pass (source rounds to 5 decimals)', () => {
    // 0.10553 / 0.81579 = 0.129359…
    expect(costOfPass(0.10553, 0.81579)).toBeCloseTo(0.12936, 5);
  });

  it('spans 7.6× across models on retail (§4: opus-4.5 $0.3870/0.796 vs gpt-5.2 $0.0482/0.750)', () => {
    // 0.48618 / 0.064267 = 7.565
    const dearest = costOfPass(0.387, 0.796) ?? Number.NaN;
    const cheapest = costOfPass(0.0482, 0.75) ?? Number.NaN;
    expect(ratio(dearest, cheapest)).toBeCloseTo(7.6, 1);
  });

  it('human vs best LM: 9.9×, 7.2×, 57×, 417× (source rounding: 1, 1, 0, 0 decimals)', () => {
    // 20/2.03 = 9.852; 58/8.07 = 7.187; 12/0.21 = 57.14; 0.02/4.8e-5 = 416.67
    expect(ratio(20, 2.03)).toBeCloseTo(9.9, 1);
    expect(ratio(58, 8.07)).toBeCloseTo(7.2, 1);
    expect(ratio(12, 0.21)).toBeCloseTo(57, 0);
    expect(ratio(0.02, 4.8e-5)).toBeCloseTo(417, 0);
  });

  it('is Σcost ÷ Σsuccesses from data, null with no success', () => {
    expect(costOfPass(12, 8)).toBe(1.5);
    expect(costOfPass(12, 0)).toBeNull();
  });
});

describe('frontierCostOfPass', () => {
  it('averages the per-task minimum over candidates', () => {
    // minima 1.5, 4, 0.5 → mean 2
    expect(frontierCostOfPass([[2, 1.5, null], [null, 4], [0.5]])).toBe(2);
  });

  it('is null when a task has no passing candidate or there are no tasks', () => {
    expect(frontierCostOfPass([[1], [null, null]])).toBeNull();
    expect(frontierCostOfPass([])).toBeNull();
  });
});
