import { describe, expect, it } from 'vitest';
import { cappedAttempts } from './expected-attempts.js';
import {
  BLS_ECEC_PRIVATE_JUNE_2025,
  compareWithHuman,
  compensationMultiplier,
  costPerResolvedOutcome,
  loadedHourlyRate,
} from './loaded-labor.js';
import { relativeChange } from './ratios.js';

describe('compensationMultiplier', () => {
  it('BLS ECEC June 2025: 45.65 / 32.07 = 1.42345 (source rounds to 5 decimals; §9 to 4)', () => {
    const { totalCompensationUsdPerHour, wagesUsdPerHour } = BLS_ECEC_PRIVATE_JUNE_2025;
    const m = compensationMultiplier(totalCompensationUsdPerHour, wagesUsdPerHour);
    expect(m).toBeCloseTo(1.42345, 5);
    expect(m).toBeCloseTo(1.4234, 4);
  });
});

describe('loadedHourlyRate', () => {
  it('multiplies wage, benefits load and overhead', () => {
    // 32.07 × 1.4234 = 45.648438; × 1.2 overhead = 54.7781256
    expect(loadedHourlyRate(32.07, 1.4234)).toBeCloseTo(45.648438, 10);
    expect(loadedHourlyRate(32.07, 1.4234, 1.2)).toBeCloseTo(54.7781256, 10);
  });
});

describe('costPerResolvedOutcome (economics.md §9 F4 example)', () => {
  // T = $0.40, w = 32.07 × 1.4234 = $45.648438/h = $0.7608073/min, 2 min review, 15 min fix, k = 1
  const rate = loadedHourlyRate(32.07, 1.4234);
  const at = (p: number) => {
    const attempts = cappedAttempts(p, 1);
    return costPerResolvedOutcome({
      tokenCostPerFlowUsd: 0.4 * attempts.expectedAttempts,
      loadedRateUsdPerHour: rate,
      reviewMinutesPerAttempt: 2,
      expectedAttemptsReviewed: attempts.expectedAttempts,
      fixMinutes: 15,
      aiFailureProbability: attempts.escalationProbability,
    });
  };

  it('p = 0.9: $3.06 (source rounds to cents)', () => {
    // 0.7608073 × (2·1 + 15·0.1 = 3.5 min) = 2.66282555; + 0.40 = 3.06282555
    const c = at(0.9);
    expect(c.laborCostUsd).toBeCloseTo(2.66282555, 10);
    expect(c.totalUsd).toBeCloseTo(3.06282555, 10);
    expect(c.totalUsd).toBeCloseTo(3.06, 2);
  });

  it('p = 0.7: $5.35 (+75%), labour 7–12× the tokens (source rounds to cents, whole %)', () => {
    // 0.7608073 × (2 + 15·0.3 = 6.5 min) = 4.94524745; + 0.40 = 5.34524745
    const low = at(0.7);
    const high = at(0.9);
    expect(low.totalUsd).toBeCloseTo(5.34524745, 10);
    expect(low.totalUsd).toBeCloseTo(5.35, 2);
    // 5.34524745 / 3.06282555 − 1 = 0.7452
    expect(relativeChange(high.totalUsd, low.totalUsd)).toBeCloseTo(0.75, 1);
    // labour ÷ tokens: 2.6628 / 0.4 = 6.66 and 4.9452 / 0.4 = 12.36
    expect(high.laborCostUsd / high.tokenCostUsd).toBeCloseTo(6.657, 3);
    expect(low.laborCostUsd / low.tokenCostUsd).toBeCloseTo(12.363, 3);
  });

  it('adds silent-error minutes weighted by their probability', () => {
    // $60/h = $1/min; 1 min review × 1 + 10 min fix × 0.2 + 30 min × 0.05 = 4.5 min → $4.50 + $0.25
    const c = costPerResolvedOutcome({
      tokenCostPerFlowUsd: 0.25,
      loadedRateUsdPerHour: 60,
      reviewMinutesPerAttempt: 1,
      expectedAttemptsReviewed: 1,
      fixMinutes: 10,
      aiFailureProbability: 0.2,
      silentErrorMinutes: 30,
      undetectedErrorProbability: 0.05,
    });
    expect(c.totalUsd).toBeCloseTo(4.75, 12);
  });
});

describe('compareWithHuman', () => {
  it('uses the AI only while it is cheaper than the all-human cost', () => {
    expect(compareWithHuman(3.06, 5)).toEqual({ useAi: true, savingPerOutcomeUsd: 5 - 3.06 });
    expect(compareWithHuman(5.35, 5).useAi).toBe(false);
    expect(compareWithHuman(5, 5).useAi).toBe(false);
  });
});
