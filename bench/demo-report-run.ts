/**
 * `npm run bench:demo-report -- --db FILE --truth FILE`: the workflows report over a store the demo
 * simulator filled (`tokenledger demo --bulk --scale N --db FILE --emit-truth FILE`), timed best of
 * 3 after a warm-up, beside a plain scan of the same store (`sum(cost_usd)` over every step) as the
 * in-process baseline, and checked against the simulator's truth. The store is copied first, so
 * the original is never written.
 */
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkflowReports } from '../src/analysis/index.js';
import type { Truth } from '../src/demo/index.js';
import { openStore } from '../src/store/index.js';

const { values } = parseArgs({
  options: { db: { type: 'string' }, truth: { type: 'string' } },
});
if (!values.db || !values.truth) throw new Error('--db FILE and --truth FILE are required');
const truth = JSON.parse(await readFile(values.truth, 'utf8')) as Truth;
const dir = await mkdtemp(join(tmpdir(), 'tokenledger-demo-report-'));
const path = join(dir, 'demo.duckdb');
await copyFile(values.db, path);

async function best(run: () => Promise<unknown>): Promise<number> {
  await run();
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await run();
    min = Math.min(min, performance.now() - started);
  }
  return min;
}

try {
  const scan = await (async () => {
    const instance = await DuckDBInstance.create(path, { memory_limit: '1GB' });
    const connection = await instance.connect();
    const ms = await best(() => connection.runAndReadAll('SELECT sum(cost_usd) FROM steps'));
    const rows = await connection.runAndReadAll(
      'SELECT count(*), (SELECT count(*) FROM trace_parts) FROM steps',
    );
    const [steps, parts] = rows.getRows()[0] ?? [];
    connection.closeSync();
    instance.closeSync();
    return { ms, steps: Number(steps), parts: Number(parts) };
  })();
  const store = await openStore({ kind: 'duckdb', path });
  const reports = new WorkflowReports(store);
  const range = {
    fromUnixNano: BigInt(Date.parse(truth.from)) * 1_000_000n,
    toUnixNano: BigInt(Date.parse(truth.to)) * 1_000_000n,
  };
  let workflows = await reports.workflows(range);
  const reportMs = await best(async () => {
    workflows = await reports.workflows(range);
  });
  const detailMs = await best(() => reports.workflow('claims-adjudication', range));
  await store.close();
  console.log(
    `demo store: ${scan.steps.toLocaleString('en')} steps, ${scan.parts.toLocaleString('en')} trace roll-up rows, ` +
      `${truth.workflows.reduce((n, w) => n + w.units, 0).toLocaleString('en')} work units`,
  );
  console.log(
    `workflows report ${reportMs.toFixed(0)} ms; one workflow in depth (segments, drivers, series) ` +
      `${detailMs.toFixed(0)} ms; baseline sum(cost_usd) over every step ${scan.ms.toFixed(0)} ms`,
  );
  let worst = 0;
  for (const t of truth.workflows) {
    const api = workflows.find((w) => w.workflow === t.workflow);
    const expected = t.tokenCostPerResolvedUsd ?? 0;
    const error = Math.abs((api?.tokenCostPerResolvedUsd ?? 0) - expected) / expected;
    worst = Math.max(worst, error);
    console.log(
      `  ${t.workflow.padEnd(22)} units ${api?.units === t.units ? 'equal' : `${api?.units} vs truth ${t.units}`}, ` +
        `token cost per resolved ${api?.tokenCostPerResolvedUsd?.toFixed(6)} vs truth ${expected.toFixed(6)}`,
    );
  }
  console.log(`largest relative error against the truth: ${(worst * 100).toExponential(2)}%`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
