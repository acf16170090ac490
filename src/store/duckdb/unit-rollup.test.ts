/**
 * The per-unit roll-up stays exactly what a rebuild from scratch gives, through a seeded random
 * stream of writes that exercises every way a unit's row changes: spans of a trace over several
 * writes, a trace linked late, a trace moved to another unit by an earlier linking span, marked
 * attempts, usage decisions changed by a late child, outcomes superseded (or not) out of order,
 * outcome-only units, and compactions of the trace roll-up. The waste roll-up, kept by the same
 * refresh, is checked alike.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_KEYS, type PricedStep } from '../../domain/index.js';
import { contractOutcome, llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import { FLAT_WASTE_PRICING } from '../store-waste.contract.js';
import { DuckDbStore } from './duckdb-store.js';

const T0 = 1_764_000_000_000_000_000n;
const SECOND = 1_000_000_000n;

/** mulberry32: a small seeded generator, so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let store: DuckDbStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function openMemoryStore(compactAfter: number): Promise<DuckDbStore> {
  const opened = await DuckDbStore.open({ path: ':memory:', compactTracePartsAfter: compactAfter });
  await opened.migrate();
  return opened;
}

describe('unit roll-up', () => {
  it('stays equal to a rebuild through 60 rounds of mixed writes', async () => {
    const next = random(20261129);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
    const s = await openMemoryStore(25);
    store = s;
    const traces = Array.from({ length: 30 }, () => uniqueId(32));
    const units = Array.from({ length: 12 }, (_, i) => `U-${i}`);
    const workflows = ['claims', 'support'];
    // Random ids, so that of two attempts starting at the same instant either may sort first.
    const randomTraceId = () =>
      Array.from({ length: 4 }, () =>
        Math.floor(next() * 0xffffffff)
          .toString(16)
          .padStart(8, '0'),
      ).join('');
    let clock = T0;
    const tick = () => {
      clock += SECOND;
      return clock;
    };
    const kinds: Record<string, number> = { current: 0, incremental: 0, rebuild: 0 };
    const paths = { merged: 0, rescanned: 0, outcomes: 0 };
    for (let round = 0; round < 60; round++) {
      const steps: PricedStep[] = [];
      for (let i = 0; i < 1 + Math.floor(next() * 8); i++) {
        // A new trace (a new attempt of a unit, merged by arithmetic) or one of a pool of traces
        // that keep receiving spans (recomputed from their traces).
        const fresh = next() < 0.4;
        const traceId = fresh ? randomTraceId() : pick(traces);
        const roll = fresh ? 0 : next();
        const link =
          roll < 0.35
            ? {
                [LINK_KEYS.workUnitId]: pick(units),
                [LINK_KEYS.workflow]: pick(workflows),
                ...(next() < 0.3
                  ? { [LINK_KEYS.attempt]: String(1 + Math.floor(next() * 2)) }
                  : {}),
                segment: pick(['a', 'b']),
              }
            : {};
        // Now and then a span that started before everything sent so far, so its link (if any)
        // becomes its trace's earliest and can move the trace to another unit.
        // Fresh traces sometimes start at one of three fixed instants, so a unit's attempts tie.
        const at =
          fresh && next() < 0.3
            ? T0 - BigInt(1 + Math.floor(next() * 3)) * SECOND
            : next() < 0.15
              ? T0 - BigInt(round + 1) * SECOND
              : tick();
        if (next() < 0.1) {
          steps.push(
            llmStep({
              traceId,
              kind: 'agent',
              usageIsRollup: true,
              startTimeUnixNano: at,
              cost: pricedCost('0.50'),
              attributes: link,
            }),
          );
        } else {
          const cents = 1 + Math.floor(next() * 40);
          steps.push(
            llmStep({
              traceId,
              startTimeUnixNano: at,
              cost: pricedCost(`0.${String(cents).padStart(2, '0')}`),
              attributes: link,
            }),
          );
        }
      }
      await s.insertSteps(steps);
      if (next() < 0.5) {
        await s.insertOutcomes(
          Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
            contractOutcome(pick(units), {
              workflow: pick(workflows),
              status: pick(['resolved', 'failed', 'escalated'] as const),
              humanMinutes: Math.floor(next() * 10),
              occurredAtUnixNano: next() < 0.3 ? T0 - SECOND : tick(),
            }),
          ),
        );
      }
      // Several writes (and compactions) may come between two refreshes.
      if (next() < 0.5 && round < 59) continue;
      const refresh = await s.refreshUnitRollup();
      kinds[refresh?.kind ?? 'current'] = (kinds[refresh?.kind ?? 'current'] ?? 0) + 1;
      if (refresh?.kind === 'incremental') {
        paths.merged += refresh.merged;
        paths.rescanned += refresh.rescanned;
        paths.outcomes += refresh.outcomes;
      }
      const check = await s.checkRollup('unit');
      expect(check.drifted, `round ${round}: ${JSON.stringify(check)}`).toBe(0);
      // The waste roll-up stays exact too, and the waste and spend-flow reads from it equal those
      // from the steps. It is refreshed (by a waste read) only now and then, so the units the unit
      // roll-up's refreshes noted for it pile up over several rounds.
      if (round % 3 !== 1 && round !== 59) continue;
      await s.refreshWasteRollup();
      expect((await s.checkRollup('waste')).drifted, `round ${round}`).toBe(0);
      const fromRollup = [
        await s.readWasteFacts({}, FLAT_WASTE_PRICING),
        await s.readSpendFlow({}),
      ];
      s.readsRollups = false;
      const fromSteps = [await s.readWasteFacts({}, FLAT_WASTE_PRICING), await s.readSpendFlow({})];
      s.readsRollups = true;
      expect(fromRollup, `round ${round}`).toEqual(fromSteps);
      // So do the attribute and allocation roll-ups, and the reads from them: a flow filtered on
      // an attribute, segments, the attempt histories.
      const others = async () => [
        await s.readSpendFlow({ attribute: { key: 'segment', value: 'a' } }),
        await s.aggregateUnits({ groupBy: { kind: 'attributes', keys: ['segment'] } }),
        await s.attemptHistories({}),
      ];
      const kept = await others();
      expect((await s.checkRollup('attributes')).drifted, `round ${round}`).toBe(0);
      expect((await s.checkRollup('allocation')).drifted, `round ${round}`).toBe(0);
      s.readsRollups = false;
      expect(kept, `round ${round}`).toEqual(await others());
      s.readsRollups = true;
    }
    const parts = await s.traceRollupStats();
    expect(parts.parts).toBeGreaterThan(0);
    // The stream took the incremental path most of the time and rebuilt only the first time, compactions included.
    expect(kinds.incremental).toBeGreaterThan(20);
    expect(kinds.rebuild).toBe(1);
    // …and each incremental path was taken many times.
    expect(paths.merged).toBeGreaterThan(20);
    expect(paths.rescanned).toBeGreaterThan(20);
    expect(paths.outcomes).toBeGreaterThan(5);
    expect((await s.checkRollup('unit')).rows).toBeGreaterThan(10);
  });

  it('answers the workflows report from the roll-up after writes since the last report', async () => {
    const s = await openMemoryStore(50_000);
    store = s;
    const link = { [LINK_KEYS.workUnitId]: 'C-1', [LINK_KEYS.workflow]: 'claims' };
    const trace = uniqueId(32);
    await s.insertSteps([llmStep({ traceId: trace, cost: pricedCost('0.10'), attributes: link })]);
    const first = await s.aggregateUnits({ groupBy: { kind: 'workflow' } });
    expect(first.map((g) => [g.group, g.units, g.tokenCostFemto])).toEqual([
      ['claims', 1, 100_000_000_000_000n],
    ]);
    // A second attempt of the same unit and a new unit, then the report again.
    await s.insertSteps([
      llmStep({ cost: pricedCost('0.25'), attributes: link }),
      llmStep({ cost: pricedCost('0.05'), attributes: { ...link, [LINK_KEYS.workUnitId]: 'C-2' } }),
    ]);
    const second = await s.aggregateUnits({ groupBy: { kind: 'workflow' } });
    expect(second.map((g) => [g.group, g.units, g.attempts, g.tokenCostFemto])).toEqual([
      ['claims', 2, 3, 400_000_000_000_000n],
    ]);
    expect((await s.refreshUnitRollup())?.kind).toBe('incremental');
  });
});
