import { describe, expect, it } from 'vitest';
import { decideUsageCounting, type UsageNode } from './usage-counting.js';

function node(
  spanId: string,
  parentSpanId: string | null,
  fields: Partial<UsageNode> = {},
): UsageNode {
  const hasUsage = fields.inputTokens !== undefined && fields.inputTokens !== null;
  return {
    spanId,
    parentSpanId,
    kind: 'llm',
    hasUsage,
    inputTokens: null,
    outputTokens: null,
    usageDetail: 0,
    responseId: null,
    ...fields,
  };
}

function decide(nodes: UsageNode[]): Record<string, string | null> {
  return Object.fromEntries(decideUsageCounting(nodes));
}

describe('decideUsageCounting', () => {
  it('counts the calls below an agent roll-up, not the roll-up', () => {
    expect(
      decide([
        node('a', null, { kind: 'agent', inputTokens: 1500, outputTokens: 300 }),
        node('b', 'a', { inputTokens: 1000, outputTokens: 100 }),
        node('t', 'a', { kind: 'tool' }),
        node('c', 'a', { inputTokens: 500, outputTokens: 200 }),
      ]),
    ).toEqual({ a: 'rolled_up', b: null, t: null, c: null });
  });

  it('counts a remote agent whose usage no child carries', () => {
    expect(
      decide([
        node('a', null, { kind: 'agent', inputTokens: 900, outputTokens: 90 }),
        node('t', 'a', { kind: 'tool' }),
      ]),
    ).toEqual({
      a: null,
      t: null,
    });
  });

  it('reaches through intermediate spans without usage (AI SDK v7 invoke_agent → step → chat)', () => {
    expect(
      decide([
        node('root', null, { kind: 'agent', inputTokens: 690, outputTokens: 102 }),
        node('s1', 'root', { kind: 'other' }),
        node('c1', 's1', { inputTokens: 310, outputTokens: 86 }),
      ]),
    ).toEqual({ root: 'rolled_up', s1: null, c1: null });
  });

  it('keeps the richer of two stacked spans of one call (OpenInference over OpenLLMetry)', () => {
    const oi = node('oi', 'root', { inputTokens: 2048, outputTokens: 120, usageDetail: 2 });
    const ol = node('ol', 'oi', {
      inputTokens: 2048,
      outputTokens: 120,
      usageDetail: 0,
      responseId: 'chatcmpl-1',
    });
    expect(decide([node('root', null, { kind: 'other' }), oi, ol])).toEqual({
      root: null,
      oi: null,
      ol: 'stacked_duplicate',
    });
    const equal = decide([
      { ...oi, usageDetail: 1 },
      { ...ol, usageDetail: 1 },
    ]);
    expect(equal).toEqual({ oi: 'stacked_duplicate', ol: null });
  });

  it('treats a model-call wrapper with different tokens as a roll-up, not a stacked copy', () => {
    expect(
      decide([
        node('chain', null, { inputTokens: 3000, outputTokens: 300 }),
        node('x', 'chain', { inputTokens: 1000, outputTokens: 100 }),
        node('y', 'chain', { inputTokens: 2000, outputTokens: 200 }),
      ]),
    ).toEqual({ chain: 'rolled_up', x: null, y: null });
  });

  it('counts one of the spans that share a provider response id', () => {
    expect(
      decide([
        node('p', null, { kind: 'other' }),
        node('b', 'p', { inputTokens: 10, outputTokens: 1, responseId: 'r1' }),
        node('a', 'p', { inputTokens: 10, outputTokens: 1, responseId: 'r1' }),
      ]),
    ).toEqual({ p: null, a: null, b: 'duplicate_response' });
  });

  it('does not flag a model-call wrapper without usage as unknown when its child reports usage', () => {
    expect(
      decide([
        node('w', null, { kind: 'llm' }),
        node('c', 'w', { inputTokens: 5, outputTokens: 1 }),
      ]),
    ).toEqual({
      w: 'rolled_up',
      c: null,
    });
  });

  it('gives the same answer in every arrival order, and survives parent cycles', () => {
    const nodes = [
      node('a', null, { kind: 'agent', inputTokens: 3, outputTokens: 3 }),
      node('oi', 'a', { inputTokens: 3, outputTokens: 3, usageDetail: 2 }),
      node('ol', 'oi', { inputTokens: 3, outputTokens: 3, responseId: 'r' }),
      node('d', 'a', { kind: 'tool' }),
    ];
    const expected = decide(nodes);
    expect(expected).toEqual({ a: 'rolled_up', oi: null, ol: 'stacked_duplicate', d: null });
    for (const order of [
      [3, 2, 1, 0],
      [1, 3, 0, 2],
      [2, 0, 3, 1],
    ]) {
      expect(decide(order.map((i) => nodes[i] as UsageNode))).toEqual(expected);
    }
    expect(
      decide([
        node('x', 'y', { inputTokens: 1, outputTokens: 1 }),
        node('y', 'x', { inputTokens: 1, outputTokens: 1 }),
      ]),
    ).toBeDefined();
  });
});
