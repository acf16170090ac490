import { describe, expect, it } from 'vitest';
import { expectedCostPerFlow, expectedCostPerFlowWithHistory } from './cost-per-flow.js';
import { conditionalSuccessRates, evaluateRetryCaps } from './retry-cap.js';

describe('evaluateRetryCaps', () => {
  // Observed sᵢ 0.70, 0.40, 0.15, 0.05; attempt $0.80; fallback $3.00.
  // reach: 1, 0.30, 0.30·0.60 = 0.18, 0.18·0.85 = 0.153, 0.153·0.95 = 0.14535
  const analysis = evaluateRetryCaps({
    conditionalSuccessRates: [0.7, 0.4, 0.15, 0.05],
    attemptCostUsd: 0.8,
    fallbackCostUsd: 3,
  });
  const cost = (cap: number) => analysis.caps.find((c) => c.cap === cap)?.expectedCostUsd;

  it('expected cost per unit for each cap; cap 2 is optimal', () => {
    // cap 0 = 3.00 (straight to the fallback)
    expect(cost(0)).toBe(3);
    // cap 1 = 0.80 + 0.30·3.00 = 1.70
    expect(cost(1)).toBeCloseTo(1.7, 12);
    // cap 2 = 0.80 + 0.30·0.80 + 0.18·3.00 = 0.80 + 0.24 + 0.54 = 1.58
    expect(cost(2)).toBeCloseTo(1.58, 12);
    // cap 3 = 0.80 + 0.24 + 0.18·0.80 + 0.153·3.00 = 1.184 + 0.459 = 1.643
    expect(cost(3)).toBeCloseTo(1.643, 12);
    // cap 4 = 1.184 + 0.153·0.80 + 0.14535·3.00 = 1.3064 + 0.43605 = 1.74245 (brief rounds: 1.742)
    expect(cost(4)).toBeCloseTo(1.74245, 12);
    expect(cost(4)).toBeCloseTo(1.742, 3);
    expect(analysis.optimalCap).toBe(2);
  });

  it('reports expected attempts and fallback probability per cap', () => {
    const cap3 = analysis.caps[3];
    // 1 + 0.30 + 0.18 = 1.48 attempts; fallback 0.153
    expect(cap3?.expectedAttempts).toBeCloseTo(1.48, 12);
    expect(cap3?.fallbackProbability).toBeCloseTo(0.153, 12);
  });

  it('marginal value of each further attempt: fallback saved − attempt cost', () => {
    const net = analysis.marginal.map((m) => m.netValueUsd);
    // attempt 1: 1·(0.70·3 − 0.80) = 1.30   (3.00 → 1.70)
    // attempt 2: 0.30·(0.40·3 − 0.80) = 0.12 (1.70 → 1.58)
    // attempt 3: 0.18·(0.15·3 − 0.80) = −0.063 (1.58 → 1.643)
    // attempt 4: 0.153·(0.05·3 − 0.80) = −0.09945 (1.643 → 1.74245)
    const expected = [1.3, 0.12, -0.063, -0.09945];
    expect(net).toHaveLength(expected.length);
    for (const [i, v] of expected.entries()) expect(net[i]).toBeCloseTo(v, 12);
    expect(analysis.marginal[2]?.fallbackSavingUsd).toBeCloseTo(0.081, 12);
    expect(analysis.marginal[2]?.expectedCostUsd).toBeCloseTo(0.144, 12);
  });

  it('sends everything to the fallback when an attempt costs more than it can save', () => {
    // cap 1 = 5 + 0.5·3 = 6.5 > 3
    const r = evaluateRetryCaps({
      conditionalSuccessRates: [0.5],
      attemptCostUsd: 5,
      fallbackCostUsd: 3,
    });
    expect(r.optimalCap).toBe(0);
  });

  it('matches F3 when the rates are i.i.d. and attempts cost the same', () => {
    // sᵢ = 0.7, $1 per attempt, $20 fallback: cap 3 = 1.39 + 0.027·20 = 1.93
    const r = evaluateRetryCaps({
      conditionalSuccessRates: [0.7, 0.7, 0.7],
      attemptCostUsd: 1,
      fallbackCostUsd: 20,
    });
    const f3 = expectedCostPerFlow({
      successRate: 0.7,
      maxAttempts: 3,
      successAttemptCostUsd: 1,
      failedAttemptCostUsd: 1,
      fallbackCostUsd: 20,
    });
    expect(r.caps[3]?.expectedCostUsd).toBeCloseTo(1.93, 12);
    expect(r.caps[3]?.expectedCostUsd).toBeCloseTo(f3, 12);
  });

  it('takes one cost per attempt number (retries that carry history)', () => {
    // costs 1, 1.5, 2; sᵢ = 0.5; fallback 10: 1 + 0.5·1.5 + 0.25·2 + 0.125·10 = 3.5
    const r = evaluateRetryCaps({
      conditionalSuccessRates: [0.5, 0.5, 0.5],
      attemptCostUsd: [1, 1.5, 2],
      fallbackCostUsd: 10,
    });
    const history = expectedCostPerFlowWithHistory({
      successRate: 0.5,
      maxAttempts: 3,
      firstAttemptCostUsd: 1,
      costGrowthPerAttemptUsd: 0.5,
      fallbackCostUsd: 10,
    });
    expect(r.caps[3]?.expectedCostUsd).toBe(3.5);
    expect(history).toBe(3.5);
    expect(() =>
      evaluateRetryCaps({
        conditionalSuccessRates: [0.5, 0.5],
        attemptCostUsd: [1],
        fallbackCostUsd: 1,
      }),
    ).toThrow(RangeError);
  });
});

describe('conditionalSuccessRates', () => {
  it('divides successes by units reaching each attempt, stopping at the first unreached one', () => {
    // docs/metrics.md's 1,000 units: 700 first pass, 210 of 300 on attempt 2, 63 of 90 on attempt 3
    const rates = conditionalSuccessRates([
      { reached: 1000, succeeded: 700 },
      { reached: 300, succeeded: 210 },
      { reached: 90, succeeded: 63 },
      { reached: 0, succeeded: 0 },
      { reached: 5, succeeded: 1 },
    ]);
    expect(rates).toEqual([0.7, 0.7, 0.7]);
    expect(() => conditionalSuccessRates([{ reached: 2, succeeded: 3 }])).toThrow(RangeError);
  });
});
