/**
 * Where `allocate` and `recommend` get their answers: a running server's API (`--url`), or the
 * DuckDB file (`--db`, with the config's baselines). Without either, a server on the default port
 * is asked first (it holds the file's lock), then the default file is opened.
 */
import {
  type AllocationPlan,
  AllocationReports,
  type AllocationRequest,
  type Recommendation,
  WorkflowReports,
} from '../analysis/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import type { WorkflowBaseline } from '../domain/index.js';
import { createPriceBook } from '../pricing/index.js';
import { openStore } from '../store/index.js';

export interface AllocationSource {
  readonly description: string;
  allocate(request: AllocationRequest): Promise<AllocationPlan>;
  recommendations(workflow?: string): Promise<Recommendation[]>;
  close(): Promise<void>;
}

export interface AllocationSourceOptions {
  url?: string | undefined;
  db?: string | undefined;
  baselines?: readonly WorkflowBaseline[];
}

export async function openAllocationSource(
  options: AllocationSourceOptions,
): Promise<AllocationSource> {
  if (options.url) return httpSource(options.url);
  if (options.db) return dbSource(options.db, options.baselines ?? []);
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  try {
    const health = await fetch(`${defaultUrl}/healthz`, { signal: AbortSignal.timeout(500) });
    if (health.ok) return httpSource(defaultUrl);
  } catch {
    // No server: read the default file.
  }
  return dbSource(DEFAULT_DB_PATH, options.baselines ?? []);
}

function httpSource(url: string): AllocationSource {
  const base = url.replace(/\/+$/, '');
  async function call<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await fetch(`${base}${path}`, init);
    if (!response.ok)
      throw new Error(`${base}${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    description: base,
    allocate: (request) =>
      call<AllocationPlan>('/api/v1/allocate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
      }),
    recommendations: async (workflow) =>
      (
        await call<{ recommendations: Recommendation[] }>(
          `/api/v1/recommendations${workflow === undefined ? '' : `?workflow=${encodeURIComponent(workflow)}`}`,
        )
      ).recommendations,
    close: async () => {},
  };
}

async function dbSource(
  path: string,
  baselines: readonly WorkflowBaseline[],
): Promise<AllocationSource> {
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  if (baselines.length > 0) await store.saveBaselines(baselines);
  const reports = new AllocationReports(store, new WorkflowReports(store), createPriceBook());
  return {
    description: path,
    allocate: (request) => reports.allocate(request),
    recommendations: (workflow) => reports.recommendations(workflow),
    close: () => store.close(),
  };
}
