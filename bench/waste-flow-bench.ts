/**
 * `npm run bench:waste-flow`: the two reads behind the dashboard's slowest first-load routes —
 * the waste analysis (`GET /api/v1/waste`) and the spend flow (`GET /api/v1/spend/flow`) — timed
 * over the dashboard bench's store (report-bench.ts `fill`: 8M steps, 1M work units) or a copy of
 * `--db FILE`, with a digest of every figure so runs of two versions can be compared exactly.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSpendFlow, waste } from '../src/analysis/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import { openStore } from '../src/store/index.js';
import { fill } from './report-bench.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    steps: { type: 'string', default: '8000000' },
    units: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
  },
});

const digest = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('hex')
    .slice(0, 16);

const dir = await mkdtemp(join(tmpdir(), 'waste-flow-bench-'));
const path = join(dir, 'store.duckdb');
try {
  if (values.db) await copyFile(values.db, path);
  else {
    const started = performance.now();
    await fill(path, { steps: Number(values.steps), units: Number(values.units) });
    console.log(`filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  const book = createPriceBook();
  try {
    for (let i = 0; i < Number(values.runs); i++) {
      let started = performance.now();
      const workflows = await waste.analyzeWaste(store, book);
      const wasteMs = performance.now() - started;
      started = performance.now();
      const flow = await buildSpendFlow(store, {});
      const flowMs = performance.now() - started;
      console.log(
        `run ${i + 1}: waste ${wasteMs.toFixed(0)} ms (${digest(workflows)}), spend flow ${flowMs.toFixed(0)} ms (${digest(flow)})`,
      );
    }
  } finally {
    await store.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
