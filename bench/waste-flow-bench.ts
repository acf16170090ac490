/**
 * `npm run bench:waste-flow`: the reads the waste roll-up serves — the waste analysis
 * (`GET /api/v1/waste`), the spend flow (`GET /api/v1/spend/flow`) and each workflow's
 * success/failure comparison (`GET /api/v1/workflows/{w}/compare`) — timed over the dashboard bench's store (report-bench.ts `fill`: 8M steps, 1M work units) or a copy of
 * `--db FILE` (`--keep FILE` keeps a copy of a filled store for that), with a digest of every figure so runs of two versions can be compared exactly.
 * `--attribute KEY=VALUE` also times the waste and flow filtered on a business attribute (the
 * attribute roll-up's reads), `--compare` checks every figure against the steps' reads.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildSpendFlow, compareWorkflow, waste } from '../src/analysis/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import type { DerivedRefresh } from '../src/store/duckdb/derived-rollup.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import { fill, writeMore } from './report-bench.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    steps: { type: 'string', default: '8000000' },
    units: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
    writes: { type: 'string', default: '2' },
    compare: { type: 'boolean', default: false },
    keep: { type: 'string' },
    // KEY=VALUE: each read also reads the waste and the flow filtered on that business attribute.
    attribute: { type: 'string' },
  },
});

const digest = (value: unknown) =>
  createHash('sha256')
    .update(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('hex')
    .slice(0, 16);

const [key, ...rest] = values.attribute?.split('=') ?? [];
const attribute = key && rest.length > 0 ? { key, value: rest.join('=') } : null;
if (values.attribute !== undefined && attribute === null)
  throw new Error(`--attribute: expected KEY=VALUE, got ${JSON.stringify(values.attribute)}`);

const dir = await mkdtemp(join(tmpdir(), 'waste-flow-bench-'));
const path = join(dir, 'store.duckdb');
try {
  if (values.db) await copyFile(values.db, path);
  else {
    const started = performance.now();
    await fill(path, { steps: Number(values.steps), units: Number(values.units) });
    console.log(`filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // A filled store to pass as --db next time (filling takes minutes at full scale).
    if (values.keep) await copyFile(path, values.keep);
  }
  const store = await DuckDbStore.open({ path });
  await store.migrate();
  const book = createPriceBook();
  const ms = (from: number) => (performance.now() - from).toFixed(0);
  const phases = (p: Record<string, number>) =>
    Object.entries(p)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ');
  try {
    // The roll-ups' one-off build (unit roll-up and waste roll-up), which the first read pays.
    const built = performance.now();
    await store.refreshUnitRollup();
    console.log(`unit roll-up build ${ms(built)} ms`);
    const wasteBuilt = performance.now();
    const build = await store.refreshWasteRollup();
    console.log(`waste roll-up build ${ms(wasteBuilt)} ms (${phases(build?.phases ?? {})})`);
    const compareBuilt = performance.now();
    const compareBuild = await store.refreshCompareRollup();
    console.log(
      `comparison roll-up build ${ms(compareBuilt)} ms (${phases(compareBuild?.phases ?? {})})`,
    );
    if (attribute) {
      const attributesBuilt = performance.now();
      await store.readSpendFlow({ attribute });
      const phased = phases(store.rollupRefresh('attributes')?.phases ?? {});
      console.log(
        `attribute roll-up build (with a filtered flow) ${ms(attributesBuilt)} ms (${phased})`,
      );
    }
    const read = async (label: string) => {
      const before = store.rollupRefresh('waste');
      let started = performance.now();
      const workflows = await waste.analyzeWaste(store, book);
      const wasteMs = ms(started);
      const refresh = store.rollupRefresh('waste');
      started = performance.now();
      const flow = await buildSpendFlow(store, {});
      const flowMs = ms(started);
      const compareBefore = store.rollupRefresh('compare');
      const compareStarted = performance.now();
      const comparisons = [];
      for (const { workflow } of workflows)
        comparisons.push(await compareWorkflow(store, { workflow }));
      const compareRefresh = store.rollupRefresh('compare');
      const attributesBefore = store.rollupRefresh('attributes');
      started = performance.now();
      const filtered = attribute
        ? [
            await waste.analyzeWaste(store, book, { attribute }),
            await buildSpendFlow(store, { attribute }),
          ]
        : [];
      const filteredMs = ms(started);
      const refreshed = (name: string, r: DerivedRefresh | null, last: DerivedRefresh | null) =>
        r && r !== last
          ? `; ${name} refresh ${r.ms.toFixed(0)} ms (${r.units} units: ${phases(r.phases)})`
          : '';
      console.log(
        `${label}: waste ${wasteMs} ms (${digest(workflows)}), spend flow ${flowMs} ms (${digest(flow)}), ` +
          `${comparisons.length} comparisons ${ms(compareStarted)} ms (${digest(comparisons)})` +
          (attribute
            ? `, waste and flow of ${values.attribute} ${filteredMs} ms (${digest(filtered)})`
            : '') +
          refreshed('waste', refresh, before) +
          refreshed('comparison', compareRefresh, compareBefore) +
          refreshed('attribute', store.rollupRefresh('attributes'), attributesBefore),
      );
      return digest([workflows, flow, comparisons, filtered]);
    };
    /** The same reads from the steps, as before the waste roll-up: the figures must be equal. */
    const fromSteps = async (label: string, expected: string) => {
      store.readsRollups = false;
      const got = await read(`${label} from steps`);
      store.readsRollups = true;
      if (got !== expected)
        throw new Error(`${label}: the roll-up's figures differ from the steps'`);
    };
    let last = '';
    for (let i = 0; i < Number(values.runs); i++) last = await read(`run ${i + 1}`);
    if (values.compare) await fromSteps('runs', last);
    // Small writes (1,000 steps of new attempts, 200 outcomes): each read refreshes first.
    for (let round = 0; round < Number(values.writes); round++) {
      await writeMore(store, round, { steps: Number(values.steps), units: Number(values.units) });
      // What every report pays first (unit reports too); the waste read then pays its own refresh.
      const unitStarted = performance.now();
      const unit = await store.refreshUnitRollup();
      console.log(
        `after write ${round + 1}: unit roll-up refresh ${ms(unitStarted)} ms (${unit?.kind})`,
      );
      last = await read(`after write ${round + 1}`);
      if (values.compare) await fromSteps(`write ${round + 1}`, last);
    }
    if (Number(values.writes) > 0) {
      const unit = await store.checkRollup('unit');
      const kept = await store.checkRollup('waste');
      const compared = await store.checkRollup('compare');
      const attributes = await store.checkRollup('attributes');
      console.log(
        `drift: unit roll-up ${unit.drifted}, waste roll-up ${kept.drifted} of ${kept.rows} rows, ` +
          `comparison roll-up ${compared.drifted} of ${compared.rows} rows, ` +
          `attribute roll-up ${attributes.drifted} of ${attributes.rows} rows`,
      );
    }
  } finally {
    await store.close();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
