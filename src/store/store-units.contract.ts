/**
 * The unit-economics part of the store contract: outcomes supersede by time then arrival, traces
 * link to units through any span, attempts and costs aggregate per group. Hand-worked dataset.
 */
import { describe, expect, it } from 'vitest';
import { LINK_KEYS, type PricedStep, usdToFemto } from '../domain/index.js';
import { claimsLink, contractOutcome, llmStep, pricedCost, uniqueId } from './contract-steps.js';
import type { Store } from './store.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;

function call(
  traceId: string,
  cost: string,
  at: bigint,
  attributes: Record<string, string> = {},
): PricedStep {
  return llmStep({ traceId, startTimeUnixNano: at, cost: pricedCost(cost), attributes });
}

const outcome = contractOutcome;

/**
 * C-1: one attempt, $0.10 + $0.05, linked on its second span only; resolved by AI, worth $5.
 * C-2: two marked attempts of $0.20 each, a 3-minute human step; resolved by AI.
 * C-3: one attempt of $0.30; "resolved" at 11h, then "failed" at 12h (sent first).
 * C-4: no traces; resolved by a human in 12 minutes. An unlinked trace costs $1.00.
 */
async function loadDataset(store: Store): Promise<void> {
  const link = claimsLink;
  const [t1, t2a, t2b, t3, t5] = [1, 2, 3, 4, 5].map(() => uniqueId(32)) as [
    string,
    string,
    string,
    string,
    string,
  ];
  const human = llmStep({
    traceId: t2b,
    kind: 'human',
    startTimeUnixNano: T0 + 3n * HOUR + 1n,
    usage: { ...llmStep().usage, inputTokens: null, outputTokens: null },
    cost: { ...pricedCost('0'), pricingStatus: 'no_usage' },
    attributes: { 'tokenledger.human.minutes': '3' },
  });
  await store.insertSteps([
    call(t1, '0.10', T0),
    call(t1, '0.05', T0 + 1n, link('C-1')),
    call(t2a, '0.20', T0 + 2n * HOUR, link('C-2', { [LINK_KEYS.attempt]: '1' })),
    call(t2b, '0.20', T0 + 3n * HOUR, link('C-2', { [LINK_KEYS.attempt]: '2' })),
    human,
    call(t3, '0.30', T0 + 4n * HOUR, link('C-3', { segment: 'b' })),
    call(t5, '1.00', T0 + 5n * HOUR),
  ]);
  await store.insertOutcomes([
    outcome('C-3', { status: 'failed', resolvedBy: null, occurredAtUnixNano: T0 + 12n * HOUR }),
    outcome('C-1', { valueFemto: usdToFemto('5'), attributes: { segment: 'a' } }),
    outcome('C-2', { attributes: { segment: 'b' } }),
    outcome('C-3', { occurredAtUnixNano: T0 + 11n * HOUR }),
    outcome('C-4', { resolvedBy: 'human', humanMinutes: 12 }),
  ]);
}

export function runStoreUnitsContract(name: string, open: () => Promise<Store>): void {
  describe(`Store units contract: ${name}`, () => {
    it('aggregates units, attempts, outcomes and costs per workflow', async () => {
      const store = await open();
      try {
        await loadDataset(store);
        const [claims, ...rest] = await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
        expect(rest).toEqual([]);
        expect(claims).toEqual({
          group: 'claims',
          workflow: 'claims',
          units: 4,
          unitsWithOutcome: 4,
          resolvedUnits: 3,
          aiResolvedUnits: 2,
          humanResolvedUnits: 1,
          bpoResolvedUnits: 0,
          handedOffUnits: 1,
          firstPassUnits: 1,
          attempts: 4,
          tokenCostFemto: usdToFemto('0.85'),
          retryCostFemto: usdToFemto('0.20'),
          failedCostFemto: usdToFemto('0.30'),
          outcomeCostFemto: usdToFemto('0.85'),
          humanMinutes: 15,
          statedValueFemto: usdToFemto('5'),
          resolvedWithoutValue: 2,
          unitCostP50Femto: usdToFemto('0.30'),
          unitCostP95Femto: usdToFemto('0.40'),
          unitCostMaxFemto: usdToFemto('0.40'),
          unitCostMinFemto: usdToFemto('0.15'),
          unpricedSteps: 0,
          usageUnknownSteps: 0,
          firstSeenUnixNano: T0,
          lastSeenUnixNano: T0 + 10n * HOUR,
        });
        const totals = await store.getSpendTotals();
        expect(totals.unattributedCostFemto).toBe(usdToFemto('1'));
        expect(totals.costFemto).toBe(usdToFemto('1.85'));
      } finally {
        await store.close();
      }
    });

    it('returns attempt histories per attempt number, step and model, and context band', async () => {
      const store = await open();
      try {
        await loadDataset(store);
        // C-1 succeeds at attempt 1 ($0.15); C-2 fails attempt 1 ($0.20) and succeeds at 2
        // ($0.20, with its 3-minute human step); C-3 fails its one attempt ($0.30); C-4 has no
        // attempts and is left out.
        const [claims, ...rest] = await store.attemptHistories({});
        expect(rest).toEqual([]);
        expect(claims).toEqual({
          workflow: 'claims',
          units: 3,
          aiResolvedUnits: 2,
          attempts: [
            {
              attempt: 1,
              reached: 3,
              succeeded: 1,
              costFemto: usdToFemto('0.65'),
              humanMinutes: 0,
            },
            {
              attempt: 2,
              reached: 1,
              succeeded: 1,
              costFemto: usdToFemto('0.20'),
              humanMinutes: 3,
            },
          ],
          steps: [
            {
              // The step name, as the waste analysis and the comparison name it.
              step: 'chat',
              model: 'gpt-4o',
              provider: 'openai',
              calls: 5,
              attempts: 4,
              succeededAttempts: 2,
              costFemto: usdToFemto('0.85'),
              pricedCalls: 5,
              inputTokens: 500,
              outputTokens: 100,
              cacheReadTokens: 0,
              cacheWriteTokens: 0,
            },
          ],
          contextBands: [{ band: '<4k', attempts: 4, succeeded: 2, costFemto: usdToFemto('0.85') }],
          firstSeenUnixNano: T0,
          lastSeenUnixNano: T0 + 4n * HOUR,
        });
        expect(await store.attemptHistories({ workflow: 'other' })).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('segments units by an attribute of their outcome or their linking span', async () => {
      const store = await open();
      try {
        await loadDataset(store);
        const segments = await store.aggregateUnits({
          groupBy: { kind: 'attribute', key: 'segment' },
        });
        expect(segments.map((s) => [s.group, s.units, s.tokenCostFemto, s.resolvedUnits])).toEqual([
          ['segment=a', 1, usdToFemto('0.15'), 1],
          ['segment=b', 2, usdToFemto('0.70'), 1],
        ]);
        expect(await store.listAttributeKeys('claims')).toEqual(['segment']);
        // Several keys in one pass give each key's rows exactly as one key at a time does.
        const several = await store.aggregateUnits({
          groupBy: { kind: 'attributes', keys: ['segment', 'missing', 'workflow-less'] },
        });
        expect(several).toEqual(segments);
        expect(await store.aggregateUnits({ groupBy: { kind: 'attributes', keys: [] } })).toEqual(
          [],
        );
        const teams = await store.aggregateUnits({
          groupBy: { kind: 'team', teams: { claims: 'claims-ops' } },
        });
        expect(teams.map((t) => [t.group, t.units])).toEqual([['claims-ops', 4]]);
        const late = await store.aggregateUnits({
          groupBy: { kind: 'workflow' },
          fromUnixNano: T0 + HOUR,
        });
        expect(late.map((w) => w.units)).toEqual([3]);
      } finally {
        await store.close();
      }
    });

    it('takes every field of the latest outcome, nulls included', async () => {
      const store = await open();
      try {
        await store.insertOutcomes([
          outcome('V-1', {
            valueFemto: usdToFemto('7'),
            resolvedBy: 'bpo',
            occurredAtUnixNano: T0,
          }),
          outcome('V-1', { valueFemto: null, resolvedBy: 'ai', occurredAtUnixNano: T0 + HOUR }),
        ]);
        const [row] = await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
        expect(row).toMatchObject({
          units: 1,
          aiResolvedUnits: 1,
          bpoResolvedUnits: 0,
          statedValueFemto: 0n,
          resolvedWithoutValue: 1,
        });
      } finally {
        await store.close();
      }
    });

    it('narrows the report to the units with one business attribute value', async () => {
      const store = await open();
      try {
        await loadDataset(store);
        // segment=b: C-2 on its outcome ($0.40), C-3 on its linking span ($0.30); segment=a: C-1.
        const b = await store.aggregateUnits({
          groupBy: { kind: 'workflow' },
          attribute: { key: 'segment', value: 'b' },
        });
        expect(b.map((r) => [r.group, r.units, r.tokenCostFemto])).toEqual([
          ['claims', 2, usdToFemto('0.70')],
        ]);
        const a = await store.aggregateUnits({
          groupBy: { kind: 'attribute', key: 'segment' },
          attribute: { key: 'segment', value: 'a' },
        });
        expect(a.map((r) => [r.group, r.units, r.tokenCostFemto])).toEqual([
          ['segment=a', 1, usdToFemto('0.15')],
        ]);
        const none = await store.aggregateUnits({
          groupBy: { kind: 'workflow' },
          attribute: { key: 'segment', value: 'z' },
        });
        expect(none).toEqual([]);
      } finally {
        await store.close();
      }
    });

    it('spreads a workflow’s units over geometric cost bands by outcome', async () => {
      const store = await open();
      try {
        await loadDataset(store);
        // Costs: C-1 $0.15 resolved, C-3 $0.30 failed, C-2 $0.40 resolved; C-4 has no cost.
        // Two bands split at 0.15 × (0.40 / 0.15)^(1/2) = $0.2449489…: C-1 | C-3, C-2.
        const two = await store.unitCostDistribution({ workflow: 'claims', bands: 2 });
        expect(two).toMatchObject({ workflow: 'claims', units: 4, zeroCostUnits: 1 });
        expect(two.bands).toEqual([
          {
            fromFemto: usdToFemto('0.15'),
            toFemto: expect.any(BigInt),
            units: 1,
            resolvedUnits: 1,
            unresolvedUnits: 0,
            awaitingOutcomeUnits: 0,
            costFemto: usdToFemto('0.15'),
          },
          {
            fromFemto: two.bands[0]?.toFemto,
            toFemto: usdToFemto('0.40'),
            units: 2,
            resolvedUnits: 1,
            unresolvedUnits: 1,
            awaitingOutcomeUnits: 0,
            costFemto: usdToFemto('0.70'),
          },
        ]);
        const split = two.bands[0]?.toFemto ?? 0n;
        expect(split > usdToFemto('0.244948') && split < usdToFemto('0.244949')).toBe(true);
        const none = await store.unitCostDistribution({ workflow: 'support', bands: 5 });
        expect(none).toEqual({ workflow: 'support', units: 0, zeroCostUnits: 0, bands: [] });
        const late = await store.unitCostDistribution({
          workflow: 'claims',
          bands: 1,
          fromUnixNano: T0 + 3n * HOUR,
        });
        // Units first seen from 3 h: C-3 (4 h) and C-4 (its outcome at 10 h).
        expect(late).toMatchObject({ units: 2, zeroCostUnits: 1 });
        expect(late.bands.map((b) => [b.units, b.costFemto])).toEqual([[1, usdToFemto('0.30')]]);
      } finally {
        await store.close();
      }
    });

    it('keeps the latest outcome when records arrive over separate writes, out of order', async () => {
      const store = await open();
      try {
        // L-1: resolved at 10 h, then a record dated 9 h arrives: still resolved by AI.
        // L-2: failed at 10 h, then escalated dated 10 h arrives: the later arrival wins the tie.
        // L-3: failed at 10 h, then resolved by a human at 11 h: human-resolved, 30 minutes.
        await store.insertOutcomes([
          outcome('L-1', {}),
          outcome('L-2', { status: 'failed', resolvedBy: null }),
          outcome('L-3', { status: 'failed', resolvedBy: null }),
        ]);
        await store.insertOutcomes([
          outcome('L-1', {
            status: 'failed',
            resolvedBy: null,
            occurredAtUnixNano: T0 + 9n * HOUR,
          }),
          outcome('L-2', { status: 'escalated', resolvedBy: null }),
        ]);
        await store.insertOutcomes([
          outcome('L-3', {
            resolvedBy: 'human',
            humanMinutes: 30,
            occurredAtUnixNano: T0 + 11n * HOUR,
          }),
        ]);
        const [row] = await store.aggregateUnits({ groupBy: { kind: 'workflow' } });
        expect(row).toMatchObject({
          units: 3,
          resolvedUnits: 2,
          aiResolvedUnits: 1,
          humanResolvedUnits: 1,
          handedOffUnits: 2,
          humanMinutes: 30,
        });
        expect((await store.getWorkUnit('L-2'))?.outcome?.status).toBe('escalated');
      } finally {
        await store.close();
      }
    });
  });
}
