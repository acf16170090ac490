/** The one place a `Store` engine is chosen from configuration. */
import { DuckDbStore } from './duckdb/duckdb-store.js';
import type { Store } from './store.js';

export type StoreConfig = {
  kind: 'duckdb';
  path: string;
  /** DuckDB `memory_limit`, e.g. '1GB' (the default). */
  memoryLimit?: string;
  /** Most spans of recently active traces held in memory for dedupe (default 300,000). */
  traceCacheSpans?: number;
};

/** Opens the configured engine and applies pending migrations before returning it. */
export async function openStore(config: StoreConfig): Promise<Store> {
  const store = await DuckDbStore.open({
    path: config.path,
    ...(config.memoryLimit === undefined ? {} : { memoryLimit: config.memoryLimit }),
    ...(config.traceCacheSpans === undefined
      ? {}
      : { traceIndex: { maxSpans: config.traceCacheSpans } }),
  });
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
