/**
 * `npx tsx bench/allocation-bench.ts [--steps N --units M]` (default 1M steps, 100k work units, the
 * workflows-report data generated inside DuckDB): times `Store.attemptHistories` (the marginal
 * view's query: attempts numbered per decided unit, per step and model, per context band) and the
 * allocation plan built on it, best of 3 after a warm-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AllocationReports, WorkflowReports } from '../src/analysis/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import { openStore } from '../src/store/index.js';
import { fill, timeIt } from './report-bench.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '1000000' },
    units: { type: 'string', default: '100000' },
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
  const historiesMs = await timeIt(async () => {
    workflows = (await store.attemptHistories({})).length;
  });
  const oneMs = await timeIt(() => reports.marginal('wf-0'));
  const allocateMs = await timeIt(() => reports.allocate({ budgetUsd: 1000, period: 'month' }));
  await store.close();
  console.log(
    `allocation: ${options.steps.toLocaleString('en')} steps, ${options.units.toLocaleString('en')} work units, ${workflows} workflows\n` +
      `attemptHistories (all) ${historiesMs.toFixed(0)} ms, marginal view of one workflow ${oneMs.toFixed(0)} ms, ` +
      `allocate ${allocateMs.toFixed(0)} ms`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
