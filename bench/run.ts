/**
 * `npm run bench`: prints figures and compares each with its baseline in the same process.
 * Options: --spans N (default 1,000,000), --exporters N (4), --batch N (512),
 * --data demo|synthetic (default demo: the simulated enterprise's traffic), --workers N (capture
 * worker threads, default 0), --only floor|http (one phase, e.g. for a long run),
 * --load generate|replay (default generate: exporters build and encode batches while timed; replay:
 * each replays a pre-encoded corpus of --corpus N batches, default 16, with new trace ids),
 * --dashboard MS (an open dashboard loading the overview's API calls every MS during the HTTP phase).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type IngestOptions, type PhaseResult, runFloor, runHttp } from './ingest-bench.js';

const { values } = parseArgs({
  options: {
    spans: { type: 'string', default: '1000000' },
    exporters: { type: 'string', default: '4' },
    batch: { type: 'string', default: '512' },
    data: { type: 'string', default: 'demo' },
    workers: { type: 'string', default: '0' },
    only: { type: 'string' },
    load: { type: 'string', default: 'generate' },
    corpus: { type: 'string', default: '16' },
    /** DuckDB's memory_limit for the store under test (the product's default: 1GB). */
    'memory-limit': { type: 'string', default: '1GB' },
    /** An open dashboard loading the overview every N ms during the HTTP phase (0: none). */
    dashboard: { type: 'string', default: '0' },
  },
});
if (values.load !== 'generate' && values.load !== 'replay') {
  throw new Error(`--load must be generate or replay, got ${values.load}`);
}
if (values.only !== undefined && values.only !== 'floor' && values.only !== 'http') {
  throw new Error(`--only must be floor or http, got ${values.only}`);
}
if (values.data !== 'demo' && values.data !== 'synthetic') {
  throw new Error(`--data must be demo or synthetic, got ${values.data}`);
}
const options: IngestOptions = {
  spans: Number(values.spans),
  data: values.data,
  exporters: Number(values.exporters),
  spansPerBatch: Number(values.batch),
  captureWorkers: Number(values.workers),
  load: values.load,
  corpus: Number(values.corpus),
  memoryLimit: values['memory-limit'],
  dashboardEveryMs: Number(values.dashboard),
};

function progress(label: string): (done: number) => void {
  let last = 0;
  return (done) => {
    const now = Date.now();
    if (now - last < 1000 && done < options.spans) return;
    last = now;
    const pct = Math.min(100, (100 * done) / options.spans);
    const bar = '#'.repeat(Math.round(pct / 4)).padEnd(25, '.');
    process.stderr.write(`\r${label} [${bar}] ${pct.toFixed(0)}% ${done.toLocaleString()} spans`);
  };
}

function show(result: PhaseResult): void {
  process.stderr.write('\n');
  const m = result.memory;
  console.log(
    `${result.phase.padEnd(22)} ${result.spans.toLocaleString().padStart(11)} spans in ${result.seconds.toFixed(1)} s = ` +
      `${Math.round(result.spansPerSecond).toLocaleString()} spans/s; failed batches ${result.failedBatches}; ` +
      `RSS ${m.rssStartMb} → peak ${m.rssPeakMb} MB (quartiles ${m.rssQuartilesMb.join(' / ')}), heap peak ${m.heapPeakMb} MB (quartiles ${m.heapQuartilesMb.join(' / ')}), ` +
      `RSS outside the JS heap ${m.nativeQuartilesMb.join(' / ')} MB` +
      (m.duckdbQuartilesMb ? `, DuckDB's own ${m.duckdbQuartilesMb.join(' / ')} MB` : ''),
  );
  const r = result.reader;
  if (r) {
    console.log(
      `  dashboard: ${r.loads} overview loads, median ${r.medianMs} ms, slowest ${r.maxMs} ms; ${r.staleAnswers} answers stale while refreshing, ${r.failedCalls} calls failed`,
    );
  }
  if (result.stored !== result.spans) {
    console.log(
      `  stored ${result.stored.toLocaleString()} steps, not the ${result.spans.toLocaleString()} sent`,
    );
    process.exitCode = 1;
  }
}

console.log(
  `ingest benchmark: ${options.spans.toLocaleString()} ${options.data} spans, batches of ${options.spansPerBatch}, ${options.exporters} exporters (${options.load === 'replay' ? `replaying ${options.corpus} pre-encoded batches each` : 'generating while timed'}), ${options.captureWorkers} capture workers, DuckDB memory_limit ${options.memoryLimit}`,
);
const floor = values.only === 'http' ? null : await runFloor(options, progress('floor'));
if (floor) show(floor);
const http = values.only === 'floor' ? null : await runHttp(options, progress('http '));
if (http) show(http);
const ratio = floor && http ? floor.spansPerSecond / http.spansPerSecond : null;
if (ratio !== null) {
  console.log(
    `HTTP end to end is ${ratio.toFixed(2)}× slower than the floor (target ≤ 1.5×; target ≥ 50,000 spans/s end to end)`,
  );
}
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(
  new URL(
    `./results/ingest-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
    import.meta.url,
  ),
  JSON.stringify({ options, floor, http, ratio }, null, 2),
);
