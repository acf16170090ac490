import { describe, expect, it } from 'vitest';
import { usdToFemto, type WorkflowBaseline } from '../../domain/index.js';
import type { AttemptHistory } from '../../store/index.js';
import { buildMarginalView } from './marginal-view.js';

/** Labour 6 minutes at $30/h = $3.00 per unit; BPO $4.00, so the fallback is people at $3.00. */
const CLAIMS_BASELINE: WorkflowBaseline = {
  workflow: 'claims',
  team: null,
  unitName: 'claim',
  bpoPricePerUnitFemto: usdToFemto('4'),
  laborMinutesPerUnit: 6,
  loadedHourlyRateFemto: usdToFemto('30'),
  valuePerResolvedFemto: null,
  fixedCostPerAttemptFemto: 0n,
};

/**
 * The issue's case: conditional success 0.70, 0.40, 0.15, 0.05; $0.80 per attempt; $3.00 fallback.
 * 20,000 units is the smallest size whose counts are whole: 14,000 succeed at 1 of 20,000; of
 * 6,000, 2,400 at 2; of 3,600, 540 at 3; of 3,060, 153 at 4; 2,907 go to people.
 * Expected cost per unit: cap 0 = 3; cap 1 = 0.8 + 0.3·3 = 1.70; cap 2 = 0.8 + 0.24 + 0.18·3 =
 * 1.58; cap 3 = 1.184 + 0.153·3 = 1.643; cap 4 = 1.184 + 0.1224 + 0.14535·3 = 1.74245.
 */
const ISSUE_COUNTS = [14_000, 2_400, 540, 153] as const;

function issueHistory(): AttemptHistory {
  const reached = [20_000, 6_000, 3_600, 3_060];
  return {
    workflow: 'claims',
    units: 20_000,
    aiResolvedUnits: 17_093,
    attempts: reached.map((r, i) => ({
      attempt: i + 1,
      reached: r,
      succeeded: ISSUE_COUNTS[i] ?? 0,
      costFemto: BigInt(r) * usdToFemto('0.80'),
      humanMinutes: 0,
    })),
    steps: [],
    contextBands: [],
    firstSeenUnixNano: null,
    lastSeenUnixNano: null,
  };
}

describe('buildMarginalView', () => {
  it("reproduces the issue's retry cap case: cap 2 at $1.58 per unit", () => {
    const view = buildMarginalView(issueHistory(), CLAIMS_BASELINE);
    expect(view.attemptCurve.map((p) => p.conditionalSuccessRate)).toEqual([0.7, 0.4, 0.15, 0.05]);
    expect(view.attemptCurve.map((p) => p.attemptCostUsd)).toEqual(['0.8', '0.8', '0.8', '0.8']);
    expect(view.fallback?.kind).toBe('human');
    expect(view.fallback?.costPerUnitUsd).toBe('3');
    expect(view.retryCaps?.caps.map((c) => c.expectedCostPerUnitUsd)).toEqual([
      '3',
      '1.7',
      '1.58',
      '1.643',
      '1.74245',
    ]);
    expect(view.retryCaps?.optimalCap).toBe(2);
    expect(view.retryCaps?.observedMaxAttempts).toBe(4);
    // 1.74245 − 1.58
    expect(view.retryCaps?.savingPerUnitUsd).toBe('0.16245');
    // Attempt 2: reach 0.3, cost 0.24, saves 0.3·0.4·3 = 0.36, net 0.12.
    // Attempt 3: reach 0.18, cost 0.144, saves 0.18·0.15·3 = 0.081, net −0.063.
    expect(view.attemptCurve.slice(1, 3).map((p) => [p.expectedCostUsd, p.netValueUsd])).toEqual([
      ['0.24', '0.12'],
      ['0.144', '-0.063'],
    ]);
    expect(view.evidence).toContain(
      'No step of this workflow ran on more than one model, so models cannot be compared.',
    );
  });

  it('prefers the BPO when it is cheaper, and says when no fallback is priced', () => {
    const bpo = buildMarginalView(issueHistory(), {
      ...CLAIMS_BASELINE,
      bpoPricePerUnitFemto: usdToFemto('2.5'),
    });
    expect(bpo.fallback?.kind).toBe('bpo');
    expect(bpo.fallback?.statement).toBe(
      'Units the AI does not resolve go to the BPO at $2.5 each, cheaper than in-house labour at $3.',
    );
    const none = buildMarginalView(issueHistory(), null);
    expect(none.retryCaps).toBeNull();
    expect(none.evidence[0]).toMatch(/^No fallback cost/);
  });

  it('calls out attempt numbers fewer than 30 units reached', () => {
    const history = issueHistory();
    history.attempts = [
      { attempt: 1, reached: 40, succeeded: 20, costFemto: usdToFemto('40'), humanMinutes: 0 },
      { attempt: 2, reached: 20, succeeded: 5, costFemto: usdToFemto('20'), humanMinutes: 0 },
    ];
    const view = buildMarginalView(history, CLAIMS_BASELINE);
    expect(view.evidence[0]).toBe(
      'Too little evidence for attempt 2: fewer than 30 units reached it, so its rate is indicative only.',
    );
  });
});
