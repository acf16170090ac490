/**
 * `npx tsx bench/allocation-bench.ts [--steps N --units M] [--no-steps]` (default 1M steps, 100k
 * work units, the workflows-report data generated inside DuckDB): times `Store.attemptHistories`
 * (the marginal view's query: attempts numbered per decided unit, per step and model, per context
 * band) and the allocation plan built on it, best of 3 after a warm-up. The first call builds the
 * allocation roll-up (timed apart); then the same read from the steps, the baseline (`--no-steps`
 * skips it: it runs out of 1 GB near a million units).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AllocationReports, WorkflowReports } from '../src/analysis/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { openStore } from '../src/store/index.js';
import { fill, timeIt } from './report-bench.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '100000' },
    'no-steps': { type: 'boolean', default: false },
  },
});
const options = { steps: Number(values.steps), units: Number(values.units) };
const dir = await mkdtemp(join(tmpdir(), 'tokenledger-alloc-bench-'));
try {
  const path = join(dir, 'alloc.duckdb');
  await fill(path, options);
  const store = await openStore({ kind: 'duckdb', path });
  const reports = new AllocationReports(store, new WorkflowReports(store), createPriceBook());
  let workflows = 0;
  const built = performance.now();
  await store.attemptHistories({});
  const buildMs = performance.now() - built;
  const historiesMs = await timeIt(async () => {
    workflows = (await store.attemptHistories({})).length;
  });
  const oneMs = await timeIt(() => reports.marginal('wf-0'));
  const allocateMs = await timeIt(() => reports.allocate({ budgetUsd: 1000, period: 'month' }));
  let stepsMs: number | null = null;
  if (!values['no-steps'] && store instanceof DuckDbStore) {
    store.readsRollups = false;
    stepsMs = await timeIt(() => store.attemptHistories({}));
  }
  await store.close();
  console.log(
    `allocation: ${options.steps.toLocaleString('en')} steps, ${options.units.toLocaleString('en')} work units, ${workflows} workflows\n` +
      `allocation roll-up build ${buildMs.toFixed(0)} ms; attemptHistories (all) ${historiesMs.toFixed(0)} ms` +
      `${stepsMs === null ? '' : ` (from the steps ${stepsMs.toFixed(0)} ms)`}, marginal view of one workflow ${oneMs.toFixed(0)} ms, ` +
      `allocate ${allocateMs.toFixed(0)} ms`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
