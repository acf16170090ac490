/**
 * Where read commands get their figures: a running server's API (`--url`), or the DuckDB file
 * directly (`--db`). Without either, a server on the default port is asked first, since a running
 * server holds the file's lock, then the default file is opened.
 */
import {
  buildCostDistribution,
  buildTraceReport,
  buildTrajectory,
  type CostDistributionView,
  listUnpricedModels,
  type ReportRange,
  type TraceReport,
  type Trajectory,
  type UnpricedModelView,
  type WorkflowDetail,
  type WorkflowEconomics,
  WorkflowReports,
} from '../analysis/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import type { WorkflowBaseline } from '../domain/index.js';
import { openStore } from '../store/index.js';

export interface ReportSource {
  readonly description: string;
  trace(traceId: string): Promise<TraceReport | null>;
  unpricedModels(): Promise<UnpricedModelView[]>;
  workflows(range: ReportRange): Promise<WorkflowEconomics[]>;
  workflow(name: string, range: ReportRange): Promise<WorkflowDetail | null>;
  costDistribution(name: string, range: ReportRange, bands: number): Promise<CostDistributionView>;
  trajectory(workUnitId: string, workflow?: string): Promise<Trajectory | null>;
  close(): Promise<void>;
}

export interface SourceOptions {
  url?: string | undefined;
  db?: string | undefined;
  /** Baselines for reports read straight from the file (a server applies its own). */
  baselines?: readonly WorkflowBaseline[];
  /** Decision attribute keys for trajectories read straight from the file. */
  decisionKeys?: readonly string[];
}

function rangeQuery(range: ReportRange): string {
  const params = new URLSearchParams();
  if (range.fromUnixNano !== undefined) params.set('from', String(range.fromUnixNano / 1_000_000n));
  if (range.toUnixNano !== undefined) params.set('to', String(range.toUnixNano / 1_000_000n));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function openReportSource(options: SourceOptions): Promise<ReportSource> {
  if (options.url) return httpSource(options.url);
  if (options.db) return dbSource(options.db, options.baselines ?? [], options.decisionKeys);
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isServing(defaultUrl)) return httpSource(defaultUrl);
  return dbSource(DEFAULT_DB_PATH, options.baselines ?? [], options.decisionKeys);
}

export async function isServing(url: string): Promise<boolean> {
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
    workflows: async (range) =>
      (await get<{ workflows: WorkflowEconomics[] }>(`/api/v1/workflows${rangeQuery(range)}`))
        ?.workflows ?? [],
    workflow: (name, range) =>
      get<WorkflowDetail>(`/api/v1/workflows/${encodeURIComponent(name)}${rangeQuery(range)}`),
    costDistribution: async (name, range, bands) => {
      const query = rangeQuery(range);
      const path = `/api/v1/workflows/${encodeURIComponent(name)}/cost-distribution${query}${query ? '&' : '?'}bands=${bands}`;
      const found = await get<CostDistributionView>(path);
      if (!found) throw new Error(`${base}${path} answered 404`);
      return found;
    },
    trajectory: (id, workflow) =>
      get<Trajectory>(
        `/api/v1/work-units/${encodeURIComponent(id)}/trajectory${workflow === undefined ? '' : `?workflow=${encodeURIComponent(workflow)}`}`,
      ),
    close: async () => {},
  };
}

async function dbSource(
  path: string,
  baselines: readonly WorkflowBaseline[],
  decisionKeys: readonly string[] = [],
): Promise<ReportSource> {
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  if (baselines.length > 0) await store.saveBaselines(baselines);
  const reports = new WorkflowReports(store);
  return {
    description: path,
    trace: (traceId) => buildTraceReport(store, traceId),
    unpricedModels: () => listUnpricedModels(store),
    workflows: (range) => reports.workflows(range),
    workflow: (name, range) => reports.workflow(name, range),
    costDistribution: (name, range, bands) => buildCostDistribution(store, name, range, bands),
    trajectory: (id, workflow) => buildTrajectory(store, id, workflow, { decisionKeys }),
    close: () => store.close(),
  };
}
