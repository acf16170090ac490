/**
 * Reads the waste facts and routing facts (store/waste-facts.ts) with the SQL of waste-sql.ts:
 * builds the per-read temp tables, asks the caller which routes are over-powered once the success
 * rates are known, reads aggregated rows and the over-powered saving, bloat and cache misses
 * priced in SQL (waste-route-pricing.ts, waste-input-pricing.ts), and drops the tables.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  RoutingFacts,
  StepModelRate,
  TokenCounts,
  WasteExample,
  WasteFacts,
  WastePricing,
  WasteQuery,
} from '../waste-facts.js';
import { bigintOf, femto, int, nullableInt, text } from './duckdb-values.js';
import { literal } from './sql-scope.js';
import { readInputPriced } from './waste-input-pricing.js';
import { READ_TABLES, readRoutePriced } from './waste-route-pricing.js';
import { ROLLUP_SOURCE, STEP_SOURCE } from './waste-sources.js';
import { IS_CALL, ratesSql, tracesTableSql } from './waste-sql.js';

let sequence = 0;

const tokens = (r: DuckDBValue[], at: number): TokenCounts => ({
  input: int(r[at]),
  output: int(r[at + 1]),
  cacheRead: nullableInt(r[at + 2]),
  cacheWrite: nullableInt(r[at + 3]),
  cacheWrite1h: nullableInt(r[at + 4]),
  reasoning: nullableInt(r[at + 5]),
});

async function rows(connection: DuckDBConnection, sql: string): Promise<DuckDBValue[][]> {
  return (await connection.runAndReadAll(sql)).getRows();
}

async function withTables<T>(
  connection: DuckDBConnection,
  setup: (n: number) => string,
  body: (n: number) => Promise<T>,
): Promise<T> {
  sequence += 1;
  const n = sequence;
  try {
    await connection.run(setup(n));
    return await body(n);
  } finally {
    for (const table of ['traces', 'refs', 'calls', 'rates', ...READ_TABLES])
      await connection.run(`DROP TABLE IF EXISTS waste_${table}_${n}`);
    for (const view of ['units', 'models', 'successful'])
      await connection.run(`DROP VIEW IF EXISTS waste_${view}_${n}`);
  }
}

const toRate = (r: DuckDBValue[]): StepModelRate => ({
  workflow: String(r[0]),
  step: String(r[1]),
  model: String(r[2]),
  provider: text(r[3]),
  attempts: int(r[4]),
  successfulAttempts: int(r[5]),
  calls: int(r[6]),
  lastSeenUnixNano: bigintOf(r[7]),
  shortOutputCalls: int(r[8]),
});

export async function readWasteFacts(
  connection: DuckDBConnection,
  query: WasteQuery,
  pricing: WastePricing,
  fromRollup = false,
): Promise<WasteFacts> {
  const source = fromRollup ? ROLLUP_SOURCE : STEP_SOURCE;
  const setup = (n: number) => source.setup(n, query);
  return withTables(connection, setup, async (n) => {
    const rates = (await rows(connection, source.rates(n))).map(toRate);
    const routes = pricing.decideRoutes(rates);
    await connection.run(source.refs(n));
    const ids = query.examples !== false || query.byUnit === true || query.workUnitId !== undefined;
    await connection.run(source.calls(n, routes, ids));
    const unit =
      query.workUnitId === undefined ? 'TRUE' : `work_unit_id = ${literal(query.workUnitId)}`;
    const workflows = await rows(connection, source.workflows(n, unit, query.byUnit === true));
    const routePriced = await readRoutePriced(connection, n, query, unit, routes, pricing);
    const inputPriced = await readInputPriced(connection, n, query, unit, pricing);
    const references = await rows(
      connection,
      `SELECT workflow, step, model, reference, calls FROM waste_refs_${n}
       WHERE model IS NOT NULL ORDER BY ALL`,
    );
    const examples =
      query.examples === false ? [] : await rows(connection, source.examples(n, unit));
    return {
      workflows: workflows.map((r) => ({
        workflow: String(r[0]),
        workUnitId: text(r[15]),
        totalFemto: femto(r[1]),
        units: int(r[2]),
        attempts: int(r[3]),
        pendingFemto: femto(r[4]),
        pendingUnits: int(r[5]),
        abandonedFemto: femto(r[6]),
        abandonedUnits: int(r[7]),
        failedFemto: femto(r[8]),
        failedAttempts: int(r[9]),
        successfulAttempts: int(r[10]),
        loopFemto: femto(r[11]),
        loopRepeats: int(r[12]),
        loopCalls: int(r[13]),
        loopPromptRepeats: int(r[14]),
      })),
      rates,
      routes,
      references: references.map((r) => ({
        workflow: String(r[0]),
        step: String(r[1]),
        model: String(r[2]),
        reference: int(r[3]),
        calls: int(r[4]),
      })),
      routePriced: routePriced.sums,
      routePricedTop: routePriced.top,
      inputPriced: inputPriced.sums,
      inputPricedTop: inputPriced.top,
      examples: examples.map((r) => ({
        workflow: String(r[0]),
        wasteClass: (r[1] === 'failed' ? 'failedAttempts' : r[1]) as
          | 'failedAttempts'
          | 'loops'
          | 'abandoned',
        example: {
          workUnitId: String(r[2]),
          traceId: String(r[3]),
          step: text(r[4]),
          model: text(r[5]),
          costFemto: femto(r[6]),
          detail: String(r[7]),
        } satisfies WasteExample,
      })),
    };
  });
}

export async function readRoutingFacts(
  connection: DuckDBConnection,
  workflow: string,
  step: string,
): Promise<RoutingFacts> {
  const setup = (n: number) => tracesTableSql(n, { workflow });
  return withTables(connection, setup, async (n) => {
    const stepFilter = `coalesce(s.step_name, s.name) = ${literal(step)}`;
    const rates = (await rows(connection, ratesSql(n, stepFilter))).map(toRate);
    const calls = await rows(
      connection,
      `SELECT s.model, s.provider, epoch_ns(date_trunc('day', s.start_time)), coalesce(s.input_tokens, 0),
         s.output_tokens, s.cache_read_tokens, s.cache_write_tokens, s.cache_write_1h_tokens,
         s.reasoning_tokens, count(*), sum(s.cost_usd)
       FROM steps s JOIN waste_traces_${n} t USING (trace_id)
       WHERE ${IS_CALL} AND ${stepFilter} AND t.verdict <> 'pending' GROUP BY ALL ORDER BY ALL`,
    );
    const totals = await rows(
      connection,
      `WITH a AS (
        SELECT attempt_no, any_value(verdict) AS verdict, sum(cost) AS cost
        FROM waste_traces_${n} GROUP BY ALL
      ), with_step AS (
        SELECT DISTINCT t.attempt_no FROM steps s JOIN waste_traces_${n} t USING (trace_id)
        WHERE ${IS_CALL} AND ${stepFilter} AND t.verdict <> 'pending'
      )
      SELECT count(*) FILTER (WHERE verdict <> 'pending'), count(*) FILTER (WHERE verdict = 'success'),
        coalesce(sum(cost) FILTER (WHERE verdict <> 'pending'), 0), (SELECT count(*) FROM with_step)
      FROM a`,
    );
    const t = totals[0] ?? [];
    return {
      workflow,
      step,
      rates,
      calls: calls.map((r) => ({
        model: text(r[0]),
        provider: text(r[1]),
        dayUnixNano: bigintOf(r[2]),
        tokens: tokens(r, 3),
        calls: int(r[9]),
        costFemto: femto(r[10]),
      })),
      attempts: int(t[0]),
      successfulAttempts: int(t[1]),
      costFemto: femto(t[2]),
      attemptsWithStep: int(t[3]),
    };
  });
}
