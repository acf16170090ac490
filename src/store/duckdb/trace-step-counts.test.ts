/**
 * The spend totals read counted steps and their tokens from the trace roll-up (migration 0010):
 * each write's parts carry them and a changed usage decision moves them with signed parts; a store
 * written before 0010 gets each trace's counts on its earliest part. Both are checked against the
 * steps themselves, and against figures worked by hand.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterEach, describe, expect, it } from 'vitest';
import { llmStep, pricedCost, UNPRICED, uniqueId } from '../contract-steps.js';
import type { SpendTotals } from '../store.js';
import { DuckDbStore } from './duckdb-store.js';

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

const usage = (inputTokens: number, outputTokens: number) => ({
  ...llmStep().usage,
  inputTokens,
  outputTokens,
});

/** Four transactions: a trace continued, an unpriced call, a provider call stacked late. */
async function write(store: DuckDbStore): Promise<void> {
  const a = uniqueId(32);
  const c = uniqueId(32);
  const wrapper = uniqueId(16);
  await store.insertSteps([
    llmStep({ traceId: a, usage: usage(100, 20), cost: pricedCost('0.001') }),
    llmStep({ usage: usage(500, 50), cost: UNPRICED }),
    llmStep({
      traceId: c,
      spanId: wrapper,
      responseId: 'resp-c',
      usage: usage(300, 30),
      cost: pricedCost('0.003'),
    }),
  ]);
  await store.insertSteps([
    llmStep({ traceId: a, usage: usage(200, 40), cost: pricedCost('0.002') }),
  ]);
  // The same provider call seen again below its wrapper: the wrapper stops counting.
  await store.insertSteps([
    llmStep({
      traceId: c,
      parentSpanId: wrapper,
      responseId: 'resp-c',
      usage: usage(300, 30),
      cost: pricedCost('0.003'),
    }),
  ]);
}

// Counted: a's two calls, the unpriced call, c's inner call (the wrapper is a stacked duplicate).
// Steps 4; input 100 + 200 + 500 + 300 = 1,100; output 20 + 40 + 50 + 30 = 140; unpriced 1 step
// of 500 / 50 tokens; cost 0.001 + 0.002 + 0.003 = $0.006.
const EXPECTED = {
  steps: 4,
  inputTokens: 1_100,
  outputTokens: 140,
  unpricedSteps: 1,
  unpricedInputTokens: 500,
  unpricedOutputTokens: 50,
  usageUnknownSteps: 0,
  costFemto: 6_000_000_000_000n,
};

/** The same figures from the steps, as the totals read them before 0010. */
async function fromSteps(path: string): Promise<Partial<SpendTotals>> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    const [row] = (
      await connection.runAndReadAll(
        `SELECT count(*), sum(input_tokens), sum(output_tokens),
           count(*) FILTER (WHERE pricing_status = 'unpriced'),
           sum(input_tokens) FILTER (WHERE pricing_status = 'unpriced'),
           sum(output_tokens) FILTER (WHERE pricing_status = 'unpriced')
         FROM steps WHERE usage_counted`,
      )
    ).getRowsJS();
    const n = (i: number) => Number(row?.[i] ?? 0);
    return {
      steps: n(0),
      inputTokens: n(1),
      outputTokens: n(2),
      unpricedSteps: n(3),
      unpricedInputTokens: n(4),
      unpricedOutputTokens: n(5),
    };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** What a store written before 0010 looks like: parts without counts, 0010 not applied. */
async function backToSchema9(path: string): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await connection.run(`CREATE TABLE parts_before AS SELECT * EXCLUDE (steps, input_tokens,
      output_tokens, unpriced_input_tokens, unpriced_output_tokens) FROM trace_parts;
      DROP TABLE trace_parts;
      ALTER TABLE parts_before RENAME TO trace_parts;
      DELETE FROM schema_migrations WHERE version = 10;
      CHECKPOINT`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('counted steps and tokens in the trace roll-up', () => {
  it('keep the totals equal to the steps through writes, late decisions and the upgrade', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tokenledger-step-counts-'));
    const path = join(dir, 'store.duckdb');
    const store = await DuckDbStore.open({ path });
    await store.migrate();
    await write(store);
    expect(await store.getSpendTotals()).toMatchObject(EXPECTED);
    await store.close();
    const steps = await fromSteps(path);
    expect(steps).toMatchObject({ steps: 4, inputTokens: 1_100, unpricedInputTokens: 500 });

    await backToSchema9(path);
    const upgraded = await DuckDbStore.open({ path });
    await upgraded.migrate();
    try {
      const totals = await upgraded.getSpendTotals();
      expect(totals).toMatchObject(EXPECTED);
      expect(totals).toMatchObject(steps);
      // Writes after the upgrade add to the backfilled counts.
      await upgraded.insertSteps([llmStep({ usage: usage(7, 3), cost: pricedCost('0.0001') })]);
      expect(await upgraded.getSpendTotals()).toMatchObject({
        steps: 5,
        inputTokens: 1_107,
        outputTokens: 143,
      });
    } finally {
      await upgraded.close();
    }
  });
});
