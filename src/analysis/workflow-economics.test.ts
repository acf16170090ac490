import { describe, expect, it } from 'vitest';
import { aggregate } from '../../test/support/unit-aggregate.js';
import { usdToFemto, type WorkflowBaseline } from '../domain/index.js';
import { computeWorkflowEconomics } from './workflow-economics.js';

function baseline(fields: Partial<WorkflowBaseline>): WorkflowBaseline {
  return {
    workflow: 'claims-adjudication',
    team: 'claims-ops',
    unitName: 'claim',
    bpoPricePerUnitFemto: null,
    laborMinutesPerUnit: null,
    loadedHourlyRateFemto: null,
    valuePerResolvedFemto: null,
    fixedCostPerAttemptFemto: 0n,
    ...fields,
  };
}

describe('computeWorkflowEconomics', () => {
  it('attempt success falling from 0.9 to 0.7 raises token cost per AI-resolved outcome by 28.57%', () => {
    // Constant attempt cost $1: 1,000 attempts cost $1,000 either way.
    const at = (resolved: number) =>
      computeWorkflowEconomics(
        aggregate({
          units: resolved,
          attempts: 1000,
          aiResolvedUnits: resolved,
          tokenCostFemto: usdToFemto('1000'),
        }),
        null,
        null,
      );
    const high = at(900);
    const low = at(700);
    expect(high.attemptSuccessRate).toBe(0.9);
    expect(low.attemptSuccessRate).toBe(0.7);
    expect(high.tokenCostPerResolvedUsd).toBe(1.111111111111111); // 1000 / 900
    expect(low.tokenCostPerResolvedUsd).toBe(1.428571428571429); // 1000 / 700
    expect(
      ((low.tokenCostPerResolvedUsd ?? 0) / (high.tokenCostPerResolvedUsd ?? 1) - 1) * 100,
    ).toBeCloseTo(28.5714, 4);
  });

  it('reproduces F3: p 0.7, cap 3, T_s $1, T_f $1.60, human fallback $20 → $2.1802 per flow', () => {
    // 1,000 units: 700 first pass, 210 on attempt 2, 63 on attempt 3, 27 escalated to a human.
    // Attempts 700 + 2·210 + 3·63 + 3·27 = 1,390. Tokens 700·1 + 210·2.6 + 63·4.2 + 27·4.8 = $1,640.20.
    // Retries (attempts after the first): 210·1 + 63·2.6 + 27·3.2 = $460.20. Human 27 × 20 min at $60/h = $540.
    const row = aggregate({
      units: 1000,
      unitsWithOutcome: 1000,
      resolvedUnits: 1000,
      aiResolvedUnits: 973,
      humanResolvedUnits: 27,
      handedOffUnits: 27,
      firstPassUnits: 700,
      attempts: 1390,
      tokenCostFemto: usdToFemto('1640.2'),
      retryCostFemto: usdToFemto('460.2'),
      outcomeCostFemto: usdToFemto('1640.2'),
      humanMinutes: 540,
    });
    const view = computeWorkflowEconomics(
      row,
      baseline({ loadedHourlyRateFemto: usdToFemto('60') }),
      null,
    );
    expect(view.fullyLoadedCostPerResolvedUsd).toBe(2.1802);
    expect(view.humanCostUsd).toBe(540);
    expect(view.attemptSuccessRate).toBe(0.7); // 973 / 1,390
    expect(view.tokenCostPerResolvedUsd).toBe(1.685714285714286); // AI-only cost per AI success, T_s + T_f·q/p
    expect(view.firstPassRate).toBe(0.7);
    expect(view.escalationRate).toBe(0.027);
    expect(view.retryOverheadShare).toBeCloseTo(460.2 / 1640.2, 12);
    expect(view.expensiveFailureShare).toBe(0);
  });

  it('fully loads review and correction minutes, fixed costs, and compares with BPO and labour', () => {
    // 100 units all AI-resolved over 120 attempts at $0.40 = $48 of tokens.
    // Review 2 min × 100 + correction 15 min × 10 = 350 min at $45.65/h = $266.2916666…67.
    // Fixed $0.02 × 120 attempts = $2.40. Fully loaded (48 + 266.291666666666666667 + 2.4) / 100.
    const view = computeWorkflowEconomics(
      aggregate({
        units: 100,
        unitsWithOutcome: 100,
        resolvedUnits: 100,
        aiResolvedUnits: 100,
        firstPassUnits: 80,
        attempts: 120,
        tokenCostFemto: usdToFemto('48'),
        outcomeCostFemto: usdToFemto('48'),
        humanMinutes: 350,
        resolvedWithoutValue: 100,
      }),
      baseline({
        bpoPricePerUnitFemto: usdToFemto('3.50'),
        laborMinutesPerUnit: 12,
        loadedHourlyRateFemto: usdToFemto('45.65'),
        valuePerResolvedFemto: usdToFemto('9'),
        fixedCostPerAttemptFemto: usdToFemto('0.02'),
      }),
      30n * 86_400n * 1_000_000_000n,
    );
    expect(view.humanCostUsd).toBe(266.2916666666667);
    expect(view.fixedCostUsd).toBe(2.4);
    expect(view.fullyLoadedCostPerResolvedUsd).toBe(3.166916666666667);
    expect(view.laborCostPerUnitUsd).toBe(9.13); // 12 min × $45.65 / 60
    expect(view.savingPerUnitUsd).toBe(0.333083333333333); // 3.50 − 3.166916666666667
    expect(view.savingPerMonthUsd).toBe(33.3083333333333); // × 100 resolved in a 30-day range
    expect(view.valuePerInferenceDollar).toBe(18.75); // 100 × $9 / $48
    expect(view.marginPerOutcomeUsd).toBe(5.833083333333333);
  });

  it('says null, not 0 or infinity, where a denominator is zero or a baseline is missing', () => {
    const view = computeWorkflowEconomics(
      aggregate({ units: 3, attempts: 3, tokenCostFemto: usdToFemto('1.5') }),
      null,
      null,
    );
    expect(view.tokenCostPerResolvedUsd).toBeNull();
    expect(view.attemptsPerResolved).toBeNull();
    expect(view.fullyLoadedCostPerResolvedUsd).toBeNull();
    expect(view.escalationRate).toBeNull();
    expect(view.savingPerUnitUsd).toBeNull();
    expect(view.tokenCostPerAttemptUsd).toBe(0.5);
  });
});
