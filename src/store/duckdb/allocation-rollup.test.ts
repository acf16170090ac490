/**
 * The allocation roll-up (allocation-rollup-sql.ts) behind the attempt histories: after each write
 * that changes a unit's attempts (a late span of a trace, an outcome for a pending unit), the
 * histories read from the roll-up equal those read from the steps, the kept rows equal a
 * derivation from scratch, and the refresh derived only the touched unit again. Figures worked
 * by hand below.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS } from '../../domain/index.js';
import type { AttemptHistory } from '../attempt-history.js';
import {
  claimsLink,
  contractOutcome,
  llmStep,
  pricedCost,
  UNPRICED,
  uniqueId,
} from '../contract-steps.js';
import type { DuckDbStore } from './duckdb-store.js';
import { storesClosedAfterEach } from './test-stores.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;

const openStore = storesClosedAfterEach();

const call = (traceId: string, step: string, cost: string, input: number, at: bigint) =>
  llmStep({
    traceId,
    stepName: step,
    cost: pricedCost(cost),
    usage: { ...llmStep().usage, inputTokens: input },
    startTimeUnixNano: at,
  });

/** The histories from the roll-up, checked against the steps' read and a rebuild, as text. */
async function histories(s: DuckDbStore) {
  const [claims, ...rest] = await s.attemptHistories({});
  s.readsRollups = false;
  expect(await s.attemptHistories({})).toEqual([claims, ...rest]);
  s.readsRollups = true;
  expect((await s.checkRollup('allocation')).drifted).toBe(0);
  expect(rest).toEqual([]);
  const h = claims as AttemptHistory;
  const usd = femtoToUsdString;
  return {
    units: [h.units, h.aiResolvedUnits],
    attempts: h.attempts.map(
      (a) => `${a.attempt}: ${a.reached} ${a.succeeded} ${usd(a.costFemto)} ${a.humanMinutes}`,
    ),
    steps: h.steps.map(
      (t) =>
        `${t.step} ${t.model} ${t.calls} ${t.attempts} ${t.succeededAttempts} ${usd(t.costFemto)} ${t.pricedCalls} ${t.inputTokens}`,
    ),
    bands: h.contextBands.map((b) => `${b.band} ${b.attempts} ${b.succeeded} ${usd(b.costFemto)}`),
  };
}

describe('allocation roll-up', () => {
  it('follows a late span and a new outcome exactly', async () => {
    const s = await openStore();
    const [a1, a2, a3, b1, c1] = [1, 2, 3, 4, 5].map(() => uniqueId(32)) as [
      string,
      string,
      string,
      string,
      string,
    ];
    const attempt = (n: string) => claimsLink('U-1', { [LINK_KEYS.attempt]: n });
    await s.insertSteps([
      // U-1 attempt 1: extract $0.10 (1,000 in). Attempt 2 over two traces: extract $0.20
      // (5,000 in), review on gpt-4o-mini $0.05 (300 in) and a 4-minute human step.
      { ...call(a1, 'extract', '0.10', 1000, T0), attributes: attempt('1') },
      { ...call(a2, 'extract', '0.20', 5000, T0 + HOUR), attributes: attempt('2') },
      {
        ...call(a3, 'review', '0.05', 300, T0 + HOUR + 1n),
        model: 'gpt-4o-mini',
        attributes: attempt('2'),
      },
      llmStep({
        traceId: a3,
        kind: 'human',
        startTimeUnixNano: T0 + HOUR + 2n,
        usage: { ...llmStep().usage, inputTokens: null, outputTokens: null },
        cost: { ...pricedCost('0'), pricingStatus: 'no_usage' },
        attributes: { 'tokenledger.human.minutes': '4' },
      }),
      // U-2: extract $0.30 (20,000 in) and an unpriced extract on model "mystery" (100 in).
      { ...call(b1, 'extract', '0.30', 20_000, T0 + 2n * HOUR), attributes: claimsLink('U-2') },
      { ...call(b1, 'extract', '0', 100, T0 + 2n * HOUR + 1n), model: 'mystery', cost: UNPRICED },
      // U-3: extract $0.01 (10 in), pending.
      { ...call(c1, 'extract', '0.01', 10, T0 + 3n * HOUR), attributes: claimsLink('U-3') },
    ]);
    await s.insertOutcomes([
      contractOutcome('U-1', { humanMinutes: 2 }),
      contractOutcome('U-2', { status: 'failed', resolvedBy: null }),
    ]);
    // U-1 fails attempt 1 and succeeds at 2 (minutes 4 + the outcome's 2); U-2 fails its one.
    expect(await histories(s)).toEqual({
      units: [2, 1],
      attempts: ['1: 2 0 0.4 0', '2: 1 1 0.25 6'],
      steps: [
        'extract gpt-4o 3 3 1 0.6 3 26000',
        'extract mystery 1 1 0 0 0 100',
        'review gpt-4o-mini 1 1 1 0.05 1 300',
      ],
      bands: ['<4k 1 0 0.1', '4k-16k 1 1 0.25', '16k-64k 1 0 0.3'],
    });
    expect(s.rollupRefresh('allocation')).toMatchObject({ kind: 'rebuild', units: 3 });

    // A late extract of U-2's trace ($0.07, 70,000 in): its attempt moves to the widest band.
    await s.insertSteps([call(b1, 'extract', '0.07', 70_000, T0 + 2n * HOUR + 2n)]);
    expect(await histories(s)).toMatchObject({
      attempts: ['1: 2 0 0.47 0', '2: 1 1 0.25 6'],
      bands: ['<4k 1 0 0.1', '4k-16k 1 1 0.25', '>=64k 1 0 0.37'],
    });
    expect(s.rollupRefresh('allocation')).toMatchObject({ kind: 'incremental', units: 1 });

    // U-3's outcome: resolved by AI at its first attempt.
    await s.insertOutcomes([contractOutcome('U-3')]);
    expect(await histories(s)).toMatchObject({
      units: [3, 2],
      attempts: ['1: 3 1 0.48 0', '2: 1 1 0.25 6'],
      steps: [
        'extract gpt-4o 5 4 2 0.68 5 96010',
        'extract mystery 1 1 0 0 0 100',
        'review gpt-4o-mini 1 1 1 0.05 1 300',
      ],
    });
    expect(s.rollupRefresh('allocation')).toMatchObject({ kind: 'incremental', units: 1 });
  });
});
