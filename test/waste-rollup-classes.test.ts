/**
 * The waste roll-up with every waste class planted (test/support/waste-scenario.ts, worked in
 * src/analysis/waste/waste.test.ts), arriving in three writes: the loop and the cache miss come
 * as late spans of traces already derived, and the unit awaiting its outcome gets one. After each
 * write the analysis read from the roll-up equals the analysis read from the steps, the kept rows
 * equal a derivation from scratch, and the classes reach the hand-worked dollars.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { waste } from '../src/analysis/index.js';
import { femtoToUsdString } from '../src/domain/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import {
  book,
  everyClassOutcomes,
  everyClassSteps,
  outcome,
  save,
} from './support/waste-scenario.js';

let store: DuckDbStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function analyzeBothWays(s: DuckDbStore): Promise<waste.WorkflowWaste> {
  const fromRollup = await waste.analyzeWaste(s, book);
  s.readsRollups = false;
  const fromSteps = await waste.analyzeWaste(s, book);
  s.readsRollups = true;
  expect(fromRollup).toEqual(fromSteps);
  expect((await s.checkRollup('waste')).drifted).toBe(0);
  const [w] = fromRollup;
  if (!w) throw new Error('no workflow');
  return w;
}

const usd = (w: waste.WorkflowWaste, k: keyof waste.WorkflowWaste['classes']) =>
  femtoToUsdString(w.classes[k]);

describe('waste roll-up with every class', () => {
  it('derives the classes of late spans and a new outcome as a rebuild does', async () => {
    const s = await DuckDbStore.open({ path: ':memory:' });
    await s.migrate();
    store = s;
    const steps = everyClassSteps();
    // Held back: A's second call and repeated tool call (the loop), D's second draft (the miss).
    const late = new Set([3, 4, 12]);
    await save(
      s,
      steps.filter((_, i) => !late.has(i)),
      everyClassOutcomes(),
    );
    const early = await analyzeBothWays(s);
    expect([usd(early, 'loops'), usd(early, 'cacheMisses')]).toEqual(['0', '0']);
    expect(usd(early, 'overPoweredRouting')).toBe('0.0147');
    expect(usd(early, 'contextBloat')).toBe('0.0012');

    await save(
      s,
      steps.filter((_, i) => late.has(i)),
      [],
    );
    const full = await analyzeBothWays(s);
    // As waste.test.ts: loops $0.00056, cache misses $0.0027, total $0.03272.
    expect([usd(full, 'loops'), usd(full, 'cacheMisses')]).toEqual(['0.00056', '0.0027']);
    expect(femtoToUsdString(full.totalFemto)).toBe('0.03272');
    expect(femtoToUsdString(full.awaitingOutcomeFemto)).toBe('0.00056');

    // G resolved by AI: its $0.00056 leaves "awaiting" and becomes productive; its plan call
    // joins plan's reference calls.
    await save(s, [], [outcome('G', 'resolved', 'ai')]);
    const judged = await analyzeBothWays(s);
    expect(femtoToUsdString(judged.awaitingOutcomeFemto)).toBe('0');
    expect(femtoToUsdString(judged.productiveFemto)).toBe('0.01188');
  });
});
