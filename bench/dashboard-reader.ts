/**
 * An open dashboard during an ingest benchmark: every `everyMs` it loads the overview's API calls
 * as the page does (spend totals and workflows, then the trend of the costliest workflow, the
 * waste split and the spend flow together) and times each load, so the HTTP phase shows what
 * ingest keeps while someone watches, and what the watcher waits.
 */
export interface ReaderSummary {
  loads: number;
  /** Milliseconds from the first call of a load to its last answer. */
  medianMs: number;
  maxMs: number;
  /** Answers marked stale (a report refreshing behind them). */
  staleAnswers: number;
  failedCalls: number;
}

export function startDashboardReader(url: string, everyMs: number) {
  const times: number[] = [];
  let stale = 0;
  let failed = 0;
  let running = true;
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`);
    if (response.headers.get('x-tokenledger-stale') === 'true') stale += 1;
    if (!response.ok) {
      failed += 1;
      await response.arrayBuffer();
      return null;
    }
    return response.json();
  };
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const [, workflows] = await Promise.all([
        get('/api/v1/spend/totals'),
        get('/api/v1/workflows') as Promise<{
          workflows?: { workflow: string; tokenCostUsd: number }[];
        } | null>,
      ]);
      const top = [...(workflows?.workflows ?? [])].sort(
        (a, b) => b.tokenCostUsd - a.tokenCostUsd,
      )[0];
      await Promise.all([
        ...(top ? [get(`/api/v1/workflows/${encodeURIComponent(top.workflow)}/daily`)] : []),
        get('/api/v1/waste/split'),
        get('/api/v1/spend/flow'),
      ]);
      times.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop(): Promise<ReaderSummary> {
      running = false;
      await loop;
      const sorted = [...times].sort((a, b) => a - b);
      return {
        loads: sorted.length,
        medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        maxMs: Math.round(sorted[sorted.length - 1] ?? 0),
        staleAnswers: stale,
        failedCalls: failed,
      };
    },
  };
}
