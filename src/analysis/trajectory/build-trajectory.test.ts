/** The trajectory shaping over hand-built steps: attempts, tree order, markers, decisions, costs. */
import { describe, expect, it } from 'vitest';
import { type Outcome, type StoredStep, usdToFemto } from '../../domain/index.js';
import { shapeTrajectory, unitResult } from './build-trajectory.js';
import type { TrajectoryStep } from './trajectory-step.js';

const T0 = 1_750_000_000_000_000_000n;
const S = 1_000_000_000n;

function step(spanId: string, at: number, fields: Partial<StoredStep> = {}): StoredStep {
  return {
    traceId: 'a'.repeat(32),
    spanId,
    parentSpanId: null,
    kind: 'llm',
    name: `span ${spanId}`,
    convention: 'gen-ai',
    model: 'gpt-4o',
    requestModel: 'gpt-4o',
    provider: 'openai',
    responseId: null,
    usage: {
      inputTokens: 1000,
      outputTokens: 100,
      cacheReadTokens: 200,
      cacheWriteTokens: null,
      cacheWrite1hTokens: null,
      reasoningTokens: 10,
    },
    usageIsRollup: false,
    providedCostUsd: null,
    serviceTier: null,
    startTimeUnixNano: T0 + BigInt(at * 1000) * 1_000_000n,
    durationNano: S,
    status: 'ok',
    statusMessage: '',
    serviceName: 'svc',
    sessionId: null,
    toolName: null,
    stepName: spanId,
    fingerprint: null,
    argumentBytes: null,
    documents: null,
    attributes: {},
    cost: {
      pricingStatus: 'priced',
      costFemto: usdToFemto('0.001'),
      inputCostFemto: null,
      outputCostFemto: null,
      priceSource: 'catalog',
      priceId: 'openai/gpt-4o',
      priceVersion: '1',
    },
    usageCounted: true,
    usageExclusion: null,
    ...fields,
  };
}

const NOTHING = {
  pricingStatus: 'no_usage' as const,
  costFemto: 0n,
  inputCostFemto: null,
  outputCostFemto: null,
  priceSource: null,
  priceId: null,
  priceVersion: null,
};
const priced = (usd: string) => ({ ...step('x', 0).cost, costFemto: usdToFemto(usd) });
const tool = (spanId: string, at: number, parent: string, fingerprint: string | null) =>
  step(spanId, at, {
    kind: 'tool',
    parentSpanId: parent,
    toolName: 'lookup_policy',
    fingerprint,
    argumentBytes: 20,
    model: null,
    usage: { ...step('x', 0).usage, inputTokens: null, outputTokens: null },
    cost: NOTHING,
  });

const T1 = '1'.repeat(32);
const T2 = '2'.repeat(32);

/**
 * Attempt 1 (trace T1, given out of order): agent A (error) → L1 $0.002, X-a (tool, fingerprint F)
 * → L3 $0.001, R retrieval, X-b (same F: a repeat of X-a), L2 (same prompt P as L1 but a stacked
 * duplicate, not counted: not a repeat), D $0.003 with rule, precedent and a mapped key, U unpriced.
 * Attempt 2 (trace T2, a second later): agent B → L4 $0.004 (prompt P again: a new attempt, no
 * repeat), H human review of 4 minutes. Resolved by AI, overridden.
 * Attempt 1 costs 0.002 + 0.001 + 0.003 = $0.006 (+ one unknown); attempt 2 $0.004; unit $0.010.
 */
const steps: StoredStep[] = [
  step('X-b', 4, { ...tool('X-b', 4, 'A', 'F'), traceId: T1 }),
  step('A', 0, {
    traceId: T1,
    kind: 'agent',
    status: 'error',
    statusMessage: 'gave up',
    cost: NOTHING,
    usage: { ...step('x', 0).usage, inputTokens: null, outputTokens: null },
  }),
  step('L1', 1, { traceId: T1, parentSpanId: 'A', fingerprint: 'P', cost: priced('0.002') }),
  { ...tool('X-a', 2, 'A', 'F'), traceId: T1 },
  step('L3', 2.5, { traceId: T1, parentSpanId: 'X-a', cost: priced('0.001') }),
  step('R', 3, {
    traceId: T1,
    parentSpanId: 'A',
    kind: 'retrieval',
    model: null,
    cost: NOTHING,
    documents: [
      { id: 'POL-1', score: 0.9 },
      { id: 'POL-2', score: null },
    ],
  }),
  step('L2', 5, {
    traceId: T1,
    parentSpanId: 'A',
    fingerprint: 'P',
    usageCounted: false,
    usageExclusion: 'stacked_duplicate',
    cost: priced('0.002'),
  }),
  step('D', 6, {
    traceId: T1,
    parentSpanId: 'A',
    cost: priced('0.003'),
    attributes: {
      'tokenledger.decision.rule': 'water-damage-4.2',
      'tokenledger.decision.precedent': 'CLM-P100',
      'acme.policy_clause': '7.1',
      'acme.other': 'not a decision',
    },
  }),
  step('U', 7, {
    traceId: T1,
    parentSpanId: 'A',
    model: 'mystery-1',
    cost: { ...NOTHING, pricingStatus: 'unpriced', costFemto: null },
  }),
  step('B', 100, { traceId: T2, kind: 'agent', cost: NOTHING }),
  step('L4', 101, { traceId: T2, parentSpanId: 'B', fingerprint: 'P', cost: priced('0.004') }),
  step('H', 102, {
    traceId: T2,
    parentSpanId: 'B',
    kind: 'human',
    model: null,
    cost: NOTHING,
    attributes: { 'tokenledger.human.minutes': '4' },
  }),
];

const outcome: Outcome = {
  workUnitId: 'C-1',
  workflow: 'claims',
  status: 'resolved',
  resolvedBy: 'ai',
  humanMinutes: 4,
  reviewMinutes: 4,
  correctionMinutes: null,
  overridden: true,
  valueFemto: null,
  attributes: {},
  occurredAtUnixNano: T0 + 200n * S,
};

const shape = (s: TrajectoryStep): unknown => [s.spanId, s.markers, s.children.map(shape)];

describe('shapeTrajectory', () => {
  const t = shapeTrajectory('C-1', steps, outcome, { decisionKeys: ['acme.policy_clause'] });
  const [first, second] = t.attempts;

  it('orders attempts by first span and builds each step tree, siblings by start time', () => {
    expect(t.attempts.map((a) => [a.attempt, a.traceIds, a.success, a.retry])).toEqual([
      [1, [T1], false, false],
      [2, [T2], true, true],
    ]);
    expect(first?.steps.map(shape)).toEqual([
      [
        'A',
        ['error'],
        [
          ['L1', [], []],
          ['X-a', [], [['L3', [], []]]],
          ['R', [], []],
          ['X-b', ['repeat'], []],
          ['L2', [], []],
          ['D', [], []],
          ['U', [], []],
        ],
      ],
    ]);
    expect(second?.steps.map(shape)).toEqual([
      [
        'B',
        ['retry'],
        [
          ['L4', ['retry'], []],
          ['H', ['retry'], []],
        ],
      ],
    ]);
    expect(first?.steps[0]?.children[3]?.repeatOf).toBe('X-a');
  });

  it('prices attempts exactly, counting unknown costs apart and leaving out uncounted usage', () => {
    expect([first?.costUsdExact, first?.unknownCostSteps, second?.costUsdExact]).toEqual([
      '0.006',
      1,
      '0.004',
    ]);
    expect([t.tokenCostUsdExact, t.result, t.outcome?.overridden]).toEqual([
      '0.01',
      'success',
      true,
    ]);
    // A starts at 0 s; U (the last to end) starts at 7 s and lasts 1 s.
    expect(first?.durationMs).toBe(8000);
    const u = first?.steps[0]?.children[6];
    expect([u?.costUsd, u?.pricingStatus]).toEqual([null, 'unpriced']);
    const l2 = first?.steps[0]?.children[4];
    expect([l2?.usageCounted, l2?.usageExclusion, l2?.costUsdExact]).toEqual([
      false,
      'stacked_duplicate',
      '0.002',
    ]);
  });

  it('reads decisions, documents, tools, tokens and human minutes', () => {
    const children = first?.steps[0]?.children ?? [];
    expect(children[5]?.decision).toEqual({
      rule: 'water-damage-4.2',
      precedent: 'CLM-P100',
      other: { 'acme.policy_clause': '7.1' },
    });
    expect(children[0]?.decision).toBeNull();
    expect(children[2]?.documents).toEqual([
      { id: 'POL-1', score: 0.9 },
      { id: 'POL-2', score: null },
    ]);
    expect([children[1]?.toolName, children[1]?.argumentBytes]).toEqual(['lookup_policy', 20]);
    expect(children[0]?.tokens).toEqual({
      input: 1000,
      output: 100,
      cacheRead: 200,
      cacheWrite: null,
      reasoning: 10,
    });
    expect(second?.steps[0]?.children[1]?.humanMinutes).toBe(4);
    expect(second?.humanMinutes).toBe(4);
    expect(first?.steps[0]?.statusMessage).toBe('gave up');
  });

  it('groups traces sharing tokenledger.attempt into one attempt', () => {
    const marked = (traceId: string, at: number, attempt: string) =>
      step(`s${at}`, at, { traceId, attributes: { 'tokenledger.attempt': attempt } });
    const grouped = shapeTrajectory(
      'C-2',
      [marked(T1, 0, '1'), marked(T2, 1, '1'), marked('3'.repeat(32), 2, '2')],
      null,
    );
    expect(grouped.attempts.map((a) => [a.attempt, a.traceIds.length, a.success])).toEqual([
      [1, 2, false],
      [2, 1, null],
    ]);
    expect(grouped.result).toBe('pending');
  });

  it('treats a parent cycle as roots instead of looping', () => {
    const cyclic = shapeTrajectory(
      'C-3',
      [step('p', 0, { parentSpanId: 'q' }), step('q', 1, { parentSpanId: 'p' })],
      null,
    );
    expect(cyclic.attempts[0]?.steps.map(shape)).toEqual([
      ['p', [], []],
      ['q', [], []],
    ]);
  });

  it('sorts units into compare groups', () => {
    expect(
      [
        { status: 'resolved', resolvedBy: 'ai' },
        { status: 'resolved', resolvedBy: 'human' },
        { status: 'escalated', resolvedBy: null },
        { status: 'failed', resolvedBy: null },
        { status: 'abandoned', resolvedBy: null },
      ].map((o) => unitResult(o as Outcome)),
    ).toEqual(['success', 'failed', 'failed', 'failed', 'abandoned']);
    expect(unitResult(null)).toBe('pending');
  });
});
