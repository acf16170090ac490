/**
 * `tokenledger demo`: fills a store with the simulated enterprise through the product's real path
 * (OTLP protobuf over HTTP, or in-process capture in bulk mode), writes the truth file when asked,
 * and prints what the data shows and where to look next.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { Capture, parseOutcomes } from '../capture/index.js';
import { defaultConfig } from '../config/index.js';
import {
  type DemoChunk,
  type DemoOptions,
  demoStream,
  feedInProcess,
  type SendProgress,
  sendOverHttp,
  summarizeTruth,
  TruthBuilder,
  toBaselineBody,
  toWorkflowBaseline,
  WORKFLOWS,
  windowOf,
} from '../demo/index.js';
import { createPriceBook } from '../pricing/index.js';
import { startServer } from '../server/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { ProgressBar } from './progress-bar.js';

const DEFAULT_SCALE = 20_000;
const MAX_SCALE = 10_000_000;
/** Above this many spans the in-process bulk path is used unless a URL is given. */
const BULK_ABOVE = 200_000;
export const DEFAULT_DEMO_DB = './tokenledger-data/demo.duckdb';

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value.replaceAll('_', ''));
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `--${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

export async function demoCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      url: { type: 'string' },
      scale: { type: 'string' },
      seed: { type: 'string' },
      end: { type: 'string' },
      'emit-truth': { type: 'string' },
      bulk: { type: 'boolean' },
      concurrency: { type: 'string' },
    },
  });
  const options: DemoOptions = {
    seed: integer('seed', values.seed, 1, 0, 2 ** 32 - 1),
    scale: integer('scale', values.scale, DEFAULT_SCALE, 1, MAX_SCALE),
    ...(values.end === undefined ? {} : { end: values.end }),
  };
  if (values.end !== undefined && Number.isNaN(Date.parse(values.end))) {
    throw new UsageError(`--end must be an ISO time, got ${JSON.stringify(values.end)}`);
  }
  if (values.url !== undefined && values.bulk)
    throw new UsageError('--bulk feeds a local --db; it cannot be used with --url');
  const concurrency = integer('concurrency', values.concurrency, 4, 1, 64);
  const truth = new TruthBuilder(createPriceBook());
  const chunks = demoStream(options, truth);
  const bar = new ProgressBar('spans sent');
  const onProgress = (p: SendProgress) => bar.update(p.spans, Math.min(1, p.spans / options.scale));
  let dbPath: string | null = null;
  let sent: SendProgress;
  if (values.url !== undefined) {
    await putBaselines(values.url);
    sent = await sendOverHttp(values.url, chunks, { concurrency, onProgress });
    bar.finish(sent.spans);
  } else {
    dbPath = values.db ?? DEFAULT_DEMO_DB;
    if (dbPath !== ':memory:') await mkdir(dirname(dbPath), { recursive: true });
    sent = await fillLocal(
      dbPath,
      chunks,
      values.bulk === true || options.scale > BULK_ABOVE,
      concurrency,
      onProgress,
      (filled) => bar.finish(filled.spans),
      io,
    );
  }
  const result = truth.build({ seed: options.seed, scale: options.scale, ...windowOf(options) });
  if (values['emit-truth'] !== undefined) {
    await writeFile(values['emit-truth'], `${JSON.stringify(result, null, 2)}\n`);
    io.err(`truth written to ${values['emit-truth']}`);
  }
  io.out(summarizeTruth(result, dbPath));
  return 0;
}

/**
 * Fills the store through an in-process server, then computes the dashboard's first reports on it
 * and keeps them beside the database: without them the next server would start from the empty
 * store's answers, kept when this one started, or compute every report at once over a big store.
 */
async function fillLocal(
  dbPath: string,
  chunks: Iterable<DemoChunk>,
  bulk: boolean,
  concurrency: number,
  onProgress: (p: SendProgress) => void,
  onFilled: (p: SendProgress) => void,
  io: CliIo,
): Promise<SendProgress> {
  const server = await startServer(
    defaultConfig({
      port: 0,
      dbPath,
      workflows: WORKFLOWS.map(toWorkflowBaseline),
      warmReports: false,
    }),
  );
  try {
    const sent = bulk
      ? await feedInProcess(
          new Capture({ store: server.store, priceBook: server.priceBook }),
          chunks,
          async (records) => {
            const parsed = parseOutcomes(records);
            if (parsed.rejected.length > 0)
              throw new Error(`demo outcome rejected: ${JSON.stringify(parsed.rejected[0])}`);
            await server.store.insertOutcomes(parsed.outcomes);
          },
          { onProgress },
        )
      : await sendOverHttp(server.url, chunks, { concurrency, onProgress });
    onFilled(sent);
    if (dbPath !== ':memory:') {
      const started = performance.now();
      io.err("computing the dashboard's first reports, kept beside the database…");
      await server.warmUp();
      io.err(`reports kept in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    return sent;
  } finally {
    await server.close();
  }
}

async function putBaselines(url: string): Promise<void> {
  for (const w of WORKFLOWS) {
    const response = await fetch(
      `${url.replace(/\/+$/, '')}/api/v1/workflows/${encodeURIComponent(w.name)}/baseline`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(toBaselineBody(w)),
      },
    );
    if (response.status !== 200) {
      throw new Error(
        `PUT baseline of ${w.name} answered ${response.status}: ${await response.text()}`,
      );
    }
  }
}
