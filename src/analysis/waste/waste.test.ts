/**
 * Waste over a real in-memory DuckDB store and the real price book, with hand-built units whose
 * dollars per class are worked out in test/support/waste-scenario.ts and below.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  book,
  call,
  outcome,
  plantEveryClass,
  save,
  type Trace,
  tool,
} from '../../../test/support/waste-scenario.js';
import type { Outcome, Step } from '../../domain/index.js';
import { femtoToUsdString } from '../../domain/index.js';
import { openStore, type Store } from '../../store/index.js';
import { WASTE_CLASSES } from './definitions.js';
import { unitsWithWaste, unitWasteSplits } from './unit-waste.js';
import { analyzeWaste, toWasteView, unitWaste } from './waste-report.js';

let store: Store;

beforeEach(async () => {
  store = await openStore({ kind: 'duckdb', path: ':memory:' });
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

describe('waste in dollars', () => {
  it('puts each planted dollar in its class and the parts add up to the total exactly', async () => {
    await plantEveryClass(store);
    const [w] = await analyzeWaste(store, book);
    expect(w?.workflow).toBe('w');
    if (!w) return;
    const usd = (f: bigint) => femtoToUsdString(f);
    // Total 0.00056×4 + 0.00112 + 0.01767 + 0.00417 + 0.00752 = $0.03272.
    expect(usd(w.totalFemto)).toBe('0.03272');
    expect(usd(w.classes.failedAttempts)).toBe('0.00112');
    expect(usd(w.classes.loops)).toBe('0.00056');
    expect(usd(w.classes.overPoweredRouting)).toBe('0.0147');
    expect(usd(w.classes.contextBloat)).toBe('0.0012');
    expect(usd(w.classes.cacheMisses)).toBe('0.0027');
    expect(usd(w.classes.abandoned)).toBe('0.00056');
    expect(usd(w.awaitingOutcomeFemto)).toBe('0.00056');
    // Productive: A 0.00056 + B 0.00297 + C 0.00297 + D 0.00482 = $0.01132.
    expect(usd(w.productiveFemto)).toBe('0.01132');
    const parts = WASTE_CLASSES.reduce(
      (s, k) => s + w.classes[k],
      w.productiveFemto + w.awaitingOutcomeFemto,
    );
    expect(parts).toBe(w.totalFemto);
    expect(w.evidence.routes).toMatchObject([
      {
        step: 'classify',
        model: 'claude-opus-4-1',
        cheaperModel: 'claude-haiku-4-5',
        attempts: 1,
        cheaperSuccessfulAttempts: 1,
      },
    ]);
    expect(w.evidence.references).toContainEqual({
      step: 'respond',
      model: 'gpt-4.1-mini',
      referenceInputTokens: 2000,
      calls: 4,
    });
    expect(w.evidence.historyResentCalls).toBe(1);
    expect(w.evidence.counts.loops).toBe(1);
    expect(w.evidence.examples.loops[0]?.workUnitId).toBe('A');
    expect(w.evidence.examples.abandoned[0]?.workUnitId).toBe('E');
    // Largest first: A's failed first attempt and F's both cost $0.00056; ties go by unit id.
    expect(w.evidence.examples.failedAttempts.map((e) => e.workUnitId)).toEqual(['A', 'F']);
    expect(w.evidence.examples.contextBloat[0]?.detail).toBe(
      'input 5000 tokens vs reference 2000 (median of successful runs)',
    );
    const view = toWasteView(w);
    expect(view.total.usd).toBe('0.03272');
    expect(view.sentence).toContain('over-powered routing $0.0147');

    const cUnit = await unitWaste(store, book, 'w', 'C');
    expect(cUnit && usd(cUnit.contextBloat)).toBe('0.0012');
    expect(cUnit && usd(cUnit.overPoweredRouting)).toBe('0');
  });

  it('splits the same dollars per unit, and lists the units carrying a class', async () => {
    await plantEveryClass(store);
    const [w] = await analyzeWaste(store, book);
    const splits = await unitWasteSplits(store, book, { workflow: 'w' });
    // G awaits its outcome: not judged, so not in the split.
    expect([...splits.keys()].sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const nonZero = (unit: string) =>
      Object.fromEntries(
        Object.entries(splits.get(unit) ?? {})
          .filter(([, f]) => f > 0n)
          .map(([c, f]) => [c, femtoToUsdString(f)]),
      );
    expect(nonZero('A')).toEqual({ failedAttempts: '0.00056', loops: '0.00056' });
    expect(nonZero('B')).toEqual({ overPoweredRouting: '0.0147' });
    expect(nonZero('C')).toEqual({ contextBloat: '0.0012' });
    expect(nonZero('D')).toEqual({ cacheMisses: '0.0027' });
    expect(nonZero('E')).toEqual({ abandoned: '0.00056' });
    expect(nonZero('F')).toEqual({ failedAttempts: '0.00056' });
    for (const c of WASTE_CLASSES) {
      const sum = [...splits.values()].reduce((s, split) => s + split[c], 0n);
      expect(sum, c).toBe(w?.classes[c]);
    }
    expect(unitsWithWaste(splits, 'failedAttempts').sort()).toEqual(['A', 'F']);
    expect(unitsWithWaste(splits, 'cacheMisses')).toEqual(['D']);
  });

  it('reports no waste on clean trajectories', async () => {
    const steps: Step[] = [];
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 5; i++) {
      const t: Trace = [`clean${i}`, `K${i}`, 'clean'];
      steps.push(
        call(t, 'plan', 'gpt-4.1-mini', 1000 + i * 10),
        tool(t, `fp${i}`),
        call(t, 'respond', 'gpt-4.1-mini', 2000 + i),
      );
      outcomes.push(outcome(`K${i}`, 'resolved', 'ai', 'clean'));
    }
    await save(store, steps, outcomes);
    const [w] = await analyzeWaste(store, book, { workflow: 'clean' });
    if (!w) throw new Error('no clean workflow');
    for (const c of WASTE_CLASSES) expect(w.classes[c]).toBe(0n);
    expect(w.productiveFemto).toBe(w.totalFemto);
    expect(w.totalFemto).toBeGreaterThan(0n);
    expect(toWasteView(w).sentence).toContain('No waste found');
  });
});
