/**
 * The trajectory part of the store contract: work-unit search (filters, order, keyset pages) and
 * the success/failure comparison counts, over a hand-worked dataset.
 */
import { describe, expect, it } from 'vitest';
import { LINK_KEYS, usdToFemto } from '../domain/index.js';
import {
  claimsLink,
  contractOutcome,
  llmStep,
  pricedCost,
  toolStep,
  UNPRICED,
  uniqueId,
} from './contract-steps.js';
import type { Store } from './store.js';
import type { WorkUnitSearch } from './trajectory-queries.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;
const RULE = 'tokenledger.decision.rule';

const link = claimsLink;

const outcome = contractOutcome;

/**
 * A: one trace — a call of $0.10 (gpt-4o, rule R1, region=x) and a tool t1 (no usage); resolved by AI.
 * B: attempts 1 ($0.20, gpt-4o) and 2 ($0.30, gpt-4o-mini, rule R2) marked by tokenledger.attempt;
 *    failed. C: a call of $0.05 and one unpriced call; pending. D: no traces; abandoned at 10h.
 */
async function load(store: Store): Promise<void> {
  const [tA, tB1, tB2, tC] = [1, 2, 3, 4].map(() => uniqueId(32)) as [
    string,
    string,
    string,
    string,
  ];
  await store.insertSteps([
    llmStep({
      traceId: tA,
      startTimeUnixNano: T0,
      cost: pricedCost('0.10'),
      attributes: link('A', { region: 'x', [RULE]: 'R1' }),
    }),
    toolStep({ traceId: tA, startTimeUnixNano: T0 + 1n, toolName: 't1', stepName: 'lookup' }),
    llmStep({
      traceId: tB1,
      startTimeUnixNano: T0 + HOUR,
      cost: pricedCost('0.20'),
      attributes: link('B', { [LINK_KEYS.attempt]: '1' }),
    }),
    llmStep({
      traceId: tB2,
      startTimeUnixNano: T0 + 2n * HOUR,
      model: 'gpt-4o-mini',
      cost: pricedCost('0.30'),
      attributes: link('B', { [LINK_KEYS.attempt]: '2', [RULE]: 'R2' }),
    }),
    llmStep({
      traceId: tC,
      startTimeUnixNano: T0 + 3n * HOUR,
      cost: pricedCost('0.05'),
      attributes: link('C'),
    }),
    llmStep({
      traceId: tC,
      startTimeUnixNano: T0 + 3n * HOUR + 1n,
      model: 'mystery',
      cost: UNPRICED,
    }),
  ]);
  await store.insertOutcomes([
    outcome('A', {}),
    outcome('B', { status: 'failed', resolvedBy: null }),
    outcome('D', { status: 'abandoned', resolvedBy: null }),
  ]);
}

const base: WorkUnitSearch = { workflow: 'claims', sort: '-cost', limit: 50 };

export function runStoreTrajectoryContract(name: string, open: () => Promise<Store>): void {
  describe(`Store trajectory contract: ${name}`, () => {
    it('searches units with their outcome, attempts, exact cost, models, tools and rules', async () => {
      const store = await open();
      try {
        await load(store);
        const all = await store.searchWorkUnits(base);
        expect(all.matched).toBe(4);
        expect(all.next).toBeNull();
        expect(
          all.units.map((u) => [
            u.workUnitId,
            u.status,
            u.attempts,
            u.tokenCostFemto,
            u.unknownCostSteps,
          ]),
        ).toEqual([
          ['B', 'failed', 2, usdToFemto('0.50'), 0],
          ['A', 'resolved', 1, usdToFemto('0.10'), 0],
          ['C', null, 1, usdToFemto('0.05'), 1],
          ['D', 'abandoned', 0, 0n, 0],
        ]);
        expect(all.units[0]).toMatchObject({
          models: ['gpt-4o', 'gpt-4o-mini'],
          tools: [],
          rules: ['R2'],
        });
        expect(all.units[1]).toMatchObject({ models: ['gpt-4o'], tools: ['t1'], rules: ['R1'] });
        const only = async (filter: Partial<WorkUnitSearch>) =>
          (await store.searchWorkUnits({ ...base, ...filter })).units.map((u) => u.workUnitId);
        expect(await only({ model: 'gpt-4o-mini' })).toEqual(['B']);
        expect(await only({ tool: 't1' })).toEqual(['A']);
        expect(await only({ rule: 'R2' })).toEqual(['B']);
        expect(await only({ status: 'pending' })).toEqual(['C']);
        expect(await only({ attributes: { region: 'x' } })).toEqual(['A']);
        expect(
          await only({ minCostFemto: usdToFemto('0.05'), maxCostFemto: usdToFemto('0.10') }),
        ).toEqual(['A', 'C']);
        expect(await only({ workUnitIds: ['D', 'A', 'nobody'] })).toEqual(['A', 'D']);
        expect(await only({ workUnitIds: [], status: 'pending' })).toEqual([]);
        const many = Array.from({ length: 100_000 }, (_, i) => `u${i}`);
        expect(await only({ workUnitIds: [...many, 'C'], model: 'gpt-4o' })).toEqual(['C']);
        expect(await only({ fromUnixNano: T0 + HOUR, toUnixNano: T0 + 4n * HOUR })).toEqual([
          'B',
          'C',
        ]);
        const pages: string[] = [];
        let cursor: WorkUnitSearch['cursor'];
        do {
          const page = await store.searchWorkUnits({
            ...base,
            sort: 'start',
            limit: 1,
            ...(cursor ? { cursor } : {}),
          });
          pages.push(...page.units.map((u) => u.workUnitId));
          cursor = page.next ?? undefined;
        } while (cursor);
        expect(pages).toEqual(['A', 'B', 'C', 'D']);
      } finally {
        await store.close();
      }
    });

    it('counts what AI-resolved and failed units have, by their judged attempts', async () => {
      const store = await open();
      try {
        await load(store);
        const counts = await store.compareOutcomes({ workflow: 'claims' });
        expect([counts.success, counts.failed, counts.excludedUnits]).toEqual([
          { units: 1, attempts: 1, tokenCostFemto: usdToFemto('0.10') },
          { units: 1, attempts: 2, tokenCostFemto: usdToFemto('0.50') },
          2,
        ]);
        const feature = (kind: string, value: string) =>
          counts.features.find((f) => f.kind === kind && f.value === value);
        expect(feature('rule', 'R2')).toEqual({
          kind: 'rule',
          value: 'R2',
          success: { units: 0, attempts: 0, tokenCostFemto: 0n },
          failed: { units: 1, attempts: 1, tokenCostFemto: usdToFemto('0.30') },
        });
        expect(feature('attribute', 'region=x')?.success.units).toBe(1);
        expect(feature('tool', 't1')?.failed.units).toBe(0);
        expect(counts.steps.find((s) => s.stepName === 'chat')).toEqual({
          stepName: 'chat',
          success: {
            calls: 1,
            costedCalls: 1,
            costFemto: usdToFemto('0.10'),
            inputCalls: 1,
            inputTokens: 100,
          },
          failed: {
            calls: 2,
            costedCalls: 2,
            costFemto: usdToFemto('0.50'),
            inputCalls: 2,
            inputTokens: 200,
          },
        });
      } finally {
        await store.close();
      }
    });
  });
}
