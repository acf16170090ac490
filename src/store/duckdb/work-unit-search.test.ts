/**
 * Work-unit search from the unit and attribute roll-ups (work-unit-search.ts) against the same
 * search over the workflow's traces: every filter, both orders and every keyset page give the same
 * answer, through a trace continued in a second write (its link arriving late), a unit known only
 * by its outcome, an overridden outcome, tied costs and a unit without a workflow.
 */
import { describe, expect, it } from 'vitest';
import { LINK_KEYS, usdToFemto } from '../../domain/index.js';
import { claimsLink, contractOutcome, llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import type { WorkUnitSearch, WorkUnitSearchPage } from '../trajectory-queries.js';
import type { DuckDbStore } from './duckdb-store.js';
import { storesClosedAfterEach } from './test-stores.js';
import { NO_WORKFLOW } from './unit-key.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;

const openStore = storesClosedAfterEach();

/** Every page of `search`, from the roll-ups, checked page for page against the traces' answer. */
async function pages(s: DuckDbStore, search: WorkUnitSearch): Promise<WorkUnitSearchPage[]> {
  const all: WorkUnitSearchPage[] = [];
  let cursor = search.cursor;
  do {
    const query = { ...search, ...(cursor ? { cursor } : {}) };
    const page = await s.searchWorkUnits(query);
    s.readsRollups = false;
    expect(await s.searchWorkUnits(query)).toEqual(page);
    s.readsRollups = true;
    all.push(page);
    cursor = page.next ?? undefined;
  } while (cursor);
  return all;
}

const ids = (found: WorkUnitSearchPage[]) => found.flatMap((p) => p.units.map((u) => u.workUnitId));

describe('work-unit search from the roll-ups', () => {
  it('answers as the search over the traces, page for page', async () => {
    const s = await openStore();
    const late = uniqueId(32);
    await s.insertSteps([
      // P ($0.30) and Q ($0.30) tie on cost; R costs $0.10 over two traces.
      llmStep({
        traceId: uniqueId(32),
        startTimeUnixNano: T0,
        cost: pricedCost('0.30'),
        attributes: claimsLink('P', { tier: 'gold' }),
      }),
      llmStep({
        traceId: uniqueId(32),
        startTimeUnixNano: T0 + HOUR,
        model: 'gpt-4o-mini',
        cost: pricedCost('0.30'),
        attributes: claimsLink('Q', { tier: 'silver' }),
      }),
      llmStep({
        traceId: uniqueId(32),
        startTimeUnixNano: T0 + 2n * HOUR,
        cost: pricedCost('0.04'),
        attributes: claimsLink('R', { tier: 'gold' }),
      }),
      llmStep({
        traceId: uniqueId(32),
        startTimeUnixNano: T0 + 3n * HOUR,
        cost: pricedCost('0.06'),
        attributes: claimsLink('R', { tier: 'silver' }),
      }),
      // A trace whose first write carries no link: S's link and second call arrive later.
      llmStep({ traceId: late, startTimeUnixNano: T0 + 4n * HOUR, cost: pricedCost('0.02') }),
      // A unit linked without a workflow.
      llmStep({
        traceId: uniqueId(32),
        startTimeUnixNano: T0 + 5n * HOUR,
        cost: pricedCost('0.50'),
        attributes: { [LINK_KEYS.workUnitId]: 'N', tier: 'gold' },
      }),
    ]);
    await s.insertSteps([
      llmStep({
        traceId: late,
        startTimeUnixNano: T0 + 4n * HOUR + 1n,
        model: 'claude-haiku-4-5',
        cost: pricedCost('0.03'),
        attributes: claimsLink('S', { tier: 'gold' }),
      }),
    ]);
    await s.insertOutcomes([
      contractOutcome('P', { overridden: true }),
      contractOutcome('Q', { status: 'failed', resolvedBy: null }),
      // T is known only by its outcome; its attributes are the outcome's.
      contractOutcome('T', { attributes: { tier: 'gold' } }),
    ]);
    const base: WorkUnitSearch = { workflow: 'claims', sort: '-cost', limit: 2 };
    const byCost = await pages(s, base);
    // Ties go to the larger unit id when descending.
    expect(ids(byCost)).toEqual(['Q', 'P', 'R', 'S', 'T']);
    expect(byCost[0]?.matched).toBe(5);
    expect(byCost[0]?.units[1]).toMatchObject({
      overridden: true,
      tokenCostFemto: usdToFemto('0.30'),
    });
    const s2 = byCost[1]?.units[1];
    expect(s2).toMatchObject({ workUnitId: 'S', attempts: 1, tokenCostFemto: usdToFemto('0.05') });
    expect(s2?.models).toEqual(['claude-haiku-4-5', 'gpt-4o']);
    // R's value is its earliest trace's (gold); T's its outcome's.
    expect(ids(await pages(s, { ...base, attributes: { tier: 'gold' } }))).toEqual([
      'P',
      'R',
      'S',
      'T',
    ]);
    expect(ids(await pages(s, { ...base, attributes: { tier: 'silver' } }))).toEqual(['Q']);
    expect(ids(await pages(s, { ...base, sort: 'start', status: 'resolved' }))).toEqual(['P', 'T']);
    expect(
      ids(
        await pages(s, {
          ...base,
          minCostFemto: usdToFemto('0.05'),
          maxCostFemto: usdToFemto('0.10'),
          fromUnixNano: T0 + HOUR,
        }),
      ),
    ).toEqual(['R', 'S']);
    expect(ids(await pages(s, { ...base, workUnitIds: ['S', 'Q', 'X'] }))).toEqual(['Q', 'S']);
    // A model filter reads the steps either way; the no-workflow bucket too.
    expect(ids(await pages(s, { ...base, model: 'gpt-4o-mini' }))).toEqual(['Q']);
    expect(ids(await pages(s, { ...base, workflow: NO_WORKFLOW }))).toEqual([]);
  });
});
