/**
 * The DuckDB step writer: CSV files left behind by a killed writer of an earlier version are
 * removed; appended rows commit and roll back with their transaction; money stays exact.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { PricedStep } from '../../domain/index.js';
import { llmStep, pricedCost, uniqueId } from '../contract-steps.js';
import { openStore } from '../open-store.js';
import { removeStaleCsvFiles } from './step-writer.js';

describe('removeStaleCsvFiles', () => {
  it('removes only the files of processes that no longer run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenledger-stale-'));
    try {
      // Above Linux's largest pid (2^22), so no process can hold it.
      const dead = join(dir, 'tokenledger-steps-4194399-x.csv');
      const live = join(dir, `tokenledger-steps-${process.ppid}-y.csv`);
      const other = join(dir, 'unrelated.csv');
      for (const file of [dead, live, other]) writeFileSync(file, 'x');
      expect(await removeStaleCsvFiles(dir)).toBe(1);
      expect([dead, live, other].map((file) => existsSync(file))).toEqual([false, true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('StepWriter on the appender', () => {
  it('rolls a failed transaction back whole, appended rows and roll-up parts included', async () => {
    const store = await openStore({ kind: 'duckdb', path: ':memory:' });
    try {
      const good = llmStep({ cost: pricedCost('0.000000000000007') });
      // `kind` is NOT NULL: DuckDB refuses this row when the appender flushes, after the good
      // row of the same call was appended, so the call's transaction must leave nothing behind.
      const bad = { ...llmStep(), kind: null } as unknown as PricedStep;
      await expect(store.insertSteps([good, bad])).rejects.toThrow();
      expect(await store.getTrace(good.traceId)).toEqual([]);
      expect((await store.getSpendTotals()).steps).toBe(0);

      // The writer recovers: the same good step is stored once, with its exact femto-dollars.
      expect(await store.insertSteps([good])).toEqual({ inserted: 1, duplicates: 0 });
      const [stored] = await store.getTrace(good.traceId);
      expect(stored?.cost.costFemto).toBe(7n);
      expect((await store.getSpendTotals()).steps).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('keeps DECIMAL(38,15) money exact beyond a double and in the trace roll-up', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenledger-exact-'));
    const path = join(dir, 'exact.duckdb');
    try {
      const store = await openStore({ kind: 'duckdb', path });
      // 123456789.123456789012345 USD needs 24 significant digits: a double would round it.
      const traceId = uniqueId(32);
      await store.insertSteps([
        llmStep({ traceId, cost: pricedCost('123456789.123456789012345') }),
        llmStep({ traceId, cost: pricedCost('0.000000000000001') }),
      ]);
      const costs = (await store.getTrace(traceId)).map((step) => step.cost.costFemto);
      expect(costs).toContain(123456789123456789012345n);
      expect(costs).toContain(1n);
      expect((await store.getSpendTotals()).costFemto).toBe(123456789123456789012346n);
      await store.close();

      // The trace's roll-up part holds the same exact sum: ...012345 + ...000001 = ...012346.
      const instance = await DuckDBInstance.create(path);
      const connection = await instance.connect();
      const reader = await connection.runAndReadAll(
        'SELECT trace_id, cost::VARCHAR, continued FROM trace_parts',
      );
      expect(reader.getRowsJS()).toEqual([[traceId, '123456789.123456789012346', false]]);
      connection.closeSync();
      instance.closeSync();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
