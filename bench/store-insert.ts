/**
 * Store insert throughput: N steps (agent traces whose roll-up arrives after its children) into a
 * fresh DuckDB file, with several insert calls in flight. Prints steps/s, RSS and per-phase write
 * times as the table grows, then reopen time (Bloom rebuild) and getTrace time at full size.
 * Usage: npx tsx bench/store-insert.ts [totalSteps=1000000] [batchSize=2000] [inFlight=4] [reportEvery=1000000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PricedStep } from '../src/domain/index.js';
import { llmStep, pricedCost, toolStep } from '../src/store/contract-steps.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';

const total = Number(process.argv[2] ?? 1_000_000);
const batchSize = Number(process.argv[3] ?? 2000);
const inFlight = Number(process.argv[4] ?? 4);
const reportEvery = Number(process.argv[5] ?? 1_000_000);
const STEPS_PER_TRACE = 5;

const hex = (value: number, length: number) => value.toString(16).padStart(length, '0');

/** Trace n: children first (batch k), the agent roll-up with the next batch, like a span exporter. */
function traceSteps(n: number): { children: PricedStep[]; root: PricedStep } {
  const traceId = `${hex(n, 16)}${hex(n * 2654435761, 16)}`.slice(0, 32);
  const root = `${hex(n, 12)}0000`;
  const start = 1_750_000_000_000_000_000n + BigInt(n) * 1_000_000n;
  const attributes = { 'customer.id': `c-${n % 1000}`, 'app.feature': 'search' };
  const llm = (i: number) =>
    llmStep({
      traceId,
      spanId: `${hex(n, 12)}000${i}`,
      parentSpanId: root,
      responseId: `resp-${n}-${i}`,
      startTimeUnixNano: start + BigInt(i),
      attributes,
      cost: pricedCost('0.00123'),
    });
  return {
    children: [
      llm(1),
      llm(2),
      llm(3),
      toolStep({
        traceId,
        spanId: `${hex(n, 12)}0004`,
        parentSpanId: root,
        startTimeUnixNano: start + 4n,
        attributes,
      }),
    ],
    root: llmStep({
      traceId,
      spanId: root,
      kind: 'agent',
      usageIsRollup: true,
      startTimeUnixNano: start,
      attributes,
      cost: pricedCost('0.00369'),
    }),
  };
}

function* batches(): Generator<PricedStep[]> {
  let pendingRoots: PricedStep[] = [];
  let trace = 0;
  for (let produced = 0; produced < total; ) {
    const batch = pendingRoots;
    pendingRoots = [];
    while (batch.length + STEPS_PER_TRACE - 1 <= batchSize && produced + batch.length < total) {
      const { children, root } = traceSteps(trace++);
      batch.push(...children);
      pendingRoots.push(root);
    }
    produced += batch.length;
    yield batch;
  }
  if (pendingRoots.length > 0) yield pendingRoots;
}

async function open(path: string): Promise<DuckDbStore> {
  const store = await DuckDbStore.open({ path });
  await store.migrate();
  return store;
}

const rssMiB = () => Math.round(process.memoryUsage().rss / 2 ** 20);
const dir = mkdtempSync(join(tmpdir(), 'tokenledger-bench-'));
const path = join(dir, 'bench.duckdb');
let store = await open(path);
console.log(`start rss ${rssMiB()} MiB`);
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, rssMiB());
}, 100);
const started = performance.now();
let stored = 0;
let nextReport = reportEvery;
let lastMark = { at: started, stored: 0 };
const running = new Set<Promise<void>>();
for (const batch of batches()) {
  const call = store.insertSteps(batch).then((result) => {
    stored += result.inserted;
    running.delete(call);
    if (stored >= nextReport) {
      const now = performance.now();
      const rate = ((stored - lastMark.stored) / (now - lastMark.at)) * 1000;
      const phases = store.writePhases;
      const perTx = (ms: number) => (phases ? (ms / phases.transactions).toFixed(2) : '-');
      console.log(
        `${stored} steps  ${Math.round(rate)} steps/s  rss ${rssMiB()} MiB  ` +
          `tx ${phases?.transactions} (${Math.round((phases?.steps ?? 0) / (phases?.transactions ?? 1))} steps)  ` +
          `ms/tx plan ${perTx(phases?.plan ?? 0)} load ${perTx(phases?.load ?? 0)} ` +
          `encode ${perTx(phases?.encode ?? 0)} begin ${perTx(phases?.begin ?? 0)} insert ${perTx(phases?.insert ?? 0)} ` +
          `rollup ${perTx(phases?.rollup ?? 0)} compact ${perTx(phases?.compact ?? 0)} update ${perTx(phases?.update ?? 0)} commit ${perTx(phases?.commit ?? 0)} ` +
          `index ${perTx(phases?.index ?? 0)}  loaded traces ${phases?.loadedTraces}`,
      );
      lastMark = { at: now, stored };
      nextReport += reportEvery;
    }
  });
  running.add(call);
  if (running.size >= inFlight) await Promise.race(running);
}
await Promise.all(running);
const elapsed = (performance.now() - started) / 1000;
const totals = await store.getSpendTotals();
console.log(
  `total ${stored} steps in ${elapsed.toFixed(1)} s: ${Math.round(stored / elapsed)} steps/s, ` +
    `rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB, counted steps ${totals.steps}, ` +
    `input tokens ${totals.inputTokens}`,
);
clearInterval(sampler);
console.log(
  `peak rss ${peakRss} MiB, end rss ${rssMiB()} MiB, index ${JSON.stringify(store.traceIndexStats)}`,
);
await store.close();
const reopenStarted = performance.now();
store = await open(path);
console.log(`reopen (Bloom rebuild) ${Math.round(performance.now() - reopenStarted)} ms`);
const probe = traceSteps(Math.floor(stored / STEPS_PER_TRACE / 2));
for (let i = 0; i < 3; i += 1) {
  const readStarted = performance.now();
  const steps = await store.getTrace(probe.root.traceId);
  console.log(
    `getTrace ${steps.length} steps in ${(performance.now() - readStarted).toFixed(1)} ms`,
  );
}
await store.close();
rmSync(dir, { recursive: true, force: true });
