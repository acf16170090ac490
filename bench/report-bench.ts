/**
 * The workflows report over a large store: `Store.aggregateUnits` (the product's query) beside a
 * hand-tuned single SQL query of the same figures, in the same process on the same data.
 * Data is generated inside DuckDB (the write path has its own benchmark).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { LINK_KEYS } from '../src/domain/index.js';
import { contractOutcome, llmStep, pricedCost } from '../src/store/contract-steps.js';
import { DuckDbStore } from '../src/store/duckdb/duckdb-store.js';
import type { RollupRefresh } from '../src/store/duckdb/unit-rollup.js';
import { openStore } from '../src/store/index.js';

export interface ReportBenchOptions {
  steps: number;
  units: number;
}

/** `trace_parts` columns as migration 0005 fills them (0008 numbers each part by a default). */
const TRACE_PART_COLUMNS = `trace_id, continued, unit_start, work_unit_id, link_attributes,
  workflow_start, workflow, attempt_start, attempt, started, last_seen, cost, step_minutes,
  unpriced, usage_unknown, unit_key`;

export async function fill(path: string, options: ReportBenchOptions): Promise<void> {
  const store = await openStore({ kind: 'duckdb', path });
  await store.close();
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  const traces = Math.ceil(options.steps / 8);
  // 8 steps per trace; the root carries the link; traces map onto units round-robin (≈1.25 attempts each).
  await c.run(`INSERT INTO steps SELECT
      printf('%032x', i // 8), printf('%016x', i), CASE WHEN i % 8 = 0 THEN NULL ELSE printf('%016x', i - i % 8) END,
      CASE WHEN i % 8 = 0 THEN 'agent' WHEN i % 8 = 7 THEN 'tool' ELSE 'llm' END, 'chat', 'gen-ai',
      'gpt-4o', 'gpt-4o', 'openai', NULL,
      1000 + i % 3000, 100 + i % 300, NULL, NULL, NULL, NULL, false, NULL, NULL,
      make_timestamp_ns(1764000000000000000 + i * 1000000), 500000000, 'ok', '', 'svc', NULL, NULL,
      CASE WHEN i % 8 = 0 THEN printf('U-%d', (i // 8) % ${options.units}) END,
      CASE WHEN i % 8 = 0 THEN 'wf-' || ((i // 8) % ${options.units}) % 5 END,
      NULL,
      CASE WHEN i % 8 = 0 THEN '{"segment":"' || ((i // 8) % 3) || '"}' ELSE '{}' END,
      CASE WHEN i % 8 IN (0, 7) THEN 'no_usage' ELSE 'priced' END,
      CASE WHEN i % 8 IN (0, 7) THEN 0 ELSE (0.0025 + (i % 1000) * 0.000001)::DECIMAL(38, 15) END,
      NULL, NULL, 'catalog', 'openai/gpt-4o', 'bench', i % 8 <> 0, CASE WHEN i % 8 = 0 THEN 'rolled_up' END,
      'chat', NULL, NULL, NULL
    FROM range(${options.steps}) t(i)`);
  await c.run(`INSERT INTO outcomes SELECT u, printf('U-%d', u), 'wf-' || (u % 5),
      CASE WHEN u % 10 < 7 THEN 'resolved' WHEN u % 10 < 9 THEN 'failed' ELSE 'escalated' END,
      CASE WHEN u % 10 < 6 THEN 'ai' WHEN u % 10 < 7 THEN 'human' END,
      u % 7, NULL, NULL, false, NULL, '{}', make_timestamp_ns(1764000000000000000 + u * 1000),
      md5_number('wf-' || (u % 5) || chr(0) || printf('U-%d', u))
    FROM range(${Math.round(options.units * 0.95)}) t(u)`);
  void traces;
  // Steps and outcomes were written behind the store's back, so roll them up exactly as migration
  // 0005 does…
  const migration = await readFile(
    join(import.meta.dirname, '..', 'migrations', 'duckdb', '0005_trace_rollup.sql'),
    'utf8',
  );
  const rollup = migration.slice(migration.indexOf('INSERT INTO trace_parts'));
  await c.run(
    rollup
      .slice(0, rollup.indexOf('ALTER TABLE outcomes'))
      .replace('INSERT INTO trace_parts', `INSERT INTO trace_parts (${TRACE_PART_COLUMNS})`),
  );
  // …and keep each unit's current outcome as migration 0007 (and every outcome write) does.
  const current = await readFile(
    join(import.meta.dirname, '..', 'migrations', 'duckdb', '0007_unit_outcomes.sql'),
    'utf8',
  );
  const upsert = current.slice(current.indexOf('INSERT INTO unit_outcomes'));
  await c.run(upsert.slice(0, upsert.indexOf('CREATE OR REPLACE VIEW')));
  await c.run('CHECKPOINT');
  c.closeSync();
  instance.closeSync();
}

const HAND_TUNED = `
WITH t AS (
  SELECT trace_id, min(work_unit_id) AS wu, min(workflow) AS wf, min(start_time) AS started,
    sum(cost_usd) FILTER (WHERE usage_counted AND pricing_status = 'priced') AS cost
  FROM steps GROUP BY trace_id
),
u AS (
  SELECT wf, wu, count(*) AS attempts, sum(cost) AS cost,
    sum(cost) - arg_min(cost, started) AS retry_cost
  FROM t WHERE wu IS NOT NULL GROUP BY wf, wu
),
o AS (SELECT workflow, work_unit_id, arg_max(status, (occurred_at, arrival_seq)) AS status,
        arg_max(resolved_by, (occurred_at, arrival_seq)) AS resolver, arg_max(human_minutes, (occurred_at, arrival_seq)) AS minutes
      FROM outcomes GROUP BY ALL)
SELECT wf, count(*), count(o.status), count(*) FILTER (WHERE status = 'resolved'),
  count(*) FILTER (WHERE status = 'resolved' AND resolver = 'ai'), sum(attempts), sum(cost), sum(retry_cost),
  sum(minutes), quantile_disc(cost, 0.5), quantile_disc(cost, 0.95), max(cost), min(cost)
FROM u LEFT JOIN o ON o.workflow = u.wf AND o.work_unit_id = u.wu GROUP BY wf ORDER BY wf`;

export async function timeIt(run: () => Promise<unknown>, repeats = 3): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return Math.min(...times);
}

export interface ReportBenchResult {
  productMs: number;
  handMs: number;
  workflows: number;
  /** The first report after the data arrived: builds the per-unit roll-up of every unit. */
  buildMs: number;
  /** Reports right after a write (the roll-up refreshes the units it touched first). */
  afterWrites: { ms: number; refresh: RollupRefresh | null }[];
  /** Rows of the kept roll-up that differ from a rebuild from scratch (must be 0). */
  drifted: number;
}

/** A write through the store: `traces` new attempts of existing units, `units` new outcomes. */
export async function writeMore(store: DuckDbStore, round: number, options: ReportBenchOptions) {
  const at = 1_800_000_000_000_000_000n + BigInt(round) * 1_000_000_000n;
  const steps = Array.from({ length: 1000 }, (_, i) => {
    const u = (round * 7919 + i * 104_729) % options.units;
    return llmStep({
      // New traces: ids the generated data does not use (it numbers traces from 0).
      traceId: `e${String(round).padStart(3, '0')}${String(i).padStart(28, '0')}`,
      startTimeUnixNano: at + BigInt(i),
      cost: pricedCost('0.0031'),
      attributes: { [LINK_KEYS.workUnitId]: `U-${u}`, [LINK_KEYS.workflow]: `wf-${u % 5}` },
    });
  });
  await store.insertSteps(steps);
  await store.insertOutcomes(
    Array.from({ length: 200 }, (_, i) => {
      const u = (round * 611 + i * 4_999) % options.units;
      return contractOutcome(`U-${u}`, {
        workflow: `wf-${u % 5}`,
        status: 'resolved',
        occurredAtUnixNano: at + BigInt(i),
      });
    }),
  );
}

export async function runReportBench(options: ReportBenchOptions): Promise<ReportBenchResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tokenledger-report-bench-'));
  const path = join(dir, 'report.duckdb');
  try {
    await fill(path, options);
    const store = await DuckDbStore.open({ path });
    await store.migrate();
    const report = () => store.aggregateUnits({ groupBy: { kind: 'workflow' } });
    const buildStarted = performance.now();
    await report();
    const buildMs = performance.now() - buildStarted;
    let workflows = 0;
    const productMs = await timeIt(async () => {
      workflows = (await report()).length;
    });
    const afterWrites: ReportBenchResult['afterWrites'] = [];
    for (let round = 0; round < 3; round++) {
      await writeMore(store, round, options);
      const started = performance.now();
      await report();
      const refresh = await store.refreshUnitRollup();
      afterWrites.push({ ms: performance.now() - started, refresh });
    }
    const { drifted } = await store.checkRollup('unit');
    await store.close();
    const instance = await DuckDBInstance.create(path, { memory_limit: '1GB' });
    const c = await instance.connect();
    const handMs = await timeIt(() => c.runAndReadAll(HAND_TUNED));
    c.closeSync();
    instance.closeSync();
    return { productMs, handMs, workflows, buildMs, afterWrites, drifted };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
