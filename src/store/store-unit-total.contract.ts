/**
 * The store contract's single-scan total (`aggregateUnitsWithTotal`): its total row is figure for
 * figure what `aggregateUnits` answers for the whole workflow, and its groups what it answers per
 * day, including quantiles, which cannot be combined from the days. Hand-worked dataset, 3 days.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LINK_KEYS, type PricedStep, usdToFemto } from '../domain/index.js';
import { contractOutcome, llmStep, pricedCost, uniqueId } from './contract-steps.js';
import type { Store, UnitQuery } from './store.js';
import type { UnitTotalQuery } from './unit-total.js';

/** 2025-11-24T00:00:00Z. */
const D0 = 1_763_942_400_000_000_000n;
const HOUR = 3_600_000_000_000n;
const DAY = 24n * HOUR;

function call(unit: string, cost: string, at: bigint, extra: Record<string, string> = {}) {
  const workflow = unit.startsWith('T') ? 'tickets' : 'claims';
  return llmStep({
    traceId: uniqueId(32),
    startTimeUnixNano: at,
    cost: pricedCost(cost),
    attributes: { [LINK_KEYS.workUnitId]: unit, [LINK_KEYS.workflow]: workflow, ...extra },
  });
}

/**
 * claims, one attempt each unless said, unit cost in brackets:
 *   day 1: A $0.10 09:00 resolved by AI; B two marked attempts $0.20 (10:00) + $0.30 (11:00)
 *          [$0.50] resolved by AI; C $0.40 12:00 failed.
 *   day 2: D $0.50 09:00 escalated; E $0.60 10:00 resolved by a human in 10 minutes.
 *   day 3: F $0.70 09:00 no outcome; G $0.80 10:00 resolved by AI, worth $5.
 * tickets: T $9.00 on day 2, resolved by AI.
 */
async function load(s: Store): Promise<void> {
  const steps: PricedStep[] = [
    call('A', '0.10', D0 + 9n * HOUR),
    call('B', '0.20', D0 + 10n * HOUR, { [LINK_KEYS.attempt]: '1' }),
    call('B', '0.30', D0 + 11n * HOUR, { [LINK_KEYS.attempt]: '2' }),
    call('C', '0.40', D0 + 12n * HOUR),
    call('D', '0.50', D0 + DAY + 9n * HOUR),
    call('E', '0.60', D0 + DAY + 10n * HOUR),
    call('F', '0.70', D0 + 2n * DAY + 9n * HOUR),
    call('G', '0.80', D0 + 2n * DAY + 10n * HOUR),
    call('T', '9.00', D0 + DAY + 11n * HOUR),
  ];
  await s.insertSteps(steps);
  const at = { occurredAtUnixNano: D0 + 3n * DAY };
  await s.insertOutcomes([
    contractOutcome('A', at),
    contractOutcome('B', at),
    contractOutcome('C', { ...at, status: 'failed', resolvedBy: null }),
    contractOutcome('D', { ...at, status: 'escalated', resolvedBy: null }),
    contractOutcome('E', { ...at, resolvedBy: 'human', humanMinutes: 10 }),
    contractOutcome('G', { ...at, valueFemto: usdToFemto('5') }),
    contractOutcome('T', { ...at, workflow: 'tickets' }),
  ]);
}

/** The single scan against the two queries it replaces. */
async function expectSameAsSeparate(s: Store, query: UnitTotalQuery) {
  const both = await s.aggregateUnitsWithTotal(query);
  const whole: UnitQuery = { ...query, groupBy: { kind: 'workflow' } };
  const [overall, ...none] = await s.aggregateUnits(whole);
  expect(none).toEqual([]);
  expect(both.total).toEqual(overall ?? null);
  expect(both.groups).toEqual(await s.aggregateUnits(query));
  return both;
}

export function runStoreUnitTotalContract(name: string, open: () => Promise<Store>): void {
  describe(`Store unit totals contract: ${name}`, () => {
    let store: Store | null = null;
    afterEach(async () => {
      await store?.close();
      store = null;
    });
    async function openLoaded(): Promise<Store> {
      const opened = await open();
      store = opened;
      await load(opened);
      return opened;
    }

    it("answers a workflow's total and days in one query, as the two separate queries do", async () => {
      const s = await openLoaded();
      const { total, groups } = await expectSameAsSeparate(s, {
        groupBy: { kind: 'bucket', unit: 'day' },
        workflow: 'claims',
      });
      // Unit costs sorted: .10 .40 .50 .50 .60 .70 .80 (n = 7). Nearest rank: p50 is the
      // ceil(3.5) = 4th, $0.50; p95 the ceil(6.65) = 7th, $0.80. Day 1 alone (.10 .40 .50) has
      // p50 $0.40, so the total is no sum of the days.
      expect(total).toMatchObject({
        group: 'claims',
        workflow: 'claims',
        units: 7,
        unitsWithOutcome: 6,
        resolvedUnits: 4,
        aiResolvedUnits: 3,
        humanResolvedUnits: 1,
        handedOffUnits: 2,
        firstPassUnits: 2,
        attempts: 8,
        tokenCostFemto: usdToFemto('3.60'),
        retryCostFemto: usdToFemto('0.30'),
        // C failed ($0.40) and D escalated ($0.50).
        failedCostFemto: usdToFemto('0.90'),
        outcomeCostFemto: usdToFemto('2.90'),
        humanMinutes: 10,
        statedValueFemto: usdToFemto('5'),
        resolvedWithoutValue: 3,
        unitCostP50Femto: usdToFemto('0.50'),
        unitCostP95Femto: usdToFemto('0.80'),
        unitCostMinFemto: usdToFemto('0.10'),
        unitCostMaxFemto: usdToFemto('0.80'),
        firstSeenUnixNano: D0 + 9n * HOUR,
      });
      expect(groups.map((g) => [g.group, g.units, g.unitCostP50Femto, g.unitCostP95Femto])).toEqual(
        [
          ['2025-11-24T00:00:00Z', 3, usdToFemto('0.40'), usdToFemto('0.50')],
          ['2025-11-25T00:00:00Z', 2, usdToFemto('0.50'), usdToFemto('0.60')],
          ['2025-11-26T00:00:00Z', 2, usdToFemto('0.70'), usdToFemto('0.80')],
        ],
      );
    });

    it('narrows both to the units first seen in a range', async () => {
      const s = await openLoaded();
      // [day 2 09:30, day 3 09:30) holds E (10:00) and F (09:00) only.
      const { total, groups } = await expectSameAsSeparate(s, {
        groupBy: { kind: 'bucket', unit: 'day' },
        workflow: 'claims',
        fromUnixNano: D0 + DAY + 9n * HOUR + HOUR / 2n,
        toUnixNano: D0 + 2n * DAY + 9n * HOUR + HOUR / 2n,
      });
      // Costs .60 .70: p50 the ceil(1) = 1st, p95 the ceil(1.9) = 2nd; E resolved by a human.
      expect(total).toMatchObject({
        units: 2,
        unitsWithOutcome: 1,
        handedOffUnits: 1,
        failedCostFemto: 0n,
        tokenCostFemto: usdToFemto('1.30'),
        unitCostP50Femto: usdToFemto('0.60'),
        unitCostP95Femto: usdToFemto('0.70'),
      });
      expect(groups.map((g) => [g.group, g.units])).toEqual([
        ['2025-11-25T00:00:00Z', 1],
        ['2025-11-26T00:00:00Z', 1],
      ]);
    });

    it('totals several workflows, and answers no total when no unit matches', async () => {
      const s = await openLoaded();
      const all = await s.aggregateUnitsWithTotal({ groupBy: { kind: 'workflow' } });
      expect(all.groups.map((g) => [g.group, g.workflow, g.units])).toEqual([
        ['claims', 'claims', 7],
        ['tickets', 'tickets', 1],
      ]);
      // Eight units: .10 .40 .50 .50 .60 .70 .80 9.00; p50 the 4th, p95 the ceil(7.6) = 8th.
      expect(all.total).toMatchObject({
        group: '(all units)',
        workflow: null,
        units: 8,
        tokenCostFemto: usdToFemto('12.60'),
        unitCostP50Femto: usdToFemto('0.50'),
        unitCostP95Femto: usdToFemto('9'),
      });
      const empty = await expectSameAsSeparate(s, {
        groupBy: { kind: 'bucket', unit: 'day' },
        workflow: 'claims',
        fromUnixNano: D0 + 5n * DAY,
      });
      expect(empty).toEqual({ total: null, groups: [] });
    });
  });
}
