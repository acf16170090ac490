/**
 * The behavioural suite every `Store` engine passes unchanged: idempotency, ordering, usage
 * counting independent of arrival order, exact money, unpriced models and spend totals.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS, type PricedStep, usdToFemto } from '../domain/index.js';
import {
  contractOutcome,
  llmStep,
  pricedCost,
  toolStep,
  UNPRICED,
  uniqueId,
} from './contract-steps.js';
import type { Store } from './store.js';

async function withStore(open: () => Promise<Store>, body: (store: Store) => Promise<void>) {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** Agent roll-up over two LLM calls, one of them wrapped by a span reporting the same response. */
function agentTrace(): PricedStep[] {
  const traceId = uniqueId(32);
  const [agent, tool, llmA, wrapper, llmB] = [1, 2, 3, 4, 5].map(() => uniqueId(16));
  const t0 = 1_750_000_000_000_000_000n;
  return [
    llmStep({
      traceId,
      spanId: agent as string,
      kind: 'agent',
      usageIsRollup: true,
      startTimeUnixNano: t0,
      usage: { ...llmStep().usage, inputTokens: 300, outputTokens: 60 },
      cost: pricedCost('0.003'),
    }),
    toolStep({
      traceId,
      spanId: tool as string,
      parentSpanId: agent as string,
      startTimeUnixNano: t0 + 1n,
    }),
    llmStep({
      traceId,
      spanId: llmA as string,
      parentSpanId: tool as string,
      responseId: 'resp-a',
      startTimeUnixNano: t0 + 2n,
    }),
    llmStep({
      traceId,
      spanId: wrapper as string,
      parentSpanId: agent as string,
      responseId: 'resp-b',
      startTimeUnixNano: t0 + 3n,
      usage: { ...llmStep().usage, inputTokens: 200, outputTokens: 40 },
      cost: pricedCost('0.002'),
    }),
    llmStep({
      traceId,
      spanId: llmB as string,
      parentSpanId: wrapper as string,
      responseId: 'resp-b',
      startTimeUnixNano: t0 + 4n,
      usage: { ...llmStep().usage, inputTokens: 200, outputTokens: 40 },
      cost: pricedCost('0.002'),
    }),
  ];
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [
      item,
      ...rest,
    ]),
  );
}

export function runStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    it('stores a step and reads every field back unchanged', async () => {
      await withStore(open, async (store) => {
        const step = llmStep({
          parentSpanId: uniqueId(16),
          responseId: 'chatcmpl-1',
          providedCostUsd: '0.00123',
          serviceTier: 'flex',
          startTimeUnixNano: 1_750_000_000_123_456_789n,
          durationNano: 987_654_321n,
          status: 'error',
          statusMessage: 'rate limited',
          sessionId: 'sess-1',
          attributes: { 'customer.id': 'c-42', 'app.feature': 'search' },
          usage: {
            inputTokens: 1200,
            outputTokens: 300,
            cacheReadTokens: 1000,
            cacheWriteTokens: 100,
            cacheWrite1hTokens: 40,
            reasoningTokens: 120,
          },
          cost: {
            ...pricedCost('0.000123456789012345'),
            inputCostFemto: 100_000_000_000n,
            outputCostFemto: 23_456_789_012_345n,
          },
        });
        expect(await store.insertSteps([step])).toEqual({ inserted: 1, duplicates: 0 });
        expect(await store.getTrace(step.traceId)).toEqual([
          { ...step, usageCounted: true, usageExclusion: null },
        ]);
      });
    });

    it('reads back what a step asked and got: step name, fingerprint, argument size, documents', async () => {
      await withStore(open, async (store) => {
        const retrieval = toolStep({
          kind: 'retrieval',
          stepName: 'retrieve-policy',
          fingerprint: '0123456789abcdef',
          argumentBytes: 42,
          documents: [
            { id: 'POL-1', score: 0.91 },
            { id: 'POL-"2"', score: null },
          ],
        });
        await store.insertSteps([retrieval]);
        expect(await store.getTrace(retrieval.traceId)).toEqual([
          { ...retrieval, usageCounted: true, usageExclusion: null },
        ]);
      });
    });

    it('changes its write version on every committed write that reports read', async () => {
      await withStore(open, async (store) => {
        const seen = [store.writeVersion()];
        await store.insertSteps([llmStep()]);
        seen.push(store.writeVersion());
        await store.insertOutcomes([contractOutcome('V-1')]);
        seen.push(store.writeVersion());
        await store.saveBaselines([]);
        seen.push(store.writeVersion());
        await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
        seen.push(store.writeVersion());
        expect(new Set(seen.slice(0, 4)).size).toBe(4);
        expect(seen[4]).toBe(seen[3]);
      });
    });

    it('counts committed step transactions, so caches of step figures know when to re-read', async () => {
      await withStore(open, async (store) => {
        const before = store.stepCommits();
        await store.insertSteps([llmStep()]);
        expect(store.stepCommits()).toBe(before + 1);
        await store.getSpendTotals();
        expect(store.stepCommits()).toBe(before + 1);
      });
    });

    it('returns no steps for an unknown trace', async () => {
      await withStore(open, async (store) => {
        expect(await store.getTrace(uniqueId(32))).toEqual([]);
      });
    });

    it('keeps the first copy of a re-sent step, within one call and across calls', async () => {
      await withStore(open, async (store) => {
        const first = llmStep({ name: 'first' });
        const again = { ...first, name: 'second' };
        const other = llmStep({ traceId: first.traceId });
        expect(await store.insertSteps([first, again, other])).toEqual({
          inserted: 2,
          duplicates: 1,
        });
        expect(await store.insertSteps([again, other])).toEqual({ inserted: 0, duplicates: 2 });
        const stored = await store.getTrace(first.traceId);
        expect(stored.map((step) => step.name).sort()).toEqual(['chat gpt-4o', 'first']);
        expect((await store.getSpendTotals()).steps).toBe(2);
      });
    });

    it('counts each step once when overlapping calls run concurrently', async () => {
      await withStore(open, async (store) => {
        const steps = Array.from({ length: 200 }, () => llmStep());
        const calls = Array.from({ length: 20 }, (_, i) => steps.slice(i * 5, i * 5 + 100));
        const results = await Promise.all(calls.map((call) => store.insertSteps(call)));
        expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(195);
        expect(results.reduce((sum, r) => sum + r.inserted + r.duplicates, 0)).toBe(2000);
        expect((await store.getSpendTotals()).inputTokens).toBe(195 * 100);
      });
    });

    it('orders a trace by start time, then span id', async () => {
      await withStore(open, async (store) => {
        const traceId = uniqueId(32);
        const at = (spanId: string, start: bigint) =>
          llmStep({ traceId, spanId, startTimeUnixNano: start });
        await store.insertSteps([
          at('00000000000000c3', 30n),
          at('00000000000000b2', 10n),
          at('00000000000000a1', 10n),
        ]);
        const spans = (await store.getTrace(traceId)).map((step) => step.spanId);
        expect(spans).toEqual(['00000000000000a1', '00000000000000b2', '00000000000000c3']);
      });
    });

    it('decides usage counting the same whatever order and grouping the spans arrive in', async () => {
      const groups = (trace: PricedStep[]) => [
        [trace[3], trace[0]],
        [trace[4]],
        [trace[2], trace[1]],
      ];
      for (const order of permutations([0, 1, 2])) {
        await withStore(open, async (store) => {
          const trace = agentTrace();
          const parts = groups(trace);
          for (const index of order) await store.insertSteps(parts[index] as PricedStep[]);
          const totals = await store.getSpendTotals();
          expect(totals).toMatchObject({ steps: 3, inputTokens: 300, outputTokens: 60 });
          expect(femtoToUsdString(totals.costFemto)).toBe('0.003');
          const decisions = (await store.getTrace(trace[0]?.traceId ?? '')).map(
            (s) => s.usageExclusion,
          );
          expect(decisions).toEqual(['rolled_up', null, null, 'stacked_duplicate', null]);
          // The roll-up the reports read moved the cost of every changed decision too.
          await store.insertSteps([
            toolStep({
              traceId: trace[0]?.traceId ?? '',
              attributes: { [LINK_KEYS.workUnitId]: 'U-1', [LINK_KEYS.workflow]: 'claims' },
            }),
          ]);
          const [claims] = await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
          expect(claims).toMatchObject({ group: 'claims', units: 1, attempts: 1 });
          expect(femtoToUsdString(claims?.tokenCostFemto ?? -1n)).toBe('0.003');
        });
      }
    });

    it('moves cost in the reports when a later span makes an excluded step count again', async () => {
      await withStore(open, async (store) => {
        const traceId = uniqueId(32);
        const link = { [LINK_KEYS.workUnitId]: 'U-9', [LINK_KEYS.workflow]: 'claims' };
        // a and b report one response: b is the duplicate. A child under a makes a a roll-up,
        // so b now counts: a $0.001 excluded, b $0.001 + child $0.001 counted = $0.002.
        const a = llmStep({
          traceId,
          spanId: 'aaaaaaaaaaaaaaaa',
          responseId: 'r1',
          attributes: link,
        });
        const b = llmStep({ traceId, spanId: 'bbbbbbbbbbbbbbbb', responseId: 'r1' });
        await store.insertSteps([a, b]);
        await store.insertSteps([
          llmStep({
            traceId,
            parentSpanId: a.spanId,
            responseId: 'r2',
            usage: { ...a.usage, inputTokens: 50 },
            startTimeUnixNano: a.startTimeUnixNano + 1n,
          }),
        ]);
        const decisions = (await store.getTrace(traceId)).map((step) => step.usageExclusion);
        expect(decisions).toEqual(['rolled_up', null, null]);
        const [claims] = await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
        expect(femtoToUsdString(claims?.tokenCostFemto ?? -1n)).toBe('0.002');
        expect(femtoToUsdString((await store.getSpendTotals()).costFemto)).toBe('0.002');
      });
    });

    it('counts a trace as unattributed only when no write of it carried a link', async () => {
      await withStore(open, async (store) => {
        const link = { [LINK_KEYS.workUnitId]: 'U-7', [LINK_KEYS.workflow]: 'claims' };
        // Trace L: $0.10 unlinked, then $0.20 with the linking span in a later write; trace N:
        // $0.30 and $0.40 in two writes, never linked; trace S: $0.50 in one write, unlinked.
        const [linked, never, single] = [uniqueId(32), uniqueId(32), uniqueId(32)];
        await store.insertSteps([
          llmStep({ traceId: linked, cost: pricedCost('0.10') }),
          llmStep({ traceId: never, cost: pricedCost('0.30') }),
          llmStep({ traceId: single, cost: pricedCost('0.50') }),
        ]);
        await store.insertSteps([
          llmStep({ traceId: linked, cost: pricedCost('0.20'), attributes: link }),
          llmStep({ traceId: never, cost: pricedCost('0.40') }),
        ]);
        const totals = await store.getSpendTotals();
        expect(femtoToUsdString(totals.costFemto)).toBe('1.5');
        expect(femtoToUsdString(totals.unattributedCostFemto)).toBe('1.2');
      });
    });

    it('counts one provider response once across sibling spans', async () => {
      await withStore(open, async (store) => {
        const traceId = uniqueId(32);
        const a = llmStep({ traceId, spanId: '000000000000000a', responseId: 'resp-x' });
        const b = llmStep({ traceId, spanId: '000000000000000b', responseId: 'resp-x' });
        await store.insertSteps([b]);
        await store.insertSteps([a]);
        const stored = await store.getTrace(traceId);
        expect(stored.map((s) => [s.spanId, s.usageCounted, s.usageExclusion])).toEqual([
          ['000000000000000a', true, null],
          ['000000000000000b', false, 'duplicate_response'],
        ]);
      });
    });

    it('sums money exactly', async () => {
      await withStore(open, async (store) => {
        await store.insertSteps(
          ['0.1', '0.2', '0.3'].map((usd) => llmStep({ cost: pricedCost(usd) })),
        );
        expect(femtoToUsdString((await store.getSpendTotals()).costFemto)).toBe('0.6');
        const tiny = Array.from({ length: 10_000 }, () =>
          llmStep({ cost: pricedCost('0.000000001') }),
        );
        await store.insertSteps(tiny);
        const sample = tiny[4097] as PricedStep;
        expect(await store.getTrace(sample.traceId)).toEqual([
          { ...sample, usageCounted: true, usageExclusion: null },
        ]);
        const totals = await store.getSpendTotals();
        expect(totals.costFemto).toBe(usdToFemto('0.6') + 10_000n * 1_000_000n);
        expect(femtoToUsdString(totals.costFemto)).toBe('0.60001');
      });
    });

    it('keeps unpriced steps out of cost and reports them as unpriced tokens and models', async () => {
      await withStore(open, async (store) => {
        const unpriced = (model: string, provider: string | null, input: number, start: bigint) =>
          llmStep({
            model,
            provider,
            cost: UNPRICED,
            startTimeUnixNano: start,
            usage: { ...llmStep().usage, inputTokens: input, outputTokens: 7 },
          });
        await store.insertSteps([
          llmStep({ cost: pricedCost('0.25') }),
          unpriced('my-finetune', 'openai', 500, 20n),
          unpriced('my-finetune', 'openai', 700, 10n),
          unpriced('local-llama', null, 2000, 30n),
          toolStep(),
        ]);
        expect(await store.getSpendTotals()).toEqual({
          steps: 5,
          costFemto: usdToFemto('0.25'),
          inputTokens: 3300,
          outputTokens: 41,
          unpricedSteps: 3,
          unpricedInputTokens: 3200,
          unpricedOutputTokens: 21,
          usageUnknownSteps: 0,
          // None of these steps' traces is linked to a work unit.
          unattributedCostFemto: usdToFemto('0.25'),
        });
        expect(await store.listUnpricedModels()).toEqual([
          {
            model: 'local-llama',
            provider: null,
            steps: 1,
            inputTokens: 2000,
            outputTokens: 7,
            firstSeenUnixNano: 30n,
            lastSeenUnixNano: 30n,
          },
          {
            model: 'my-finetune',
            provider: 'openai',
            steps: 2,
            inputTokens: 1200,
            outputTokens: 14,
            firstSeenUnixNano: 10n,
            lastSeenUnixNano: 20n,
          },
        ]);
      });
    });

    it('names its database the same on every call, and a store created anew otherwise', async () => {
      await withStore(open, async (first) => {
        await withStore(open, async (second) => {
          const name = await first.identity();
          expect(name.length).toBeGreaterThan(0);
          expect(await first.identity()).toBe(name);
          expect(await second.identity()).not.toBe(name);
        });
      });
    });

    it('rejects calls after close', async () => {
      const store = await open();
      await store.close();
      await expect(async () => store.getSpendTotals()).rejects.toThrow();
      await expect(async () => store.insertSteps([llmStep()])).rejects.toThrow();
    });
  });
}
