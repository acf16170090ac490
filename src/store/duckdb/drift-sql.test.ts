/**
 * The roll-up drift check (drift-sql.ts) counts what `EXCEPT ALL` both ways counts: rows of either
 * table the other lacks, duplicates included; and the store's checks see a tampered roll-up row.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { LINK_KEYS } from '../../domain/index.js';
import { contractOutcome, llmStep, pricedCost } from '../contract-steps.js';
import { driftSql } from './drift-sql.js';
import { DuckDbStore } from './duckdb-store.js';

describe('drift check', () => {
  it('counts the rows either side lacks, duplicates and NULLs included', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    await c.run(`CREATE TABLE kept AS SELECT * FROM (VALUES (1, 'a', NULL), (1, 'a', NULL), (2, 'b', 0.5))
      t(n, s, d)`);
    await c.run(`CREATE TABLE fresh AS SELECT * FROM (VALUES (1, 'a', NULL), (2, 'b', 0.5), (3, 'c', 1.0))
      t(n, s, d)`);
    const drift = async (a: string, b: string) =>
      Number((await c.runAndReadAll(driftSql(a, b))).getRows()[0]?.[0]);
    // kept has a second (1, a, NULL); fresh has (3, c, 1.0).
    expect(await drift('kept', 'fresh')).toBe(2);
    expect(await drift('kept', 'kept')).toBe(0);
    c.closeSync();
    instance.closeSync();
  });

  it('compares whole rows when a column is named like a table alias', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const c = await instance.connect();
    // Columns named k and f, as the allocation roll-up's attempt number is.
    await c.run('CREATE TABLE kept AS SELECT * FROM (VALUES (1, 10), (1, 20)) t(k, f)');
    await c.run('CREATE TABLE fresh AS SELECT * FROM (VALUES (1, 10), (1, 30)) t(k, f)');
    expect(Number((await c.runAndReadAll(driftSql('kept', 'fresh'))).getRows()[0]?.[0])).toBe(2);
    c.closeSync();
    instance.closeSync();
  });

  it('sees a tampered row of the unit, waste, comparison, attribute and allocation roll-ups', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'drift-'));
    const path = join(dir, 'store.duckdb');
    try {
      let store = await DuckDbStore.open({ path });
      await store.migrate();
      await store.insertSteps([
        llmStep({
          startTimeUnixNano: 1_764_000_000_000_000_000n,
          cost: pricedCost('0.10'),
          attributes: {
            [LINK_KEYS.workUnitId]: 'C-1',
            [LINK_KEYS.workflow]: 'claims',
            region: 'north',
          },
        }),
      ]);
      await store.insertOutcomes([contractOutcome('C-1')]);
      await store.compareOutcomes({ workflow: 'claims' });
      expect((await store.checkRollup('unit')).drifted).toBe(0);
      await store.readSpendFlow({});
      expect((await store.checkRollup('waste')).drifted).toBe(0);
      expect((await store.checkRollup('compare')).drifted).toBe(0);
      await store.readSpendFlow({ attribute: { key: 'region', value: 'north' } });
      await store.attemptHistories({});
      expect((await store.checkRollup('attributes')).drifted).toBe(0);
      expect((await store.checkRollup('allocation')).drifted).toBe(0);
      await store.close();
      const instance = await DuckDBInstance.create(path);
      const c = await instance.connect();
      await c.run('UPDATE unit_rollup SET cost = cost + 1');
      await c.run('UPDATE waste_unit_facts SET attempts = 2');
      await c.run("UPDATE compare_unit_values SET attempts = 2 WHERE kind = 'model'");
      await c.run("UPDATE unit_attributes SET value = 'south'");
      await c.run('UPDATE allocation_attempts SET k = 2');
      c.closeSync();
      instance.closeSync();
      store = await DuckDbStore.open({ path });
      await store.migrate();
      try {
        // One kept row differs from its rebuilt row in each: two rows either side lacks.
        expect((await store.checkRollup('unit')).drifted).toBe(2);
        expect((await store.checkRollup('waste')).drifted).toBe(2);
        expect((await store.checkRollup('compare')).drifted).toBe(2);
        expect((await store.checkRollup('attributes')).drifted).toBe(2);
        expect((await store.checkRollup('allocation')).drifted).toBe(2);
      } finally {
        await store.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
