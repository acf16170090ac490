/**
 * The waste roll-up (waste-rollup.ts) through the writes that change a unit's facts after they
 * were derived: a late span of a trace, a changed outcome and a usage decision flipped by a late
 * child. After each, the waste facts and the spend flow read from the roll-up equal those read
 * from the steps, the kept rows equal a derivation from scratch, and the refresh derived only the
 * touched unit again. Figures worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS } from '../../domain/index.js';
import { contractOutcome, llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import { FLAT_WASTE_PRICING } from '../store-waste.contract.js';
import type { DuckDbStore } from './duckdb-store.js';
import { flowView, storesClosedAfterEach } from './test-stores.js';

const T0 = 1_764_000_000_000_000_000n;
const SECOND = 1_000_000_000n;
const link = (unit: string) => ({ [LINK_KEYS.workUnitId]: unit, [LINK_KEYS.workflow]: 'claims' });

const openStore = storesClosedAfterEach();

/** The flow and the waste facts from the roll-up, checked against the steps and a rebuild. */
async function read(s: DuckDbStore) {
  const flow = await s.readSpendFlow({});
  const facts = await s.readWasteFacts({}, FLAT_WASTE_PRICING);
  const byUnit = await s.readWasteFacts({ byUnit: true }, FLAT_WASTE_PRICING);
  const refresh = s.rollupRefresh('waste');
  s.readsRollups = false;
  expect(await s.readSpendFlow({})).toEqual(flow);
  expect(await s.readWasteFacts({}, FLAT_WASTE_PRICING)).toEqual(facts);
  expect(await s.readWasteFacts({ byUnit: true }, FLAT_WASTE_PRICING)).toEqual(byUnit);
  s.readsRollups = true;
  expect((await s.checkRollup('waste')).drifted).toBe(0);
  const totals = facts.workflows.map((w) => [
    femtoToUsdString(w.totalFemto),
    femtoToUsdString(w.abandonedFemto),
    w.successfulAttempts,
  ]);
  return { flow: flowView(flow), totals, refresh };
}

describe('waste roll-up', () => {
  it('follows a late span, a changed outcome and a usage flip exactly', async () => {
    const s = await openStore();
    const [a, b, agent] = [uniqueId(32), uniqueId(32), uniqueId(16)];
    // C-1: trace a, an agent span reporting $0.50 of usage no child carries (counted).
    // C-2: trace b, one call of $0.10. Both resolved by AI.
    await s.insertSteps([
      llmStep({
        traceId: a,
        spanId: agent,
        kind: 'agent',
        usageIsRollup: true,
        startTimeUnixNano: T0 + SECOND,
        cost: pricedCost('0.50'),
        attributes: link('C-1'),
      }),
      llmStep({
        traceId: b,
        startTimeUnixNano: T0 + 5n * SECOND,
        cost: pricedCost('0.10'),
        attributes: link('C-2'),
      }),
    ]);
    await s.insertOutcomes([contractOutcome('C-1'), contractOutcome('C-2')]);
    const first = await read(s);
    expect(first.flow).toEqual(['resolved 0.6 2']);
    expect(first.totals).toEqual([['0.6', '0', 2]]);
    expect(first.refresh?.kind).toBe('rebuild');

    // A late span of trace b: $0.10 + $0.07 = $0.17 in C-2; only C-2 is derived again.
    await s.insertSteps([
      llmStep({ traceId: b, startTimeUnixNano: T0 + 6n * SECOND, cost: pricedCost('0.07') }),
    ]);
    const late = await read(s);
    expect(late.flow).toEqual(['resolved 0.67 3']);
    expect(late.refresh).toMatchObject({ kind: 'incremental', units: 1 });

    // C-2 abandoned after all: its $0.17 moves from resolved to abandoned.
    await s.insertOutcomes([
      contractOutcome('C-2', {
        status: 'abandoned',
        resolvedBy: null,
        occurredAtUnixNano: T0 + 11n * 3_600n * SECOND,
      }),
    ]);
    const changed = await read(s);
    expect(changed.flow).toEqual(['abandoned 0.17 2', 'resolved 0.5 1']);
    expect(changed.totals).toEqual([['0.67', '0.17', 1]]);
    expect(changed.refresh).toMatchObject({ kind: 'incremental', units: 1 });

    // A late child of the agent carries $0.20 of its usage: the agent's $0.50 stops counting
    // (a usage decision flipped after it was written), C-1 now costs $0.20; total 0.20 + 0.17.
    await s.insertSteps([
      llmStep({
        traceId: a,
        parentSpanId: agent,
        startTimeUnixNano: T0 + 2n * SECOND,
        cost: pricedCost('0.20'),
      }),
    ]);
    const flipped = await read(s);
    expect(flipped.flow).toEqual(['abandoned 0.17 2', 'resolved 0.2 1']);
    expect(flipped.totals).toEqual([['0.37', '0.17', 1]]);
    expect(flipped.refresh).toMatchObject({ kind: 'incremental', units: 1 });
  });

  it('notes a unit touched by several unit reports once until a waste read', async () => {
    const s = await openStore();
    const trace = uniqueId(32);
    const step = (second: bigint) =>
      llmStep({
        traceId: trace,
        startTimeUnixNano: T0 + second * SECOND,
        cost: pricedCost('0.01'),
        attributes: link('C-9'),
      });
    await s.insertSteps([step(1n)]);
    await s.readSpendFlow({});
    // Three writes to C-9, each followed by a unit report and no waste read.
    for (const second of [2n, 3n, 4n]) {
      await s.insertSteps([step(second)]);
      await s.refreshUnitRollup();
    }
    const pending = await s.pendingWasteUnits();
    expect(pending).toBe(1);
    expect(flowView(await s.readSpendFlow({}))).toEqual(['awaitingOutcome 0.04 4']);
    expect(s.rollupRefresh('waste')).toMatchObject({ kind: 'incremental', units: 1 });
    expect(await s.pendingWasteUnits()).toBe(0);
  });
});
