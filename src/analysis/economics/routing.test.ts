import { describe, expect, it } from 'vitest';
import { relativeChange } from './ratios.js';
import {
  blendedRoutingCost,
  cascadeBreakEvenAcceptance,
  cascadeCost,
  qualityAdjustedCostPerSuccess,
} from './routing.js';

describe('blendedRoutingCost', () => {
  it('80% at $1, 20% at $15: $3.80, −74.7% against always-large (source rounds to 0.1%)', () => {
    // 0.8·1 + 0.2·15 = 0.8 + 3 = 3.80; 3.80/15 − 1 = −0.74667
    const blend = blendedRoutingCost([
      { share: 0.8, costUsd: 1 },
      { share: 0.2, costUsd: 15 },
    ]);
    expect(blend).toBeCloseTo(3.8, 12);
    expect(relativeChange(15, blend)).toBeCloseTo(-0.747, 3);
  });

  it('rejects shares that do not sum to 1', () => {
    expect(() => blendedRoutingCost([{ share: 0.8, costUsd: 1 }])).toThrow(RangeError);
  });
});

describe('cascadeCost', () => {
  it('small $1, large $15, acceptance 0.8: $4.00, −73.3%; break-even acceptance 0.0667', () => {
    // 1 + (1 − 0.8)·15 = 1 + 3 = 4.00; 4/15 − 1 = −0.73333; break-even 1/15 = 0.066667
    const cost = cascadeCost({ smallCostUsd: 1, largeCostUsd: 15, acceptanceRate: 0.8 });
    expect(cost).toBeCloseTo(4, 12);
    expect(relativeChange(15, cost)).toBeCloseTo(-0.733, 3);
    expect(cascadeBreakEvenAcceptance(1, 15)).toBeCloseTo(0.0667, 4);
  });

  it('costs exactly always-large at the break-even acceptance', () => {
    const a = cascadeBreakEvenAcceptance(1, 15) ?? Number.NaN;
    expect(cascadeCost({ smallCostUsd: 1, largeCostUsd: 15, acceptanceRate: a })).toBeCloseTo(
      15,
      12,
    );
    expect(cascadeBreakEvenAcceptance(1, 0)).toBeNull();
  });
});

describe('qualityAdjustedCostPerSuccess', () => {
  it('Σ share·C/p', () => {
    // 0.8·1/0.8 + 0.2·15/0.95 = 1 + 3.157894737 = 4.157894737
    const cost = qualityAdjustedCostPerSuccess([
      { share: 0.8, costUsd: 1, successRate: 0.8 },
      { share: 0.2, costUsd: 15, successRate: 0.95 },
    ]);
    expect(cost).toBeCloseTo(4.157894736842, 12);
  });

  it('is null when a used route never succeeds, and ignores unused ones', () => {
    expect(
      qualityAdjustedCostPerSuccess([
        { share: 1, costUsd: 1, successRate: 0 },
        { share: 0, costUsd: 15, successRate: 1 },
      ]),
    ).toBeNull();
    expect(
      qualityAdjustedCostPerSuccess([
        { share: 1, costUsd: 2, successRate: 0.5 },
        { share: 0, costUsd: 15, successRate: 0 },
      ]),
    ).toBe(4);
  });
});
