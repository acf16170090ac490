/**
 * Hand-built steps for the waste and routing tests: units linked by span attributes, priced with
 * the real price book, and the hand-worked case planting every waste class once. Catalog prices
 * per million tokens (2026-01-15): gpt-4.1-mini in $0.40 / out $1.60 / cache read $0.10;
 * claude-opus-4-1 $15 / $75; claude-haiku-4-5 $1 / $5.
 */
import { emptyUsage, LINK_KEYS, type Outcome, type Step } from '../../src/domain/index.js';
import { createPriceBook } from '../../src/pricing/index.js';
import { contractOutcome } from '../../src/store/contract-steps.js';
import type { Store } from '../../src/store/index.js';

export const book = createPriceBook();
const T0 = BigInt(Date.UTC(2026, 0, 15)) * 1_000_000n;
const SECOND = 1_000_000_000n;
let clock = 0n;
let span = 0;

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

export type Trace = [trace: string, unit: string, workflow?: string];
export const call = (
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
export const tool = ([trace, unit, workflow = 'w']: Trace, fingerprint: string): Step => ({
  ...base(trace, unit, workflow),
  name: 'get_order',
  toolName: 'get_order',
  stepName: 'get-order',
  fingerprint,
});
export const outcome = (
  workUnitId: string,
  status: Outcome['status'],
  resolvedBy: Outcome['resolvedBy'],
  workflow = 'w',
): Outcome =>
  contractOutcome(workUnitId, {
    workflow,
    status,
    resolvedBy,
    occurredAtUnixNano: T0 + 1000n * SECOND,
  });

export async function save(store: Store, steps: Step[], outcomes: Outcome[]) {
  await store.insertSteps(steps.map((s) => ({ ...s, cost: book.priceStep(s) })));
  await store.insertOutcomes(outcomes);
}

/**
 * The steps of units A–G of the hand-worked case, in order (each call takes the scenario clock's
 * next second): every class once, and one unit awaiting its outcome.
 */
export function everyClassSteps(): Step[] {
  const a1: Trace = ['a1', 'A'],
    a2: Trace = ['a2', 'A'],
    b: Trace = ['b', 'B'],
    c: Trace = ['c', 'C'];
  const d: Trace = ['d', 'D'],
    e: Trace = ['e', 'E'],
    f: Trace = ['f', 'F'],
    g: Trace = ['g', 'G'];
  return [
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
  ];
}

/** The outcomes of units A–F (G awaits its own). */
export const everyClassOutcomes = (): Outcome[] => [
  outcome('A', 'resolved', 'ai'),
  outcome('B', 'resolved', 'ai'),
  outcome('C', 'resolved', 'ai'),
  outcome('D', 'resolved', 'ai'),
  outcome('E', 'abandoned', null),
  outcome('F', 'resolved', 'human'),
];

/** Units A–G of the hand-worked case: every class once, and one unit awaiting its outcome. */
export async function plantEveryClass(store: Store) {
  await save(store, everyClassSteps(), everyClassOutcomes());
}
