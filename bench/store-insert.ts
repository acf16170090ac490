/**
 * Store insert throughput: 1M steps (agent traces whose roll-up arrives after its children) into a
 * fresh DuckDB file, with several insert calls in flight. Prints steps/s and RSS as the table grows.
 * Usage: npx tsx bench/store-insert.ts [totalSteps=1000000] [batchSize=2000] [inFlight=4]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PricedStep } from '../src/domain/index.js';
import { llmStep, pricedCost, toolStep } from '../src/store/contract-steps.js';
import { openStore } from '../src/store/index.js';

const total = Number(process.argv[2] ?? 1_000_000);
const batchSize = Number(process.argv[3] ?? 2000);
const inFlight = Number(process.argv[4] ?? 4);
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

const dir = mkdtempSync(join(tmpdir(), 'tokenledger-bench-'));
const store = await openStore({ kind: 'duckdb', path: join(dir, 'bench.duckdb') });
const started = performance.now();
let stored = 0;
let nextReport = 100_000;
let lastMark = { at: started, stored: 0 };
const running = new Set<Promise<void>>();
for (const batch of batches()) {
  const call = store.insertSteps(batch).then((result) => {
    stored += result.inserted;
    running.delete(call);
    if (stored >= nextReport) {
      const now = performance.now();
      const rate = ((stored - lastMark.stored) / (now - lastMark.at)) * 1000;
      const rss = process.memoryUsage().rss / 2 ** 20;
      console.log(`${stored} steps  ${Math.round(rate)} steps/s  rss ${Math.round(rss)} MiB`);
      lastMark = { at: now, stored };
      nextReport += 100_000;
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
await store.close();
rmSync(dir, { recursive: true, force: true });
