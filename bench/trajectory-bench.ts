/**
 * Times work-unit search, the success/failure compare and one trajectory on an existing store
 * (a demo file: `tokenledger demo --db FILE --scale N --bulk`). Best of 3 after a warm-up, printed.
 * Usage: npx tsx bench/trajectory-bench.ts --db FILE
 */
import { parseArgs } from 'node:util';
import {
  buildTrajectory,
  compareWorkflow,
  parseSearchQuery,
  searchWorkUnits,
} from '../src/analysis/index.js';
import { openStore, type Store } from '../src/store/index.js';

const { values } = parseArgs({ options: { db: { type: 'string' } } });
if (!values.db) throw new Error('--db FILE is required');

async function best(run: () => Promise<unknown>): Promise<number> {
  await run();
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await run();
    fastest = Math.min(fastest, performance.now() - start);
  }
  return fastest;
}

const SEARCHES = [
  'workflow=support-tickets&sort=-cost&limit=50',
  'workflow=claims-adjudication&status=resolved&resolvedBy=ai&attribute.unusual_documents=yes',
  'workflow=claims-adjudication&model=claude-sonnet-4-5&rule=deductible-2.0&minCostUsd=0.01&sort=cost',
  'workflow=support-tickets&tool=get_order&status=pending&from=2000-01-01T00:00:00Z',
];

async function main(store: Store): Promise<void> {
  const steps = await store.getSpendTotals();
  console.log(`store ${values.db}: ${steps.steps.toLocaleString('en-US')} counted steps`);
  for (const query of SEARCHES) {
    const search = parseSearchQuery(
      Object.fromEntries([...new URLSearchParams(query).entries()].map(([k, v]) => [k, [v]])),
    );
    const page = await searchWorkUnits(store, search);
    const ms = await best(() => searchWorkUnits(store, search));
    console.log(`search ${query}: ${page.matched} matched, ${ms.toFixed(0)} ms`);
  }
  for (const workflow of ['contract-review', 'claims-adjudication', 'support-tickets']) {
    const ms = await best(() => compareWorkflow(store, { workflow }));
    console.log(`compare ${workflow}: ${ms.toFixed(0)} ms`);
  }
  const first = await store.searchWorkUnits({
    workflow: 'support-tickets',
    sort: '-cost',
    limit: 1,
  });
  const id = first.units[0]?.workUnitId;
  if (id) {
    const ms = await best(() => buildTrajectory(store, id, 'support-tickets'));
    console.log(`trajectory ${id}: ${ms.toFixed(0)} ms`);
  }
}

const store = await openStore({ kind: 'duckdb', path: values.db });
try {
  await store.migrate();
  await main(store);
} finally {
  await store.close();
}
