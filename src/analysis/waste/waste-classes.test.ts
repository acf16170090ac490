/**
 * Each waste class planted alone in its own workflow, over a real in-memory DuckDB store and the
 * real price book: the planted class gets its hand-worked dollars and every other detector reports
 * 0, so no class leaks into another. Catalog prices per million tokens (2026-01-15): gpt-4.1-mini
 * in $0.40 / out $1.60 / cache read $0.10; claude-opus-4-1 $15 / $75; claude-haiku-4-5 $1 / $5;
 * gemini-2.5-pro in $1.25, $2.50 above 200,000 input tokens; claude-sonnet-4-5 $3 / $15.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  book,
  call,
  outcome,
  save,
  type Trace,
  tool,
} from '../../../test/support/waste-scenario.js';
import { femtoToUsdString, usdToFemto } from '../../domain/index.js';
import { openStore, type Store } from '../../store/index.js';
import { WASTE_CLASSES, type WasteClass } from './definitions.js';
import type { WorkflowWaste } from './price-waste.js';
import { analyzeWaste } from './waste-report.js';

let store: Store;
let byWorkflow: Map<string, WorkflowWaste>;

const plan = (t: Trace) => call(t, 'plan', 'gpt-4.1-mini', 1000); // 1000/100: $0.00056
const resolved = (unit: string, workflow: string) => outcome(unit, 'resolved', 'ai', workflow);

/**
 * The shape trigger: `n` units of `workflow`, each one sonnet classify call of 1000 in / `out(i)`
 * out, and one unit also running haiku on another step (the cheaper model the workflow runs).
 */
function classifyOnSonnet(workflow: string, n: number, out: (i: number) => number) {
  const steps = Array.from({ length: n }, (_, i) =>
    call(
      [`${workflow}${i}`, `${workflow}-${i}`, workflow],
      'classify',
      'claude-sonnet-4-5',
      1000,
      out(i),
    ),
  );
  steps.push(
    call([`${workflow}0`, `${workflow}-0`, workflow], 'respond', 'claude-haiku-4-5', 2000),
  );
  const outcomes = Array.from({ length: n }, (_, i) => resolved(`${workflow}-${i}`, workflow));
  return { steps, outcomes };
}
const shape = classifyOnSonnet('shape', 20, (i) => (i < 2 ? 40 : 8));
const fewCalls = classifyOnSonnet('shape-few', 19, () => 8);
const longAnswers = classifyOnSonnet('shape-long', 20, (i) => (i < 3 ? 40 : 8));

beforeAll(async () => {
  store = await openStore({ kind: 'duckdb', path: ':memory:' });
  await store.migrate();
  await save(
    store,
    [
      // failedAttempts: the unit's first attempt ($0.00056); the second succeeded.
      plan(['f1', 'F', 'failed']),
      plan(['f2', 'F', 'failed']),
      // abandoned: the whole unit ($0.00056).
      plan(['ab', 'AB', 'abandoned']),
      // loops by tool: the second plan requested the repeated tool call ($0.00056).
      plan(['lt', 'LT', 'tool-loop']),
      tool(['lt', 'LT', 'tool-loop'], 'same'),
      plan(['lt', 'LT', 'tool-loop']),
      tool(['lt', 'LT', 'tool-loop'], 'same'),
      // loops by prompt: the third call sends the first call's prompt again ($0.00056); the
      // respond call between them has its own prompt.
      { ...plan(['lp', 'LP', 'prompt-loop']), fingerprint: 'prompt-a' },
      { ...call(['lp', 'LP', 'prompt-loop'], 'respond', 'gpt-4.1-mini', 2000), fingerprint: 'b' },
      { ...plan(['lp', 'LP', 'prompt-loop']), fingerprint: 'prompt-a' },
      // overPoweredRouting: opus 1000/10 = $0.01575 where haiku (1 of 1 attempts successful, as
      // opus) costs $0.00105: $0.0147.
      call(['r1', 'R1', 'routing'], 'classify', 'claude-opus-4-1', 1000, 10),
      call(['r2', 'R2', 'routing'], 'classify', 'claude-haiku-4-5', 1000, 10),
      // contextBloat: respond inputs 2000, 2000, 2000, 5000 in four units; reference = the 2nd
      // smallest = 2000; 5000 > 4000: (5000 − 2000) × $0.40/M = $0.0012.
      call(['b1', 'B1', 'bloat'], 'respond', 'gpt-4.1-mini', 2000),
      call(['b2', 'B2', 'bloat'], 'respond', 'gpt-4.1-mini', 2000),
      call(['b3', 'B3', 'bloat'], 'respond', 'gpt-4.1-mini', 2000),
      call(['b4', 'B4', 'bloat'], 'respond', 'gpt-4.1-mini', 5000),
      // contextBloat across a price tier, history re-sent: gemini-2.5-pro summarise 1000, 1000,
      // then 250,000 in the same attempt (grew over the previous call). Reference 1000; waste at
      // the base rate (the tier premium is not counted twice): 249,000 × $1.25/M = $0.31125.
      { ...call(['t1', 'T1', 'tier'], 'summarise', 'gemini-2.5-pro', 1000), provider: 'google' },
      { ...call(['t2', 'T2', 'tier'], 'summarise', 'gemini-2.5-pro', 1000), provider: 'google' },
      { ...call(['t2', 'T2', 'tier'], 'summarise', 'gemini-2.5-pro', 250_000), provider: 'google' },
      // cacheMisses: draft 9000 twice in one attempt, the second without a cache read:
      // 9000 × ($0.40 − $0.10)/M = $0.0027.
      call(['c', 'C', 'cache'], 'draft', 'gpt-4.1-mini', 9000),
      call(['c', 'C', 'cache'], 'draft', 'gpt-4.1-mini', 9000),
      ...shape.steps,
      ...fewCalls.steps,
      ...longAnswers.steps,
    ],
    [
      resolved('F', 'failed'),
      outcome('AB', 'abandoned', null, 'abandoned'),
      resolved('LT', 'tool-loop'),
      resolved('LP', 'prompt-loop'),
      resolved('R1', 'routing'),
      resolved('R2', 'routing'),
      ...['B1', 'B2', 'B3', 'B4'].map((u) => resolved(u, 'bloat')),
      resolved('T1', 'tier'),
      resolved('T2', 'tier'),
      resolved('C', 'cache'),
      ...shape.outcomes,
      ...fewCalls.outcomes,
      ...longAnswers.outcomes,
    ],
  );
  byWorkflow = new Map((await analyzeWaste(store, book)).map((w) => [w.workflow, w]));
});
afterAll(async () => {
  await store.close();
});

const cases: [workflow: string, wasteClass: WasteClass, usd: string][] = [
  ['failed', 'failedAttempts', '0.00056'],
  ['abandoned', 'abandoned', '0.00056'],
  ['tool-loop', 'loops', '0.00056'],
  ['prompt-loop', 'loops', '0.00056'],
  ['routing', 'overPoweredRouting', '0.0147'],
  ['bloat', 'contextBloat', '0.0012'],
  ['tier', 'contextBloat', '0.31125'],
  ['cache', 'cacheMisses', '0.0027'],
  // Shape: 18 of 20 sonnet classify calls answer in 8 tokens (90%), no cheaper model runs the
  // step, haiku runs the workflow's respond step. 1000/8 on sonnet = $0.003 + $0.00012 = $0.00312,
  // on haiku $0.001 + $0.00004 = $0.00104: $0.00208 a call; the two 40-token calls save
  // $0.003 + $0.0006 − ($0.001 + $0.0002) = $0.0024 each: 18 × 0.00208 + 2 × 0.0024 = $0.04224.
  ['shape', 'overPoweredRouting', '0.04224'],
  // 19 calls are too few evidence; 17 of 20 short (85%) is not classification-like.
  ['shape-few', 'overPoweredRouting', '0'],
  ['shape-long', 'overPoweredRouting', '0'],
];

describe('each waste class alone', () => {
  it.each(cases)('%s: %s is $%s and every other class is 0', (workflow, wasteClass, usd) => {
    const w = byWorkflow.get(workflow);
    if (!w) throw new Error(`no ${workflow} workflow`);
    expect(femtoToUsdString(w.classes[wasteClass])).toBe(usd);
    for (const other of WASTE_CLASSES)
      if (other !== wasteClass) expect(w.classes[other], other).toBe(0n);
    expect(w.productiveFemto + w.classes[wasteClass]).toBe(w.totalFemto);
  });

  it('states the shape basis of a route, with no cheaper-model evidence on the step', () => {
    expect(byWorkflow.get('shape')?.evidence.routes).toEqual([
      {
        step: 'classify',
        model: 'claude-sonnet-4-5',
        cheaperModel: 'claude-haiku-4-5',
        basis: 'shape',
        shortOutputCalls: 18,
        attempts: 20,
        successfulAttempts: 20,
        cheaperAttempts: 0,
        cheaperSuccessfulAttempts: 0,
        calls: 20,
        savingFemto: usdToFemto('0.04224'),
      },
    ]);
    expect(byWorkflow.get('routing')?.evidence.routes[0]?.basis).toBe('successRate');
    expect(byWorkflow.get('shape-few')?.evidence.routes).toEqual([]);
  });

  it('counts a repeated prompt as one loop with the call that repeats it as the example', () => {
    const w = byWorkflow.get('prompt-loop');
    expect(w?.evidence.counts.loops).toBe(1);
    expect(w?.evidence.examples.loops[0]?.detail).toBe('repeats an earlier prompt of the attempt');
  });

  it('states the tier crossing and the re-sent history beside the reference', () => {
    const w = byWorkflow.get('tier');
    expect(w?.evidence.tierCrossingCalls).toBe(1);
    expect(w?.evidence.historyResentCalls).toBe(1);
    expect(w?.evidence.references).toContainEqual({
      step: 'summarise',
      model: 'gemini-2.5-pro',
      referenceInputTokens: 1000,
      calls: 3,
    });
    // The plain bloat case sits in four separate units: no history was re-sent, no tier crossed.
    expect(byWorkflow.get('bloat')?.evidence.historyResentCalls).toBe(0);
    expect(byWorkflow.get('bloat')?.evidence.tierCrossingCalls).toBe(0);
  });
});
