import { describe, expect, it } from 'vitest';
import {
  aiOnlyCostPerAiSuccess,
  expectedCostPerFlow,
  expectedCostPerFlowWithHistory,
} from './cost-per-flow.js';
import { ratio } from './ratios.js';

const F3 = {
  maxAttempts: 3,
  successAttemptCostUsd: 1,
  failedAttemptCostUsd: 1.6,
  fallbackCostUsd: 20,
};

describe('expectedCostPerFlow (economics.md §10 "Differential costs + human fallback")', () => {
  it('p = 0.7: 2.1802 per flow', () => {
    // failed 0.3·1.39 = 0.417 → ×1.6 = 0.6672; success 0.973·1 = 0.973; human 0.027·20 = 0.54
    // 0.6672 + 0.973 + 0.54 = 2.1802 (docs/metrics.md: $1,640.20 + $540 over 1,000 units)
    expect(expectedCostPerFlow({ successRate: 0.7, ...F3 })).toBeCloseTo(2.1802, 12);
  });

  it('p = 0.9: 1.1966 per flow', () => {
    // failed 0.1·1.11 = 0.111 → ×1.6 = 0.1776; success 0.999; human 0.001·20 = 0.02 → 1.1966
    expect(expectedCostPerFlow({ successRate: 0.9, ...F3 })).toBeCloseTo(1.1966, 12);
  });

  it('equal attempt costs and a free fallback reduce to T(1 − qᵏ)/p', () => {
    // T = 2, p = 0.5, k = 5: 2·1.9375 = 3.875
    const flow = {
      successRate: 0.5,
      maxAttempts: 5,
      successAttemptCostUsd: 2,
      failedAttemptCostUsd: 2,
      fallbackCostUsd: 0,
    };
    expect(expectedCostPerFlow(flow)).toBe(3.875);
  });
});

describe('aiOnlyCostPerAiSuccess', () => {
  it('p = 0.7: 1 + 1.6·0.3/0.7 = 1.685714…', () => {
    expect(aiOnlyCostPerAiSuccess({ successRate: 0.7, ...F3 })).toBeCloseTo(1.685714285714, 12);
  });

  it('p = 0.9: 1 + 1.6·0.1/0.9 = 1.177777…', () => {
    expect(aiOnlyCostPerAiSuccess({ successRate: 0.9, ...F3 })).toBeCloseTo(1.177777777778, 12);
  });

  it('with T_f = T_s it is T/p, and 0.9 → 0.7 raises it by 0.9/0.7 = 1.2857142857', () => {
    const at = (p: number) =>
      aiOnlyCostPerAiSuccess({ successRate: p, successAttemptCostUsd: 1, failedAttemptCostUsd: 1 });
    expect(at(0.9)).toBeCloseTo(1 / 0.9, 12);
    // §10 "Completion drop": (1/0.7)/(1/0.9) = 9/7 = 1.285714285714…
    expect(ratio(at(0.7) ?? Number.NaN, at(0.9) ?? Number.NaN)).toBeCloseTo(1.2857142857, 10);
  });

  it('is null when nothing succeeds', () => {
    expect(aiOnlyCostPerAiSuccess({ successRate: 0, ...F3 })).toBeNull();
  });
});

describe('expectedCostPerFlowWithHistory', () => {
  it('attempt i costs T₀ + (i − 1)δ, reached with probability qⁱ⁻¹', () => {
    // p = 0.5, k = 3, T₀ = 1, δ = 0.5, C_H = 10:
    // 1·1 + 0.5·1.5 + 0.25·2 + 0.125·10 = 1 + 0.75 + 0.5 + 1.25 = 3.5
    const cost = expectedCostPerFlowWithHistory({
      successRate: 0.5,
      maxAttempts: 3,
      firstAttemptCostUsd: 1,
      costGrowthPerAttemptUsd: 0.5,
      fallbackCostUsd: 10,
    });
    expect(cost).toBe(3.5);
  });

  it('with δ = 0 it matches the equal-cost F3 formula', () => {
    const history = expectedCostPerFlowWithHistory({
      successRate: 0.7,
      maxAttempts: 3,
      firstAttemptCostUsd: 1,
      costGrowthPerAttemptUsd: 0,
      fallbackCostUsd: 20,
    });
    const flat = expectedCostPerFlow({ ...F3, successRate: 0.7, failedAttemptCostUsd: 1 });
    // 1.39 + 0.027·20 = 1.93
    expect(history).toBeCloseTo(1.93, 12);
    expect(flat).toBeCloseTo(1.93, 12);
  });
});
