/**
 * The index-free write path on DuckDB: idempotency and usage re-decision across restarts, Bloom
 * false positives, LRU eviction, failed transactions, and CSV round-trips of awkward strings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { llmStep, toolStep, uniqueId } from '../contract-steps.js';
import type { TraceIndexOptions } from '../trace-index.js';
import { DuckDbStore } from './duckdb-store.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenledger-trace-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function open(path: string, traceIndex?: TraceIndexOptions): Promise<DuckDbStore> {
  const store = await DuckDbStore.open(traceIndex ? { path, traceIndex } : { path });
  await store.migrate();
  return store;
}
const newPath = () => {
  files += 1;
  return join(dir, `index-${files}.duckdb`);
};

/** An agent roll-up with usage and one LLM child with usage under it. */
function rootAndChild() {
  const traceId = uniqueId(32);
  const root = llmStep({ traceId, kind: 'agent', usageIsRollup: true, startTimeUnixNano: 10n });
  const child = llmStep({ traceId, parentSpanId: root.spanId, startTimeUnixNano: 11n });
  return { root, child };
}

describe('DuckDbStore write path without a primary key', () => {
  it('counts retries after a restart as duplicates and stores nothing twice', async () => {
    const path = newPath();
    const steps = [llmStep(), llmStep(), toolStep()];
    const first = await open(path);
    expect(await first.insertSteps(steps)).toEqual({ inserted: 3, duplicates: 0 });
    await first.close();
    const second = await open(path);
    expect(await second.insertSteps([...steps, llmStep()])).toEqual({ inserted: 1, duplicates: 3 });
    expect((await second.getSpendTotals()).steps).toBe(4);
    await second.close();
  });

  it('excludes a root that arrives after a restart when its children were stored before', async () => {
    const path = newPath();
    const { root, child } = rootAndChild();
    const first = await open(path);
    await first.insertSteps([child]);
    await first.close();
    const second = await open(path);
    await second.insertSteps([root]);
    const stored = await second.getTrace(root.traceId);
    expect(stored.map((s) => [s.spanId, s.usageExclusion])).toEqual([
      [root.spanId, 'rolled_up'],
      [child.spanId, null],
    ]);
    expect((await second.getSpendTotals()).inputTokens).toBe(100);
    await second.close();
  });

  it('re-decides stored rows of an evicted trace when a late child arrives', async () => {
    const store = await open(':memory:', { maxSpans: 1 });
    const { root, child } = rootAndChild();
    await store.insertSteps([root]);
    await store.insertSteps([llmStep(), llmStep()]);
    expect(store.traceIndexStats.traces).toBe(1);
    expect(await store.insertSteps([child, root])).toEqual({ inserted: 1, duplicates: 1 });
    const stored = await store.getTrace(root.traceId);
    expect(stored.map((s) => [s.spanId, s.usageCounted])).toEqual([
      [root.spanId, false],
      [child.spanId, true],
    ]);
    expect((await store.getSpendTotals()).steps).toBe(3);
    expect(store.writePhases?.loadedTraces).toBeGreaterThanOrEqual(1);
    await store.close();
  });

  it('stores new traces correctly when the Bloom filter answers maybe for everything', async () => {
    const store = await open(':memory:', { bloomCapacity: 1, falsePositiveRate: 0.5, maxSpans: 1 });
    const steps = Array.from({ length: 50 }, () => llmStep());
    for (const step of steps) await store.insertSteps([step]);
    expect(await store.insertSteps(steps)).toEqual({ inserted: 0, duplicates: 50 });
    expect((await store.getSpendTotals()).steps).toBe(50);
    expect(store.writePhases?.loadedTraces).toBeGreaterThan(50);
    await store.close();
  });

  it('leaves the index unchanged when a transaction fails', async () => {
    const store = await open(':memory:');
    const good = llmStep();
    // Beyond TIMESTAMP_NS: DuckDB rejects the row, so the whole transaction rolls back.
    const bad = { ...good, startTimeUnixNano: 2n ** 70n };
    await expect(store.insertSteps([bad])).rejects.toThrow();
    expect(await store.insertSteps([good])).toEqual({ inserted: 1, duplicates: 0 });
    expect(await store.getTrace(good.traceId)).toHaveLength(1);
    await store.close();
  });

  it('round-trips awkward strings through the CSV path', async () => {
    const store = await open(':memory:');
    const nasty = ['a,b', 'say "hi"', 'l1\nl2', 'cr\r\nlf', 'back\\slash', '', 'NULL', '\\N'];
    const steps = nasty.map((text, i) =>
      llmStep({
        name: `${text}|${i}`,
        statusMessage: text,
        sessionId: text,
        serviceName: i % 2 ? null : '',
        toolName: '日本語 🎉 \u0000',
        attributes: { [`k,"${text}"`]: text, 'app.feature': '\t' },
      }),
    );
    await store.insertSteps(steps);
    for (const step of steps) {
      expect(await store.getTrace(step.traceId)).toEqual([
        { ...step, usageCounted: true, usageExclusion: null },
      ]);
    }
    await store.close();
  });

  it("stores a row longer than DuckDB's default CSV line limit", async () => {
    const store = await open(':memory:');
    const step = llmStep({
      statusMessage: 'é'.repeat(1_500_000),
      attributes: { big: 'x'.repeat(500_000) },
    });
    await store.insertSteps([step, llmStep()]);
    expect(await store.getTrace(step.traceId)).toEqual([
      { ...step, usageCounted: true, usageExclusion: null },
    ]);
    await store.close();
  });
});
