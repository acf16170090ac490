/**
 * Ingest throughput: OTLP protobuf over loopback HTTP from several concurrent exporters, and in
 * the same run the floor — decode + normalise + price + store of the same batches with no HTTP.
 * By default the batches are the demo enterprise's traffic (src/demo), one seed per exporter,
 * generated during the timed phase (`load: 'generate'`); `load: 'replay'` pre-encodes a corpus
 * per exporter and replays it with new trace ids, and checks the store holds every span sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';
import { Capture } from '../src/capture/index.js';
import { defaultConfig } from '../src/config/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import { startServer } from '../src/server/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { openStore, type Store } from '../src/store/index.js';
import { type ReaderSummary, startDashboardReader } from './dashboard-reader.js';
import { MemorySampler, type MemorySummary } from './memory-sampler.js';

export interface IngestOptions {
  spans: number;
  /** The demo enterprise's traffic (issue 4), or synthetic 8-span traces of ~15 attributes. */
  data: 'demo' | 'synthetic';
  exporters: number;
  spansPerBatch: number;
  /** Capture worker threads (decode → normalise → price off the main thread); 0 for none. */
  captureWorkers: number;
  /** Exporters generate and encode during the timed phase, or replay a pre-encoded corpus. */
  load: 'generate' | 'replay';
  /** Batches per exporter's replay corpus. */
  corpus: number;
  /** DuckDB's memory_limit for the store under test. */
  memoryLimit: string;
  /** During the HTTP phase, an open dashboard loads the overview every this many ms; 0: none. */
  dashboardEveryMs: number;
}

export interface PhaseResult {
  phase: string;
  spans: number;
  seconds: number;
  spansPerSecond: number;
  failedBatches: number;
  /** Steps in the store at the end: must equal `spans` (each span sent is new). */
  stored: number;
  memory: MemorySummary;
  /** The open dashboard's loads during the phase, when one was asked for. */
  reader?: ReaderSummary;
}

const WORKER = new URL('./exporter-worker.mjs', import.meta.url);

interface Exporters {
  /** Resolves when the replay corpora are built (at once when generating); the clock starts then. */
  ready: Promise<void>;
  done: Promise<{ failed: number; accepted: number }>;
}

function startWorkers(
  options: IngestOptions,
  mode: 'http' | 'handoff',
  url: string,
  onBatch: (body: Uint8Array, ack: () => void) => void,
  onAccepted?: (spans: number) => void,
): Exporters {
  const acceptedBy: number[] = Array.from({ length: options.exporters }, () => 0);
  const batchesTotal = Math.ceil(options.spans / options.spansPerBatch);
  const per = Math.ceil(batchesTotal / options.exporters);
  const workers: Worker[] = [];
  const readies: Promise<void>[] = [];
  const runs = Array.from({ length: options.exporters }, (_, seed) => {
    const worker = new Worker(WORKER, {
      workerData: {
        mode,
        data: options.data,
        url,
        seed: seed + 1,
        batches: Math.min(per, batchesTotal - seed * per),
        spansPerBatch: options.spansPerBatch,
        load: options.load,
        corpus: options.corpus,
      },
    });
    workers.push(worker);
    let ready = (): void => {};
    readies.push(
      options.load === 'replay'
        ? new Promise<void>((resolve) => (ready = resolve))
        : Promise.resolve(),
    );
    return new Promise<{ failed: number; accepted: number }>((resolve, reject) => {
      type Message = { type: string; body?: Uint8Array; failed?: number; accepted?: number };
      worker.on('message', (message: Message) => {
        if (message.type === 'ready') ready();
        if (message.type === 'progress') {
          acceptedBy[seed] = message.accepted ?? 0;
          onAccepted?.(acceptedBy.reduce((a, b) => a + b, 0));
        }
        if (message.type === 'batch' && message.body)
          onBatch(message.body, () => worker.postMessage('ack'));
        if (message.type === 'done') {
          void worker.terminate();
          resolve({ failed: message.failed ?? 0, accepted: message.accepted ?? 0 });
        }
      });
      worker.on('error', reject);
    });
  });
  const ready = Promise.all(readies).then(() => {
    if (options.load === 'replay') for (const worker of workers) worker.postMessage('go');
  });
  const done = Promise.all(runs).then((results) => ({
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    accepted: results.reduce((sum, r) => sum + r.accepted, 0),
  }));
  return { ready, done };
}

/** Every row of `steps` in a closed store's file (the Store's totals count only counted usage). */
async function countStoredSteps(path: string): Promise<number> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll('SELECT count(*) FROM steps');
  const count = Number(reader.getRows()[0]?.[0] ?? -1);
  connection.closeSync();
  instance.closeSync();
  return count;
}

async function tempDb(label: string): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `tokenledger-bench-${label}-`));
  return {
    path: join(dir, 'bench.duckdb'),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}

export async function runFloor(
  options: IngestOptions,
  onProgress: (done: number) => void,
): Promise<PhaseResult> {
  const db = await tempDb('floor');
  const store = await openStore({
    kind: 'duckdb',
    path: db.path,
    memoryLimit: options.memoryLimit,
  });
  await store.migrate();
  const capture = new Capture({
    store,
    priceBook: createPriceBook(),
    workers: options.captureWorkers,
  });
  let done = 0;
  let failed = 0;
  const exporters = startWorkers(options, 'handoff', '', (body, ack) => {
    capture.ingestOtlp(body, 'protobuf').then(
      (result) => {
        done += result.acceptedSpans;
        onProgress(done);
        ack();
      },
      () => {
        failed += 1;
        ack();
      },
    );
  });
  await exporters.ready;
  const sampler = new MemorySampler(duckdbProbe(store));
  const started = performance.now();
  await exporters.done;
  const seconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  await capture.close();
  await store.close();
  const stored = await countStoredSteps(db.path);
  await db.cleanup();
  return {
    phase: 'floor (no HTTP)',
    spans: done,
    seconds,
    spansPerSecond: done / seconds,
    failedBatches: failed,
    stored,
    memory,
  };
}

export async function runHttp(
  options: IngestOptions,
  onProgress: (done: number) => void,
): Promise<PhaseResult> {
  const db = await tempDb('http');
  const server = await startServer(
    defaultConfig({
      port: 0,
      dbPath: db.path,
      captureWorkers: options.captureWorkers,
      duckdbMemoryLimit: options.memoryLimit,
    }),
  );
  // Progress as the exporters count their answered spans: asking the server (spend totals) every
  // 2 s scanned the whole table during the measurement.
  const exporters = startWorkers(options, 'http', server.url, () => {}, onProgress);
  await exporters.ready;
  const sampler = new MemorySampler(duckdbProbe(server.store));
  const reader =
    options.dashboardEveryMs > 0
      ? startDashboardReader(server.url, options.dashboardEveryMs)
      : null;
  const started = performance.now();
  // Spans answered 200 by the server, as the exporters counted them.
  const { failed, accepted: spans } = await exporters.done;
  const seconds = (performance.now() - started) / 1000;
  const memory = sampler.stop();
  const read = await reader?.stop();
  await server.close();
  const stored = await countStoredSteps(db.path);
  await db.cleanup();
  return {
    phase: `HTTP, ${options.exporters} exporters${read ? ', dashboard open' : ''}`,
    spans,
    seconds,
    spansPerSecond: spans / seconds,
    failedBatches: failed,
    stored,
    memory,
    ...(read ? { reader: read } : {}),
  };
}

/** DuckDB's own memory, sampled during a phase, when the store is DuckDB. */
function duckdbProbe(store: Store): (() => Promise<number>) | undefined {
  return store instanceof DuckDbStore ? () => store.memoryBytes() : undefined;
}
