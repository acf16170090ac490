/**
 * Where `tokenledger waste` and `what-if` get their figures: the server's waste and routing API
 * (`--url`, or a server on the default port), or the DuckDB file priced with the bundled catalog.
 */
import { type ReportRange, waste } from '../analysis/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import { createPriceBook } from '../pricing/index.js';
import { openStore } from '../store/index.js';
import { UsageError } from './cli-io.js';
import { isServing } from './report-source.js';

export interface WasteSource {
  readonly description: string;
  waste(range: ReportRange, workflow?: string): Promise<waste.WasteView[]>;
  whatIf(input: waste.WhatIfInput): Promise<waste.WhatIfView | null>;
  close(): Promise<void>;
}

export async function openWasteSource(options: {
  url?: string | undefined;
  db?: string | undefined;
}): Promise<WasteSource> {
  if (options.url) return httpSource(options.url);
  if (options.db) return dbSource(options.db);
  const defaultUrl = `http://127.0.0.1:${DEFAULT_PORT}`;
  if (await isServing(defaultUrl)) return httpSource(defaultUrl);
  return dbSource(DEFAULT_DB_PATH);
}

function query(params: Record<string, string | number | bigint | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

function httpSource(url: string): WasteSource {
  const base = url.replace(/\/+$/, '');
  async function get<T>(path: string): Promise<T | null> {
    const response = await fetch(`${base}${path}`);
    if (response.status === 404) return null;
    if (response.status === 400)
      throw new UsageError(((await response.json()) as { error: string }).error);
    if (!response.ok)
      throw new Error(`${base}${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  const range = (r: ReportRange) => ({
    from: r.fromUnixNano === undefined ? undefined : r.fromUnixNano / 1_000_000n,
    to: r.toUnixNano === undefined ? undefined : r.toUnixNano / 1_000_000n,
  });
  return {
    description: base,
    waste: async (r, workflow) => {
      if (workflow === undefined)
        return (
          (await get<{ workflows: waste.WasteView[] }>(`/api/v1/waste${query(range(r))}`))
            ?.workflows ?? []
        );
      const one = await get<waste.WasteView>(
        `/api/v1/workflows/${encodeURIComponent(workflow)}/waste${query(range(r))}`,
      );
      return one ? [one] : [];
    },
    whatIf: (input) =>
      get<waste.WhatIfView>(
        `/api/v1/workflows/${encodeURIComponent(input.workflow)}/routing${query({ step: input.step, model: input.model, successRate: input.successRate })}`,
      ),
    close: async () => {},
  };
}

async function dbSource(path: string): Promise<WasteSource> {
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  const book = createPriceBook();
  return {
    description: path,
    waste: async (r, workflow) =>
      (
        await waste.analyzeWaste(store, book, {
          ...r,
          ...(workflow === undefined ? {} : { workflow }),
        })
      ).map(waste.toWasteView),
    whatIf: (input) => waste.routingWhatIf(store, book, input),
    close: () => store.close(),
  };
}
