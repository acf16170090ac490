/**
 * Where read commands get their figures: a running server's API (`--url`), or the DuckDB file
 * directly (`--db`). Without either, a server on the default port is asked first, since a running
 * server holds the file's lock, then the default file is opened.
 */
import {
  buildTraceReport,
  listUnpricedModels,
  type TraceReport,
  type UnpricedModelView,
} from '../analysis/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import { openStore } from '../store/index.js';

export interface ReportSource {
  readonly description: string;
  trace(traceId: string): Promise<TraceReport | null>;
  unpricedModels(): Promise<UnpricedModelView[]>;
  close(): Promise<void>;
}

export async function openReportSource(options: {
  url?: string;
  db?: string;
}): Promise<ReportSource> {
  if (options.url) return httpSource(options.url);
  if (options.db) return dbSource(options.db);
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isServing(defaultUrl)) return httpSource(defaultUrl);
  return dbSource(DEFAULT_DB_PATH);
}

async function isServing(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
    return response.ok;
  } catch {
    return false;
  }
}

function httpSource(url: string): ReportSource {
  const base = url.replace(/\/+$/, '');
  async function get<T>(path: string): Promise<T | null> {
    const response = await fetch(`${base}${path}`);
    if (response.status === 404) return null;
    if (!response.ok)
      throw new Error(`${base}${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  return {
    description: base,
    trace: (traceId) => get<TraceReport>(`/api/v1/traces/${encodeURIComponent(traceId)}`),
    unpricedModels: async () =>
      (await get<{ models: UnpricedModelView[] }>('/api/v1/prices/unpriced'))?.models ?? [],
    close: async () => {},
  };
}

async function dbSource(path: string): Promise<ReportSource> {
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  return {
    description: path,
    trace: (traceId) => buildTraceReport(store, traceId),
    unpricedModels: () => listUnpricedModels(store),
    close: () => store.close(),
  };
}
