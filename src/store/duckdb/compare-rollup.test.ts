/**
 * The success/failure comparison read from its roll-up (migration 0011) through writes that change
 * what a unit's judged attempts have: a late span, a changed outcome. After each, the comparison
 * equals the one read from the steps (with and without a time range), the kept rows equal a
 * derivation from scratch, and only the touched unit was derived again. Figures worked by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { LINK_KEYS, usdToFemto } from '../../domain/index.js';
import {
  claimsLink,
  contractOutcome,
  llmStep,
  pricedCost,
  toolStep,
  uniqueId,
} from '../contract-steps.js';
import type { CompareQuery, OutcomeComparisonCounts } from '../trajectory-queries.js';
import { COMPARE_ROLLUP, derivedRollupDrift, refreshDerivedRollup } from './derived-rollup.js';
import { DuckDbStore } from './duckdb-store.js';
import { storesClosedAfterEach } from './test-stores.js';

const T0 = 1_764_000_000_000_000_000n;
const HOUR = 3_600_000_000_000n;
const RULE = 'tokenledger.decision.rule';
const link = claimsLink;

const openStore = storesClosedAfterEach();

type Sides = [units: number, attempts: number, costUsd: string];
const sides = (s: Sides, f: Sides) => ({
  success: { units: s[0], attempts: s[1], tokenCostFemto: usdToFemto(s[2]) },
  failed: { units: f[0], attempts: f[1], tokenCostFemto: usdToFemto(f[2]) },
});

const sorted = (counts: OutcomeComparisonCounts) => ({
  ...counts,
  features: [...counts.features].sort((a, b) =>
    `${a.kind} ${a.value}`.localeCompare(`${b.kind} ${b.value}`),
  ),
});

/** The comparison from the roll-up, checked against the steps and a derivation from scratch. */
async function compare(s: DuckDbStore, query: CompareQuery = { workflow: 'claims' }) {
  const rolledUp = await s.compareOutcomes(query);
  const refresh = s.rollupRefresh('compare');
  s.readsRollups = false;
  expect(sorted(await s.compareOutcomes(query))).toEqual(sorted(rolledUp));
  s.readsRollups = true;
  expect((await s.checkRollup('compare')).drifted).toBe(0);
  const feature = (kind: string, value: string) => {
    const found = rolledUp.features.find((f) => f.kind === kind && f.value === value);
    return found && { success: found.success, failed: found.failed };
  };
  return { counts: rolledUp, feature, refresh };
}

describe('comparison roll-up', () => {
  it('follows a late span and a changed outcome exactly, judging tied attempts by key', async () => {
    const s = await openStore();
    const [t1a, t1b, t2a, t2b] = [uniqueId(32), uniqueId(32), uniqueId(32), uniqueId(32)];
    // U1, resolved by AI: attempt "x" (a $0.20 gpt-4o draft and a search) and a trace without an
    // attempt id ($0.05 gpt-4o-mini draft), both starting at T0. The larger key is the last: a
    // bare trace id is larger than any attempt id, so U1 succeeded on its $0.05 trace.
    // U2, failed: attempt 1 ($0.30 draft, rule R1) and attempt 2 ($0.40 draft and a search).
    await s.insertSteps([
      llmStep({
        traceId: t1a,
        startTimeUnixNano: T0,
        stepName: 'draft',
        cost: pricedCost('0.20'),
        attributes: link('U1', { [LINK_KEYS.attempt]: 'x', region: 'north' }),
      }),
      toolStep({ traceId: t1a, startTimeUnixNano: T0 + 1n, stepName: 'lookup' }),
      llmStep({
        traceId: t1b,
        startTimeUnixNano: T0,
        stepName: 'draft',
        model: 'gpt-4o-mini',
        cost: pricedCost('0.05'),
        attributes: link('U1', { region: 'north' }),
      }),
      llmStep({
        traceId: t2a,
        startTimeUnixNano: T0 + HOUR,
        stepName: 'draft',
        cost: pricedCost('0.30'),
        attributes: link('U2', { [LINK_KEYS.attempt]: '1', region: 'south', [RULE]: 'R1' }),
      }),
      llmStep({
        traceId: t2b,
        startTimeUnixNano: T0 + 2n * HOUR,
        stepName: 'draft',
        cost: pricedCost('0.40'),
        attributes: link('U2', { [LINK_KEYS.attempt]: '2', region: 'south' }),
      }),
      toolStep({ traceId: t2b, startTimeUnixNano: T0 + 2n * HOUR + 1n, stepName: 'lookup' }),
    ]);
    await s.insertOutcomes([
      contractOutcome('U1'),
      contractOutcome('U2', { status: 'failed', resolvedBy: null, attributes: { tier: 'gold' } }),
    ]);

    const first = await compare(s);
    expect(first.refresh?.kind).toBe('rebuild');
    expect([first.counts.success, first.counts.failed]).toEqual(
      Object.values(sides([1, 1, '0.05'], [1, 2, '0.70'])),
    );
    expect(first.feature('model', 'gpt-4o')).toEqual(sides([0, 0, '0'], [1, 2, '0.70']));
    expect(first.feature('model', 'gpt-4o-mini')).toEqual(sides([1, 1, '0.05'], [0, 0, '0']));
    expect(first.feature('tool', 'search')).toEqual(sides([0, 0, '0'], [1, 1, '0.40']));
    expect(first.feature('rule', 'R1')).toEqual(sides([0, 0, '0'], [1, 1, '0.30']));
    expect(first.feature('attribute', 'tier=gold')).toEqual(sides([0, 0, '0'], [1, 2, '0.70']));
    expect(first.feature('attribute', 'region=north')).toEqual(sides([1, 1, '0.05'], [0, 0, '0']));
    expect(first.counts.steps.find((x) => x.stepName === 'draft')).toEqual({
      stepName: 'draft',
      success: {
        calls: 1,
        costedCalls: 1,
        costFemto: usdToFemto('0.05'),
        inputCalls: 1,
        inputTokens: 100,
      },
      failed: {
        calls: 2,
        costedCalls: 2,
        costFemto: usdToFemto('0.70'),
        inputCalls: 2,
        inputTokens: 200,
      },
    });

    // A late tool call in U2's first attempt: tool fax in one failed attempt of $0.30.
    await s.insertSteps([
      toolStep({ traceId: t2a, startTimeUnixNano: T0 + HOUR + 5n, toolName: 'fax' }),
    ]);
    const late = await compare(s);
    expect(late.refresh).toMatchObject({ kind: 'incremental', units: 1 });
    expect(late.feature('tool', 'fax')).toEqual(sides([0, 0, '0'], [1, 1, '0.30']));

    // U3's trace arrives in two writes, a search first and its linking span (region east, $0.15)
    // in the second: the unit takes the link of the merged trace. Failed.
    const t3 = uniqueId(32);
    await s.insertSteps([toolStep({ traceId: t3, startTimeUnixNano: T0 + 3n * HOUR + 1n })]);
    await s.insertOutcomes([contractOutcome('U3', { status: 'failed', resolvedBy: null })]);
    await s.insertSteps([
      llmStep({
        traceId: t3,
        startTimeUnixNano: T0 + 3n * HOUR,
        cost: pricedCost('0.15'),
        attributes: link('U3', { region: 'east' }),
      }),
    ]);
    const linkedLate = await compare(s);
    expect(linkedLate.feature('attribute', 'region=east')).toEqual(
      sides([0, 0, '0'], [1, 1, '0.15']),
    );
    expect(linkedLate.counts.failed).toEqual(sides([0, 0, '0'], [2, 3, '0.85']).failed);

    // U1 resolved by a human after all: both its attempts are failed ones ($0.25), and search
    // is in one attempt of each unit: $0.20 + $0.40 + $0.15.
    await s.insertOutcomes([
      contractOutcome('U1', { resolvedBy: 'human', occurredAtUnixNano: T0 + 11n * HOUR }),
    ]);
    const changed = await compare(s);
    expect(changed.refresh).toMatchObject({ kind: 'incremental', units: 1 });
    expect([changed.counts.success, changed.counts.failed]).toEqual(
      Object.values(sides([0, 0, '0'], [3, 5, '1.10'])),
    );
    expect(changed.feature('tool', 'search')).toEqual(sides([0, 0, '0'], [3, 3, '0.75']));

    // From half an hour in: U2 and U3 (their first activity is at 1h and 3h).
    const ranged = await compare(s, { workflow: 'claims', fromUnixNano: T0 + HOUR / 2n });
    expect(ranged.counts.failed).toEqual(sides([0, 0, '0'], [2, 3, '0.85']).failed);
    expect(ranged.feature('attribute', 'region=north')).toBeUndefined();

    // Filtered on business attributes. U4 (pending) and U5 (abandoned, known only by its outcome)
    // are excluded units of region south, U4 by its link, U5 by its outcome.
    await s.insertSteps([
      llmStep({
        startTimeUnixNano: T0 + 4n * HOUR,
        cost: pricedCost('0.02'),
        attributes: link('U4', { region: 'south', 'plan "x"\\': 'p1' }),
      }),
    ]);
    await s.insertOutcomes([
      contractOutcome('U5', {
        status: 'abandoned',
        resolvedBy: null,
        attributes: { region: 'south' },
      }),
    ]);
    const south = await compare(s, { workflow: 'claims', attributes: { region: 'south' } });
    expect([south.counts.success, south.counts.failed, south.counts.excludedUnits]).toEqual([
      ...Object.values(sides([0, 0, '0'], [1, 2, '0.70'])),
      2,
    ]);
    const gold = await compare(s, {
      workflow: 'claims',
      attributes: { tier: 'gold', region: 'south' },
    });
    expect([gold.counts.failed.units, gold.counts.excludedUnits]).toEqual([1, 0]);
    const quoted = await compare(s, { workflow: 'claims', attributes: { 'plan "x"\\': 'p1' } });
    expect([quoted.counts.failed.units, quoted.counts.excludedUnits]).toEqual([0, 1]);
    // An identity key is not kept in the roll-up: such a filter reads the steps.
    const bySession = await compare(s, {
      workflow: 'claims',
      attributes: { 'service.name': 'svc' },
    });
    expect(bySession.counts.failed.units).toBe(0);
  });
});

describe('comparison roll-up left alone', () => {
  it('derives every unit again once more are noted than an incremental refresh should hold', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'compare-rollup-'));
    const path = join(dir, 'store.duckdb');
    try {
      const s = await DuckDbStore.open({ path });
      await s.migrate();
      const unit = (id: string, second: bigint) =>
        llmStep({ startTimeUnixNano: T0 + second, cost: pricedCost('0.10'), attributes: link(id) });
      await s.insertSteps([unit('A', 1n)]);
      await s.insertOutcomes([contractOutcome('A')]);
      await s.compareOutcomes({ workflow: 'claims' });
      // Three units written while no comparison is read: noted, not derived.
      await s.insertSteps([unit('B', 2n), unit('C', 3n), unit('D', 4n)]);
      await s.insertOutcomes(['B', 'C', 'D'].map((id) => contractOutcome(id)));
      await s.refreshUnitRollup();
      await s.close();
      const instance = await DuckDBInstance.create(path);
      const c = await instance.connect();
      try {
        // Past two noted units: every unit is derived (4), in one pass.
        expect(await refreshDerivedRollup(c, COMPARE_ROLLUP, 2)).toMatchObject({
          kind: 'rebuild',
          units: 4,
        });
        expect((await derivedRollupDrift(c, COMPARE_ROLLUP)).drifted).toBe(0);
        const rows = await c.runAndReadAll(
          "SELECT count(*) FROM compare_unit_values WHERE kind = 'unit'",
        );
        expect(Number(rows.getRows()[0]?.[0])).toBe(4);
      } finally {
        c.closeSync();
        instance.closeSync();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
