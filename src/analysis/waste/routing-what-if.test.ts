/** The routing counterfactual over the hand-worked store of test/support/waste-scenario.ts. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { book, plantEveryClass } from '../../../test/support/waste-scenario.js';
import { openStore, type Store } from '../../store/index.js';
import { routingWhatIf } from './routing-what-if.js';

let store: Store;

beforeEach(async () => {
  store = await openStore({ kind: 'duckdb', path: ':memory:' });
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

describe('routing counterfactual', () => {
  it('prices the step on the named model at the same tokens, with evidence and cost per outcome', async () => {
    await plantEveryClass(store);
    const r = await routingWhatIf(store, book, {
      workflow: 'w',
      step: 'classify',
      model: 'claude-haiku-4-5',
    });
    // Today: opus $0.01575 (B) + haiku $0.00105 (C); on haiku: 2 × $0.00105.
    expect(r?.calls).toBe(2);
    expect(r?.inputTokens).toBe(2000);
    expect(r?.costTodayUsd).toBe('0.0168');
    expect(r?.costOnModelUsd).toBe('0.0021');
    expect(r?.evidence).toMatchObject({ attempts: 1, successfulAttempts: 1, successRate: 1 });
    // Judged attempts A1 A2 B C D E F = 7 costing $0.03216 (G awaits its outcome), 4 successful.
    // Today per outcome 0.03216 ÷ 4 = 0.00804; on haiku (0.03216 − 0.0168 + 0.0021) ÷ 7 =
    // 0.00249428571428571 (half-even femto) per attempt ÷ success rate 1.
    expect(r?.tokenCostPerAttempt.onModelUsd).toBe('0.002494285714286');
    expect(r?.tokenCostPerResolvedOutcome.todayUsd).toBeCloseTo(0.00804, 12);
    expect(r?.tokenCostPerResolvedOutcome.onModelUsd).toBeCloseTo(0.002494285714286, 12);
    const assumed = await routingWhatIf(store, book, {
      workflow: 'w',
      step: 'classify',
      model: 'claude-haiku-4-5',
      successRate: 0.5,
    });
    expect(assumed?.successRateSource).toBe('assumed');
    expect(assumed?.tokenCostPerResolvedOutcome.onModelUsd).toBeCloseTo(0.004988571428572, 12);
  });

  it('says plainly when the data holds no evidence for the model, and rejects unknown models', async () => {
    await plantEveryClass(store);
    const r = await routingWhatIf(store, book, {
      workflow: 'w',
      step: 'classify',
      model: 'gpt-4.1-nano',
    });
    expect(r?.evidence.successRate).toBeNull();
    expect(r?.evidence.statement).toContain('no success evidence');
    expect(r?.successRateSource).toBe('none');
    expect(r?.tokenCostPerResolvedOutcome.onModelUsd).toBeNull();
    await expect(
      routingWhatIf(store, book, { workflow: 'w', step: 'classify', model: 'claude-haiku-45' }),
    ).rejects.toThrow(/claude-haiku-4-5/);
  });
});
