/**
 * For the DuckDB store's tests: migrated in-memory stores closed after each test, and the spend
 * flow's rows as text.
 */
import { afterEach } from 'vitest';
import { femtoToUsdString } from '../../domain/index.js';
import type { SpendFlowRow } from '../spend-flow.js';
import { DuckDbStore } from './duckdb-store.js';

/** Call at a suite's top level: opens migrated in-memory stores, each closed after its test. */
export function storesClosedAfterEach(): () => Promise<DuckDbStore> {
  const open: DuckDbStore[] = [];
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });
  return async () => {
    const store = await DuckDbStore.open({ path: ':memory:' });
    open.push(store);
    await store.migrate();
    return store;
  };
}

/** Spend-flow rows as `verdict cost steps`. */
export const flowView = (rows: readonly SpendFlowRow[]): string[] =>
  rows.map((r) => `${r.verdict} ${femtoToUsdString(r.costFemto)} ${r.steps}`);
