/** The one place a `Store` engine is chosen from configuration. */
import { DuckDbStore } from './duckdb/duckdb-store.js';
import type { Store } from './store.js';

export type StoreConfig = { kind: 'duckdb'; path: string };

/** Opens the configured engine and applies pending migrations before returning it. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = await DuckDbStore.open({ path: config.path });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
