/**
 * The waste part of the store contract: what `readWasteFacts` settles before any pricing — each
 * attempt's verdict from the unit's latest outcome, traces sharing an attempt id as one attempt, a
 * link on any span, loop sums (a repeated tool call's requester, a repeated prompt), the per-unit
 * split and the attempt success rate per (workflow, step, model). Hand-worked dataset.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS, type Outcome, type PricedStep } from '../domain/index.js';
import { contractOutcome, llmStep, pricedCost, toolStep, uniqueId } from './contract-steps.js';
import type { Store } from './store.js';
import type { StepModelRate, WastePricing } from './waste-facts.js';

/**
 * A price book's part for store tests: no over-powered routes; every model at $1 per million input
 * tokens and $0.10 per million cache reads, no tiers — so bloat and cache misses get priced in SQL.
 */
export const FLAT_WASTE_PRICING: WastePricing = {
  decideRoutes: () => [],
  inputRates: () => ({
    input: 1_000_000_000_000_000n,
    cacheRead: 100_000_000_000_000n,
    lowestTier: null,
  }),
  // With no routes no call is ever re-priced on a cheaper model.
  callRates: () => null,
};

const T0 = 1_764_000_000_000_000_000n;
const SECOND = 1_000_000_000n;
const link = (unit: string, attempt?: string) => ({
  [LINK_KEYS.workUnitId]: unit,
  [LINK_KEYS.workflow]: 'claims',
  ...(attempt === undefined ? {} : { [LINK_KEYS.attempt]: attempt }),
});
const call = (
  traceId: string,
  at: number,
  step: string,
  cost: string,
  extra: Partial<PricedStep> = {},
): PricedStep =>
  llmStep({
    traceId,
    startTimeUnixNano: T0 + BigInt(at) * SECOND,
    stepName: step,
    cost: pricedCost(cost),
    ...extra,
  });
const tool = (traceId: string, at: number, fingerprint: string): PricedStep =>
  toolStep({ traceId, startTimeUnixNano: T0 + BigInt(at) * SECOND, fingerprint });
const outcome = (workUnitId: string, at: number, fields: Partial<Outcome>): Outcome =>
  contractOutcome(workUnitId, { occurredAtUnixNano: T0 + BigInt(at) * SECOND, ...fields });

/**
 * U-1: attempt a1 is two traces (extract $0.10 + $0.20); attempt a2 later: plan (prompt p) $0.02,
 *   tool x, respond $0.01, tool x again (a repeat: respond requested it, $0.01), plan (prompt p
 *   again, a repeat itself, $0.02) → a2 $0.05 of which loops $0.03. Outcome failed, then resolved
 *   by AI later: a1 failed $0.30, a2 successful.
 * U-2: extract $0.04, linked on its second span only; abandoned.
 * U-3: extract $0.07, no outcome (pending).
 * Workflow total $0.46 over 3 units and 4 attempts.
 */
async function seed(store: Store): Promise<void> {
  const [t1a, t1b, t1c, t2, t3] = Array.from({ length: 5 }, () => uniqueId(32));
  if (!t1a || !t1b || !t1c || !t2 || !t3) throw new Error('ids');
  await store.insertSteps([
    call(t1a, 1, 'extract', '0.10', { attributes: link('U-1', 'a1') }),
    call(t1b, 2, 'extract', '0.20', { attributes: link('U-1', 'a1') }),
    call(t1c, 10, 'plan', '0.02', { attributes: link('U-1', 'a2'), fingerprint: 'p' }),
    tool(t1c, 11, 'x'),
    call(t1c, 12, 'respond', '0.01'),
    tool(t1c, 13, 'x'),
    call(t1c, 14, 'plan', '0.02', { fingerprint: 'p' }),
    call(t2, 20, 'extract', '0'),
    call(t2, 21, 'extract', '0.04', { attributes: link('U-2') }),
    call(t3, 30, 'extract', '0.07', { attributes: link('U-3') }),
  ]);
  await store.insertOutcomes([
    outcome('U-1', 100, { status: 'failed', resolvedBy: null }),
    outcome('U-1', 200, {}),
    outcome('U-2', 100, { status: 'abandoned', resolvedBy: null }),
  ]);
}

export function runStoreWasteContract(name: string, open: () => Promise<Store>): void {
  describe(`Store waste contract: ${name}`, () => {
    const withStore = async (body: (store: Store) => Promise<void>) => {
      const store = await open();
      await store.migrate();
      try {
        await seed(store);
        await body(store);
      } finally {
        await store.close();
      }
    };

    it('settles verdicts, loops and success rates per workflow', () =>
      withStore(async (store) => {
        let rates: StepModelRate[] = [];
        const facts = await store.readWasteFacts(
          {},
          {
            ...FLAT_WASTE_PRICING,
            decideRoutes: (r) => {
              rates = r;
              return [];
            },
          },
        );
        expect(facts.workflows).toHaveLength(1);
        const w = facts.workflows[0];
        if (!w) return;
        const usd = femtoToUsdString;
        expect(w.workUnitId).toBeNull();
        expect([w.units, w.attempts, w.failedAttempts, w.successfulAttempts]).toEqual([3, 4, 1, 1]);
        expect(usd(w.totalFemto)).toBe('0.46');
        expect(usd(w.failedFemto)).toBe('0.3');
        expect([usd(w.abandonedFemto), w.abandonedUnits]).toEqual(['0.04', 1]);
        expect([usd(w.pendingFemto), w.pendingUnits]).toEqual(['0.07', 1]);
        expect(usd(w.loopFemto)).toBe('0.03');
        expect([w.loopRepeats, w.loopPromptRepeats, w.loopCalls]).toEqual([1, 1, 2]);
        const rate = (step: string) => {
          const r = rates.find((x) => x.step === step);
          return r && [r.attempts, r.successfulAttempts, r.calls];
        };
        // extract: a1 (failed, 2 calls), U-2 (abandoned, 2 calls), U-3 (pending, not judged).
        expect(rate('extract')).toEqual([2, 0, 5]);
        expect(rate('plan')).toEqual([1, 1, 2]);
        expect(rate('respond')).toEqual([1, 1, 1]);
      }));

    it('splits the sums per unit, and narrows to one unit', () =>
      withStore(async (store) => {
        const byUnit = await store.readWasteFacts({ byUnit: true }, FLAT_WASTE_PRICING);
        const split = Object.fromEntries(
          byUnit.workflows.map((w) => [
            w.workUnitId,
            [w.totalFemto, w.failedFemto, w.loopFemto, w.abandonedFemto, w.pendingFemto].map((f) =>
              femtoToUsdString(f),
            ),
          ]),
        );
        expect(split).toEqual({
          'U-1': ['0.35', '0.3', '0.03', '0', '0'],
          'U-2': ['0.04', '0', '0', '0.04', '0'],
          'U-3': ['0.07', '0', '0', '0', '0.07'],
        });
        const one = await store.readWasteFacts({ workUnitId: 'U-2' }, FLAT_WASTE_PRICING);
        expect(one.workflows.map((w) => femtoToUsdString(w.totalFemto))).toEqual(['0.04']);
      }));
  });
}
