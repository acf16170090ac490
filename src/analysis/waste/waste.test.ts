/**
 * Waste over a real in-memory DuckDB store and the real price book, with hand-built units whose
 * dollars per class are worked out below. Catalog prices per million tokens (2026-01-15):
 * gpt-4.1-mini in $0.40 / out $1.60 / cache read $0.10; claude-opus-4-1 $15 / $75;
 * claude-haiku-4-5 $1 / $5.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyUsage,
  femtoToUsdString,
  LINK_KEYS,
  type Outcome,
  type Step,
} from '../../domain/index.js';
import { createPriceBook } from '../../pricing/index.js';
import { openStore, type Store } from '../../store/index.js';
import { WASTE_CLASSES } from './definitions.js';
import { routingWhatIf } from './routing-what-if.js';
import { analyzeWaste, toWasteView, unitWaste } from './waste-report.js';

const book = createPriceBook();
const T0 = BigInt(Date.UTC(2026, 0, 15)) * 1_000_000n;
const SECOND = 1_000_000_000n;
let store: Store;
let clock = 0n;
let span = 0;

beforeEach(async () => {
  store = await openStore({ kind: 'duckdb', path: ':memory:' });
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

function base(trace: string, unit: string, workflow: string): Step {
  clock += SECOND;
  span += 1;
  return {
    traceId: trace.padStart(32, '0'),
    spanId: span.toString(16).padStart(16, '0'),
    parentSpanId: null,
    kind: 'tool',
    name: 'span',
    convention: 'gen-ai',
    model: null,
    requestModel: null,
    provider: null,
    responseId: null,
    usage: emptyUsage(),
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: T0 + clock,
    durationNano: 1_000_000n,
    status: 'ok',
    statusMessage: '',
    serviceName: 'svc',
    sessionId: null,
    toolName: null,
    stepName: 'span',
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: { [LINK_KEYS.workUnitId]: unit, [LINK_KEYS.workflow]: workflow },
  };
}

type Trace = [trace: string, unit: string, workflow?: string];
const call = (
  [trace, unit, workflow = 'w']: Trace,
  step: string,
  model: string,
  input: number,
  output = 100,
): Step => ({
  ...base(trace, unit, workflow),
  kind: 'llm',
  name: `chat ${model}`,
  stepName: step,
  model,
  requestModel: model,
  provider: model.startsWith('claude') ? 'anthropic' : 'openai',
  usage: {
    inputTokens: input,
    outputTokens: output,
    cacheReadTokens: null,
    cacheWriteTokens: null,
    cacheWrite1hTokens: null,
    reasoningTokens: null,
  },
});
const tool = ([trace, unit, workflow = 'w']: Trace, fingerprint: string): Step => ({
  ...base(trace, unit, workflow),
  name: 'get_order',
  toolName: 'get_order',
  stepName: 'get-order',
  fingerprint,
});
const outcome = (
  workUnitId: string,
  status: Outcome['status'],
  resolvedBy: Outcome['resolvedBy'],
  workflow = 'w',
): Outcome => ({
  workUnitId,
  workflow,
  status,
  resolvedBy,
  humanMinutes: 0,
  reviewMinutes: null,
  correctionMinutes: null,
  overridden: false,
  valueFemto: null,
  attributes: {},
  occurredAtUnixNano: T0 + 1000n * SECOND,
});

async function save(steps: Step[], outcomes: Outcome[]) {
  await store.insertSteps(steps.map((s) => ({ ...s, cost: book.priceStep(s) })));
  await store.insertOutcomes(outcomes);
}

/** Units A–G of the hand-worked case: every class once, and one unit awaiting its outcome. */
async function plantEveryClass() {
  const a1: Trace = ['a1', 'A'],
    a2: Trace = ['a2', 'A'],
    b: Trace = ['b', 'B'],
    c: Trace = ['c', 'C'];
  const d: Trace = ['d', 'D'],
    e: Trace = ['e', 'E'],
    f: Trace = ['f', 'F'],
    g: Trace = ['g', 'G'];
  await save(
    [
      // plan 1000 in / 100 out on gpt-4.1-mini = 0.0004 + 0.00016 = $0.00056.
      call(a1, 'plan', 'gpt-4.1-mini', 1000), // A's first attempt: failed $0.00056
      call(a2, 'plan', 'gpt-4.1-mini', 1000), // productive
      tool(a2, 'f1'),
      call(a2, 'plan', 'gpt-4.1-mini', 1000), // requested the repeat below: loops $0.00056
      tool(a2, 'f1'),
      // opus 1000/10 = 0.015 + 0.00075 = $0.01575; on haiku 0.001 + 0.00005 = $0.00105:
      // over-powered $0.0147 (both models 1 of 1 attempts successful).
      call(b, 'classify', 'claude-opus-4-1', 1000, 10),
      call(b, 'respond', 'gpt-4.1-mini', 2000), // $0.00096
      call(b, 'respond', 'gpt-4.1-mini', 2000),
      call(c, 'classify', 'claude-haiku-4-5', 1000, 10),
      call(c, 'respond', 'gpt-4.1-mini', 2000),
      // respond inputs 2000, 2000, 2000, 5000: reference = 2nd smallest = 2000; 5000 > 4000 is
      // bloat: (5000 − 2000) × $0.40/M = $0.0012, and it grew over the previous call (history).
      call(c, 'respond', 'gpt-4.1-mini', 5000),
      // draft 9000/100 = $0.00376 twice; the second sends the 9000 prefix uncached:
      // 9000 × ($0.40 − $0.10)/M = $0.0027.
      call(d, 'draft', 'gpt-4.1-mini', 9000),
      call(d, 'draft', 'gpt-4.1-mini', 9000),
      call(e, 'plan', 'gpt-4.1-mini', 1000), // abandoned $0.00056
      call(f, 'plan', 'gpt-4.1-mini', 1000), // human-resolved: failed $0.00056
      call(g, 'plan', 'gpt-4.1-mini', 1000), // no outcome yet: awaiting $0.00056
    ],
    [
      outcome('A', 'resolved', 'ai'),
      outcome('B', 'resolved', 'ai'),
      outcome('C', 'resolved', 'ai'),
      outcome('D', 'resolved', 'ai'),
      outcome('E', 'abandoned', null),
      outcome('F', 'resolved', 'human'),
    ],
  );
}

describe('waste in dollars', () => {
  it('puts each planted dollar in its class and the parts add up to the total exactly', async () => {
    await plantEveryClass();
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
    const view = toWasteView(w);
    expect(view.total.usd).toBe('0.03272');
    expect(view.sentence).toContain('over-powered routing $0.0147');

    const cUnit = await unitWaste(store, book, 'w', 'C');
    expect(cUnit && usd(cUnit.contextBloat)).toBe('0.0012');
    expect(cUnit && usd(cUnit.overPoweredRouting)).toBe('0');
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
    await save(steps, outcomes);
    const [w] = await analyzeWaste(store, book, { workflow: 'clean' });
    if (!w) throw new Error('no clean workflow');
    for (const c of WASTE_CLASSES) expect(w.classes[c]).toBe(0n);
    expect(w.productiveFemto).toBe(w.totalFemto);
    expect(w.totalFemto).toBeGreaterThan(0n);
    expect(toWasteView(w).sentence).toContain('No waste found');
  });
});

describe('routing counterfactual', () => {
  it('prices the step on the named model at the same tokens, with evidence and cost per outcome', async () => {
    await plantEveryClass();
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
    await plantEveryClass();
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
