/**
 * The attribute roll-up (attribute-rollup-sql.ts) behind the waste and flow reads filtered on a
 * business attribute and the unit reports' segments and filter: after each write that changes a
 * unit's values (an earlier trace, a new outcome), the reads from the roll-ups equal those from
 * the steps and the traces' JSON, the kept rows equal a
 * derivation from scratch, and the refresh derived only the touched unit again. A unit's value is
 * its outcome's, else its earliest trace's, even when a later trace carries a key the earliest
 * lacks. Figures worked by hand below.
 */
import { describe, expect, it } from 'vitest';
import { femtoToUsdString, LINK_KEYS } from '../../domain/index.js';
import { contractOutcome, llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import type { UnitQuery } from '../store.js';
import { FLAT_WASTE_PRICING } from '../store-waste.contract.js';
import type { WasteQuery } from '../waste-facts.js';
import type { DuckDbStore } from './duckdb-store.js';
import { flowView, storesClosedAfterEach } from './test-stores.js';

const T0 = 1_764_000_000_000_000_000n;
const SECOND = 1_000_000_000n;
const ODD_KEY = 'odd"key\\';
const link = (unit: string, attributes: Record<string, string>) => ({
  [LINK_KEYS.workUnitId]: unit,
  [LINK_KEYS.workflow]: 'claims',
  ...attributes,
});

const openStore = storesClosedAfterEach();

/** The flow filtered on `key=value` from the roll-ups, checked against the steps' answer. */
async function flow(s: DuckDbStore, key: string, value: string): Promise<string[]> {
  const query: WasteQuery = { attribute: { key, value } };
  const rolledUp = await s.readSpendFlow(query);
  const facts = await s.readWasteFacts(query, FLAT_WASTE_PRICING);
  s.readsRollups = false;
  expect(await s.readSpendFlow(query)).toEqual(rolledUp);
  expect(await s.readWasteFacts(query, FLAT_WASTE_PRICING)).toEqual(facts);
  s.readsRollups = true;
  return flowView(rolledUp);
}

/** Units and spend per region (segments) from the attribute roll-up, checked against the JSON's. */
async function regions(s: DuckDbStore): Promise<string[]> {
  const query: UnitQuery = {
    groupBy: { kind: 'attributes', keys: ['region'] },
    workflow: 'claims',
  };
  const rolledUp = await s.aggregateUnits(query);
  const filtered = await s.aggregateUnitsWithTotal({
    groupBy: { kind: 'workflow' },
    attribute: { key: 'region', value: 'north' },
  });
  const spread = { workflow: 'claims', bands: 3, attribute: { key: 'region', value: 'north' } };
  const bands = await s.unitCostDistribution(spread);
  s.readsRollups = false;
  expect(await s.unitCostDistribution(spread)).toEqual(bands);
  expect(await s.aggregateUnits(query)).toEqual(rolledUp);
  expect(
    await s.aggregateUnitsWithTotal({
      groupBy: { kind: 'workflow' },
      attribute: { key: 'region', value: 'north' },
    }),
  ).toEqual(filtered);
  s.readsRollups = true;
  const north = filtered.total;
  return [
    ...rolledUp.map((g) => `${g.group} ${g.units} ${femtoToUsdString(g.tokenCostFemto)}`),
    `north total ${north?.units ?? 0} ${femtoToUsdString(north?.tokenCostFemto ?? 0n)}`,
    `north spread ${bands.units}`,
  ];
}

describe('attribute roll-up', () => {
  it('filters the waste and flow reads on each unit’s outcome, else earliest trace, exactly', async () => {
    const s = await openStore();
    const [a, b, c, d, e] = [uniqueId(32), uniqueId(32), uniqueId(32), uniqueId(32), uniqueId(32)];
    await s.insertSteps([
      // C-1: trace a (north, $0.50) then trace b (south, priority high, $0.10): north.
      llmStep({
        traceId: a,
        startTimeUnixNano: T0 + SECOND,
        cost: pricedCost('0.50'),
        attributes: link('C-1', { region: 'north' }),
      }),
      llmStep({
        traceId: b,
        startTimeUnixNano: T0 + 10n * SECOND,
        cost: pricedCost('0.10'),
        attributes: link('C-1', { region: 'south', priority: 'high' }),
      }),
      // C-2: trace c says south ($0.20), its outcome west: west.
      llmStep({
        traceId: c,
        startTimeUnixNano: T0 + 2n * SECOND,
        cost: pricedCost('0.20'),
        attributes: link('C-2', { region: 'south' }),
      }),
      // C-3: trace d, south ($0.30) and a key with a quote and a backslash; no outcome yet.
      llmStep({
        traceId: d,
        startTimeUnixNano: T0 + 20n * SECOND,
        cost: pricedCost('0.30'),
        attributes: link('C-3', { region: 'south', [ODD_KEY]: 'v' }),
      }),
    ]);
    // C-4 is known only by its outcome: north, with no spend in any flow.
    await s.insertOutcomes([
      contractOutcome('C-1'),
      contractOutcome('C-2', { attributes: { region: 'west' } }),
      contractOutcome('C-4', { attributes: { region: 'north' } }),
    ]);
    // C-1 resolved on its last attempt (b, $0.10); its first (a, $0.50) failed.
    expect(await flow(s, 'region', 'north')).toEqual(['failedAttempts 0.5 1', 'resolved 0.1 1']);
    expect(s.rollupRefresh('attributes')).toMatchObject({ kind: 'rebuild', units: 4 });
    expect(await flow(s, 'region', 'west')).toEqual(['resolved 0.2 1']);
    expect(await flow(s, 'region', 'south')).toEqual(['awaitingOutcome 0.3 1']);
    // Only C-1's later trace has a priority: the unit has none.
    expect(await flow(s, 'priority', 'high')).toEqual([]);
    expect(await flow(s, ODD_KEY, 'v')).toEqual(['awaitingOutcome 0.3 1']);
    // Kept: C-1 region; C-2 region; C-3 region and the odd key; C-4 region.
    expect(await s.checkRollup('attributes')).toEqual({ rows: 5, drifted: 0 });
    // Segments count C-4 (north, no spend) too.
    expect(await regions(s)).toEqual([
      'region=north 2 0.6',
      'region=south 1 0.3',
      'region=west 1 0.2',
      'north total 2 0.6',
      'north spread 2',
    ]);

    // An earlier trace of C-3 (e, north, $0.05) becomes its earliest: C-3 is north now.
    await s.insertSteps([
      llmStep({
        traceId: e,
        startTimeUnixNano: T0 + 15n * SECOND,
        cost: pricedCost('0.05'),
        attributes: link('C-3', { region: 'north' }),
      }),
    ]);
    expect(await flow(s, 'region', 'north')).toEqual([
      'failedAttempts 0.5 1',
      'awaitingOutcome 0.35 2',
      'resolved 0.1 1',
    ]);
    expect(s.rollupRefresh('attributes')).toMatchObject({ kind: 'incremental', units: 1 });
    expect(await flow(s, 'region', 'south')).toEqual([]);
    expect(await flow(s, ODD_KEY, 'v')).toEqual([]);
    expect(await regions(s)).toEqual([
      'region=north 3 0.95',
      'region=west 1 0.2',
      'north total 3 0.95',
      'north spread 3',
    ]);

    // C-3's outcome arrives and says east: its attempts, e then d, fail then resolve.
    await s.insertOutcomes([contractOutcome('C-3', { attributes: { region: 'east' } })]);
    expect(await flow(s, 'region', 'east')).toEqual(['failedAttempts 0.05 1', 'resolved 0.3 1']);
    expect(s.rollupRefresh('attributes')).toMatchObject({ kind: 'incremental', units: 1 });
    expect(await flow(s, 'region', 'north')).toEqual(['failedAttempts 0.5 1', 'resolved 0.1 1']);
    // C-4's outcome is replaced by one saying south: only C-4 is derived again.
    await s.insertOutcomes([
      contractOutcome('C-4', {
        attributes: { region: 'south' },
        occurredAtUnixNano: T0 + 20n * 3_600n * SECOND,
      }),
    ]);
    expect(await flow(s, 'region', 'south')).toEqual([]);
    expect(s.rollupRefresh('attributes')).toMatchObject({ kind: 'incremental', units: 1 });
    // C-3's earliest trace carries no odd key: one region row per unit.
    expect(await s.checkRollup('attributes')).toEqual({ rows: 4, drifted: 0 });
    expect(await regions(s)).toEqual([
      'region=east 1 0.35',
      'region=north 1 0.6',
      'region=south 1 0',
      'region=west 1 0.2',
      'north total 1 0.6',
      'north spread 1',
    ]);

    // A key the roll-up does not keep (the unit id) reads the steps, and still answers.
    expect(await flow(s, LINK_KEYS.workUnitId, 'C-2')).toEqual(['resolved 0.2 1']);
  });
});
