/**
 * The behavioural suite every `OutcomeStore` engine passes unchanged: append-only records, the
 * latest record per unit by occurredAt then arrival, exact money, filters and group commit.
 */
import { describe, expect, it } from 'vitest';
import { type Outcome, usdToFemto } from '../domain/index.js';
import type { OutcomeStore } from './outcome-store.js';

export interface OpenedOutcomeStore {
  store: OutcomeStore;
  close(): Promise<void>;
}

const T0 = 1_764_000_000_000_000_000n;
const MINUTE = 60_000_000_000n;

export function outcomeRecord(workUnitId: string, fields: Partial<Outcome> = {}): Outcome {
  return {
    workUnitId,
    workflow: 'claims',
    status: 'resolved',
    resolvedBy: 'ai',
    humanMinutes: 0,
    reviewMinutes: null,
    correctionMinutes: null,
    overridden: false,
    valueFemto: null,
    attributes: {},
    occurredAtUnixNano: T0,
    ...fields,
  };
}

export function runOutcomeStoreContract(name: string, open: () => Promise<OpenedOutcomeStore>) {
  async function withStore(body: (store: OutcomeStore) => Promise<void>): Promise<void> {
    const opened = await open();
    try {
      await body(opened.store);
    } finally {
      await opened.close();
    }
  }

  describe(`OutcomeStore contract: ${name}`, () => {
    it('round-trips every field exactly, nulls and nanoseconds included', () =>
      withStore(async (store) => {
        const full = outcomeRecord('C-1042', {
          workflow: 'claims-adjudication',
          resolvedBy: 'human',
          humanMinutes: 17.5,
          reviewMinutes: 2,
          correctionMinutes: 15.5,
          overridden: true,
          valueFemto: usdToFemto('9.100000000000001'),
          attributes: { team: 'claims-ops', 'customer.id': 'ACME', note: 'a "quoted", text' },
          occurredAtUnixNano: T0 + 123_456_789n,
        });
        const bare = outcomeRecord('T-7', {
          workflow: 'support',
          status: 'failed',
          resolvedBy: null,
        });
        expect(await store.insertOutcomes([full, bare])).toEqual({ inserted: 2 });
        expect(await store.latestOutcomes()).toEqual([full, bare]);
      }));

    it('takes the latest occurredAt even when it arrived first', () =>
      withStore(async (store) => {
        await store.insertOutcomes([
          outcomeRecord('C-1', { status: 'resolved', occurredAtUnixNano: T0 + 10n * MINUTE }),
        ]);
        await store.insertOutcomes([
          outcomeRecord('C-1', { status: 'failed', resolvedBy: null, occurredAtUnixNano: T0 }),
        ]);
        const [latest] = await store.latestOutcomes();
        expect(latest?.status).toBe('resolved');
        expect(latest?.occurredAtUnixNano).toBe(T0 + 10n * MINUTE);
        expect(await store.countOutcomes()).toBe(2);
      }));

    it('breaks an occurredAt tie by arrival: a later call, or later in the same array', () =>
      withStore(async (store) => {
        await store.insertOutcomes([outcomeRecord('C-1', { status: 'failed', resolvedBy: null })]);
        await store.insertOutcomes([
          outcomeRecord('C-1', { status: 'escalated', resolvedBy: null }),
        ]);
        await store.insertOutcomes([
          outcomeRecord('C-2', { resolvedBy: 'bpo' }),
          outcomeRecord('C-2', { resolvedBy: 'human' }),
        ]);
        const latest = await store.latestOutcomes();
        expect(latest.map((o) => [o.workUnitId, o.status, o.resolvedBy])).toEqual([
          ['C-1', 'escalated', null],
          ['C-2', 'resolved', 'human'],
        ]);
      }));

    it('keeps units of different workflows apart and sums their values exactly', () =>
      withStore(async (store) => {
        const values = ['0.1', '0.2', '1234567890123.000000000000001', '0.000000000000003'];
        await store.insertOutcomes([
          outcomeRecord('X-1', { workflow: 'claims', valueFemto: usdToFemto(values[0] ?? '') }),
          outcomeRecord('X-1', { workflow: 'support', valueFemto: usdToFemto(values[1] ?? '') }),
          outcomeRecord('X-2', { workflow: 'support', valueFemto: usdToFemto('999') }),
          outcomeRecord('X-2', {
            workflow: 'support',
            valueFemto: usdToFemto(values[2] ?? ''),
            occurredAtUnixNano: T0 + 1n,
          }),
          outcomeRecord('X-3', { workflow: 'support', valueFemto: usdToFemto(values[3] ?? '') }),
        ]);
        const latest = await store.latestOutcomes();
        expect(latest.map((o) => `${o.workflow}/${o.workUnitId}`)).toEqual([
          'claims/X-1',
          'support/X-1',
          'support/X-2',
          'support/X-3',
        ]);
        const total = latest.reduce((sum, o) => sum + (o.valueFemto ?? 0n), 0n);
        // 0.1 + 0.2 + 1234567890123.000000000000001 + 0.000000000000003, superseded 999 left out.
        expect(total).toBe(1_234_567_890_123_300_000_000_000_004n);
      }));

    it('filters by workflow, by unit ids, and by both', () =>
      withStore(async (store) => {
        await store.insertOutcomes([
          outcomeRecord('A', { workflow: 'claims' }),
          outcomeRecord('B', { workflow: 'claims' }),
          outcomeRecord('A', { workflow: 'support' }),
          outcomeRecord('C', { workflow: 'support' }),
        ]);
        const keys = (list: Outcome[]) => list.map((o) => `${o.workflow}/${o.workUnitId}`);
        expect(keys(await store.latestOutcomes({ workflow: 'support' }))).toEqual([
          'support/A',
          'support/C',
        ]);
        expect(keys(await store.latestOutcomes({ workUnitIds: ['A', 'missing'] }))).toEqual([
          'claims/A',
          'support/A',
        ]);
        expect(
          keys(await store.latestOutcomes({ workflow: 'claims', workUnitIds: ['A', 'C'] })),
        ).toEqual(['claims/A']);
        expect(await store.latestOutcomes({ workUnitIds: [] })).toEqual([]);
      }));

    it('commits concurrent calls, each resolving with its own count, in call order', () =>
      withStore(async (store) => {
        const calls = Array.from({ length: 25 }, (_, i) =>
          store.insertOutcomes([
            outcomeRecord('G-1', { humanMinutes: i }),
            outcomeRecord(`G-${i + 2}`, { humanMinutes: i }),
          ]),
        );
        const results = await Promise.all(calls);
        expect(results.every((r) => r.inserted === 2)).toBe(true);
        expect(await store.countOutcomes()).toBe(50);
        const latest = await store.latestOutcomes({ workUnitIds: ['G-1'] });
        expect(latest.map((o) => o.humanMinutes)).toEqual([24]);
        expect(await store.insertOutcomes([])).toEqual({ inserted: 0 });
      }));
  });
}
