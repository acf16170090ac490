/**
 * The spend-flow part of the store contract: priced spend per workflow, model and attempt verdict,
 * units chosen like the waste facts (range by first activity, workflow, one business attribute
 * from the latest outcome else the linking span), equal to the waste sums. Hand-worked dataset.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS, type PricedStep } from '../domain/index.js';
import { contractOutcome, llmStep, pricedCost, UNPRICED, uniqueId } from './contract-steps.js';
import type { SpendFlowRow } from './spend-flow.js';
import type { Store } from './store.js';
import { FLAT_WASTE_PRICING } from './store-waste.contract.js';

const T0 = 1_764_000_000_000_000_000n;
const SECOND = 1_000_000_000n;
const CLAUDE = {
  model: 'claude-haiku-4-5',
  requestModel: 'claude-haiku-4-5',
  provider: 'anthropic',
};
const link = (workflow: string, unit: string, segment?: string) => ({
  [LINK_KEYS.workUnitId]: unit,
  [LINK_KEYS.workflow]: workflow,
  ...(segment === undefined ? {} : { segment }),
});
const call = (traceId: string, at: number, cost: string, extra: Partial<PricedStep> = {}) =>
  llmStep({
    traceId,
    startTimeUnixNano: T0 + BigInt(at) * SECOND,
    cost: pricedCost(cost),
    ...extra,
  });

/**
 * claims C-1 (link segment gold): trace a at 1 s = gpt-4o $0.30 + claude $0.05, trace b at 5 s =
 *   gpt-4o $0.10; resolved by AI → a failed attempt ($0.35), b the resolving attempt ($0.10).
 * claims C-2 at 10 s: gpt-4o $0.20, link says gold but the outcome says silver (outcome wins); abandoned.
 * claims C-3 at 100 s: claude $0.07 and an unpriced call (not spend); no outcome → awaiting.
 * tickets T-1 at 20 s (gold): claude $0.04; resolved by a human → failed attempt.
 * An unlinked trace: gpt-4o $1.00, no unit, in no flow.
 * Flow total $0.76 = 0.30 + 0.05 + 0.10 + 0.20 + 0.07 + 0.04.
 */
export async function seedFlowDataset(store: Store): Promise<void> {
  const [a, b, c2, c3, t1, free] = Array.from({ length: 6 }, () => uniqueId(32));
  if (!a || !b || !c2 || !c3 || !t1 || !free) throw new Error('ids');
  await store.insertSteps([
    call(a, 1, '0.30', { attributes: link('claims', 'C-1', 'gold') }),
    call(a, 2, '0.05', CLAUDE),
    call(b, 5, '0.10', { attributes: link('claims', 'C-1', 'gold') }),
    call(c2, 10, '0.20', { attributes: link('claims', 'C-2', 'gold') }),
    call(c3, 100, '0.07', { ...CLAUDE, attributes: link('claims', 'C-3') }),
    llmStep({ traceId: c3, startTimeUnixNano: T0 + 101n * SECOND, cost: UNPRICED }),
    call(t1, 20, '0.04', { ...CLAUDE, attributes: link('tickets', 'T-1', 'gold') }),
    call(free, 30, '1.00'),
  ]);
  await store.insertOutcomes([
    contractOutcome('C-1'),
    contractOutcome('C-2', {
      status: 'abandoned',
      resolvedBy: null,
      attributes: { segment: 'silver' },
    }),
    contractOutcome('T-1', { workflow: 'tickets', resolvedBy: 'human' }),
  ]);
}

const view = (rows: SpendFlowRow[]) =>
  rows.map(
    (r) => `${r.workflow} ${r.model} ${r.verdict} ${femtoToUsdString(r.costFemto)} ${r.steps}`,
  );

export function runStoreFlowContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract (spend flow): ${name}`, () => {
    it('sums priced spend per workflow, model and verdict; the waste sums agree', async () => {
      const store = await open();
      await store.migrate();
      await seedFlowDataset(store);
      expect(view(await store.readSpendFlow({}))).toEqual([
        'claims claude-haiku-4-5 failedAttempts 0.05 1',
        'claims claude-haiku-4-5 awaitingOutcome 0.07 1',
        'claims gpt-4o abandoned 0.2 1',
        'claims gpt-4o failedAttempts 0.3 1',
        'claims gpt-4o resolved 0.1 1',
        'tickets claude-haiku-4-5 failedAttempts 0.04 1',
      ]);
      const facts = await store.readWasteFacts({}, FLAT_WASTE_PRICING);
      const claims = facts.workflows.find((w) => w.workflow === 'claims');
      expect(claims && femtoToUsdString(claims.totalFemto)).toBe('0.72');
      expect(claims && femtoToUsdString(claims.failedFemto)).toBe('0.35');
      expect(claims && femtoToUsdString(claims.abandonedFemto)).toBe('0.2');
      expect(claims && femtoToUsdString(claims.pendingFemto)).toBe('0.07');
      await store.close();
    });

    it('narrows by workflow, range and one business attribute', async () => {
      const store = await open();
      await store.migrate();
      await seedFlowDataset(store);
      expect(view(await store.readSpendFlow({ workflow: 'tickets' }))).toEqual([
        'tickets claude-haiku-4-5 failedAttempts 0.04 1',
      ]);
      // C-3 first seen at 100 s falls after `to`; C-1 at 1 s before `from`.
      const range = { fromUnixNano: T0 + 3n * SECOND, toUnixNano: T0 + 50n * SECOND };
      expect(view(await store.readSpendFlow(range))).toEqual([
        'claims gpt-4o abandoned 0.2 1',
        'tickets claude-haiku-4-5 failedAttempts 0.04 1',
      ]);
      // gold: C-1 (link) and T-1; C-2's outcome says silver.
      const gold = { attribute: { key: 'segment', value: 'gold' } };
      expect(view(await store.readSpendFlow(gold))).toEqual([
        'claims claude-haiku-4-5 failedAttempts 0.05 1',
        'claims gpt-4o failedAttempts 0.3 1',
        'claims gpt-4o resolved 0.1 1',
        'tickets claude-haiku-4-5 failedAttempts 0.04 1',
      ]);
      const silver = { attribute: { key: 'segment', value: 'silver' } };
      expect(view(await store.readSpendFlow(silver))).toEqual(['claims gpt-4o abandoned 0.2 1']);
      const facts = await store.readWasteFacts(gold, FLAT_WASTE_PRICING);
      expect(facts.workflows.map((w) => `${w.workflow} ${femtoToUsdString(w.totalFemto)}`)).toEqual(
        ['claims 0.45', 'tickets 0.04'],
      );
      await store.close();
    });
  });
}
