/** Runs the outcome-store contract on DuckDB (memory and file) after the real migrations. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { outcomeRecord, runOutcomeStoreContract } from '../outcome-store.contract.js';
import { DuckDbOutcomeStore } from './duckdb-outcome-store.js';
import { loadMigrations, migrate } from './migrate.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenledger-outcomes-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function openOutcomeStore(path: string) {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  await migrate(connection, await loadMigrations());
  connection.closeSync();
  const store = await DuckDbOutcomeStore.open(instance);
  return {
    store,
    close: async () => {
      await store.close();
      instance.closeSync();
    },
  };
}

runOutcomeStoreContract('duckdb :memory:', () => openOutcomeStore(':memory:'));
runOutcomeStoreContract('duckdb file', () => {
  files += 1;
  return openOutcomeStore(join(dir, `contract-${files}.duckdb`));
});

describe('DuckDbOutcomeStore on a file', () => {
  it('keeps committed records across a reopen and continues the arrival order after them', async () => {
    const path = join(dir, 'reopen.duckdb');
    const first = await openOutcomeStore(path);
    await first.store.insertOutcomes([
      outcomeRecord('R-1', { status: 'failed', resolvedBy: null }),
      outcomeRecord('R-1', { status: 'escalated', resolvedBy: null }),
    ]);
    await first.close();

    const second = await openOutcomeStore(path);
    try {
      expect(await second.store.countOutcomes()).toBe(2);
      expect((await second.store.latestOutcomes())[0]?.status).toBe('escalated');
      await second.store.insertOutcomes([outcomeRecord('R-1', { resolvedBy: 'human' })]);
      const [latest] = await second.store.latestOutcomes();
      expect([latest?.status, latest?.resolvedBy]).toEqual(['resolved', 'human']);
    } finally {
      await second.close();
    }
  });

  it('rejects writes after close', async () => {
    const opened = await openOutcomeStore(':memory:');
    await opened.close();
    await expect(opened.store.insertOutcomes([outcomeRecord('Z-1')])).rejects.toThrow(/closed/);
  });
});
