/**
 * Where `import outcomes` stores valid records: a running server's `POST /v1/outcomes` (given by
 * --url, or found answering on the default port), else the DuckDB file directly.
 */
import type { RejectedOutcome } from '../capture/index.js';
import type { Outcome } from '../domain/index.js';
import { openStore } from '../store/index.js';

export interface OutcomeTarget {
  description: string;
  /** Stores one batch: `outcomes` locally, or their source `records` over HTTP. */
  send(
    outcomes: readonly Outcome[],
    records: readonly Record<string, unknown>[],
  ): Promise<{ accepted: number; rejected: RejectedOutcome[] }>;
  close(): Promise<void>;
}

export async function openOutcomeTarget(options: {
  url: string | undefined;
  db: string | undefined;
  probeUrl: string;
  defaultDb: string;
}): Promise<OutcomeTarget> {
  const url =
    options.url ?? (options.db === undefined ? await answering(options.probeUrl) : undefined);
  if (url !== undefined) return httpTarget(url.replace(/\/+$/, ''));
  const path = options.db ?? options.defaultDb;
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  return {
    description: path,
    send: async (outcomes) => ({
      accepted: (await store.insertOutcomes(outcomes)).inserted,
      rejected: [],
    }),
    close: () => store.close(),
  };
}

function httpTarget(url: string): OutcomeTarget {
  return {
    description: url,
    send: async (_outcomes, records) => {
      const response = await fetch(`${url}/v1/outcomes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(records),
      });
      const text = await response.text();
      if (response.status !== 200 && response.status !== 400) {
        throw new Error(`${url}/v1/outcomes answered ${response.status}: ${text.slice(0, 500)}`);
      }
      const body = JSON.parse(text) as { accepted?: number; rejected?: RejectedOutcome[] };
      return { accepted: body.accepted ?? 0, rejected: body.rejected ?? [] };
    },
    close: async () => {},
  };
}

async function answering(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) });
    return response.ok ? url : undefined;
  } catch {
    return undefined;
  }
}
