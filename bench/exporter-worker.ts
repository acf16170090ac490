/**
 * One simulated exporter for the ingest benchmark: generates its own batches and either POSTs
 * them to the server (keep-alive, one request in flight, like a BatchSpanProcessor) or hands
 * them to the parent thread for the no-HTTP floor measurement.
 */
import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { makeBatch } from './otlp-batch.js';

interface Job {
  mode: 'http' | 'handoff';
  url: string;
  seed: number;
  batches: number;
  spansPerBatch: number;
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

async function run(): Promise<void> {
  const url = new URL(job.url || 'http://127.0.0.1');
  let failed = 0;
  for (let b = 0; b < job.batches; b++) {
    const body = makeBatch(job.seed, b, job.spansPerBatch);
    if (job.mode === 'http') {
      const status = await post(url, body);
      if (status !== 200) failed += 1;
    } else {
      await new Promise<void>((resolve) => {
        parentPort?.once('message', () => resolve());
        parentPort?.postMessage({ type: 'batch', body }, [body.buffer as ArrayBuffer]);
      });
    }
  }
  agent.destroy();
  parentPort?.postMessage({ type: 'done', failed });
}

void run();
