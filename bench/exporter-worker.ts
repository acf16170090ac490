/**
 * One simulated exporter for the ingest benchmark: generates its own batches — the demo
 * enterprise's traffic (its own seed) or the synthetic 8-span traces — and either POSTs them to
 * the server (keep-alive, one request in flight, like a BatchSpanProcessor) or hands them to the
 * parent thread for the no-HTTP floor measurement. With `load: 'replay'` it encodes a small corpus
 * of those batches first, says `ready`, waits for `go`, then replays the corpus with new trace ids
 * (otlp-replay.ts), so the timed phase measures the server rather than the generator.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { demoStream } from '../src/demo/index.js';
import { makeBatch } from './otlp-batch.js';
import { ReplayCorpus } from './otlp-replay.js';

interface Job {
  mode: 'http' | 'handoff';
  data: 'demo' | 'synthetic';
  url: string;
  seed: number;
  batches: number;
  spansPerBatch: number;
  load: 'generate' | 'replay';
  /** Batches in a replay corpus. */
  corpus: number;
}

const job = workerData as Job;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(url: URL, body: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/v1/traces',
        method: 'POST',
        headers: { 'content-type': 'application/x-protobuf', 'content-length': body.byteLength },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

function* generated(batches: number): Generator<{ body: Uint8Array; spans: number }> {
  if (job.data === 'synthetic') {
    for (let b = 0; b < batches; b++) {
      yield { body: makeBatch(job.seed, b, job.spansPerBatch), spans: job.spansPerBatch };
    }
    return;
  }
  const scale = batches * job.spansPerBatch;
  for (const chunk of demoStream({ seed: job.seed, scale, batchSpans: job.spansPerBatch })) {
    if (chunk.kind === 'traces') yield { body: chunk.body, spans: chunk.spans };
  }
}

/** Replays the corpus once `go` arrives; the corpus is built before, outside the timed phase. */
async function* replayed(): AsyncGenerator<{ body: Uint8Array; spans: number }> {
  const corpus = new ReplayCorpus(job.seed, generated(Math.min(job.corpus, job.batches)));
  await new Promise<void>((resolve) => {
    parentPort?.once('message', () => resolve());
    parentPort?.postMessage({ type: 'ready' });
  });
  // A body handed to the parent thread is transferred away, so the floor gets copies.
  for (let round = 0; round < job.batches; round++) yield corpus.batch(round, job.mode !== 'http');
}

function bodies():
  | AsyncIterable<{ body: Uint8Array; spans: number }>
  | Iterable<{ body: Uint8Array; spans: number }> {
  return job.load === 'replay' ? replayed() : generated(job.batches);
}

async function run(): Promise<void> {
  const url = new URL(job.url || 'http://127.0.0.1');
  let failed = 0;
  let accepted = 0;
  let posted = 0;
  for await (const { body, spans } of bodies()) {
    if (job.mode === 'http') {
      const status = await post(url, body);
      if (status === 200) accepted += spans;
      else failed += 1;
      posted += 1;
      if (posted % 16 === 0) parentPort?.postMessage({ type: 'progress', accepted });
    } else {
      await new Promise<void>((resolve) => {
        parentPort?.once('message', () => resolve());
        parentPort?.postMessage({ type: 'batch', body }, [body.buffer as ArrayBuffer]);
      });
    }
  }
  agent.destroy();
  parentPort?.postMessage({ type: 'done', failed, accepted });
}

void run();
