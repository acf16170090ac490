/**
 * Prices the over-powered routing saving inside the store (store/waste-facts.ts RoutePricedSums).
 * The calls `waste_calls_n` classes over-powered name the (cheaper model, provider, day)s whose
 * rates matter; the caller's price book gives those rates; SQL prices every call on the cheaper
 * model exactly as pricing/compute-call-cost.ts does (cliff tier by the request's total input,
 * cache kinds, reasoning, per-request fee, one half-even rounding per amount after any discount).
 * A million realistic units hold ~44,000 distinct over-powered token tuples: read into JavaScript
 * and priced one by one they cost ~0.6 s; here only the sums and the top groups come back.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type {
  CallRates,
  OverPoweredRoute,
  RateKey,
  RoutePricedGroup,
  RoutePricedSums,
  TokenCounts,
  WastePricing,
  WasteQuery,
} from '../waste-facts.js';
import { bigintOf, femto, int, text, unitAndTrace } from './duckdb-values.js';
import { bigintTokenBound, halfEvenParts, halfEvenScaled, splitRate } from './half-even-sql.js';
import { insertValues, literal } from './sql-scope.js';
import { routesSql } from './waste-sql.js';

/** The band's rate columns: each as millions part `_a`, remainder `_b` and whole `_r`. */
const KINDS = {
  input: 'in',
  cacheRead: 'rd',
  cacheWrite: 'w5',
  cacheWrite1h: 'w1',
  output: 'out',
  reasoning: 'rsn',
} as const;

const ratesTable = (n: number) => `waste_callrates_${n}`;
const groupsTable = (n: number) => `waste_routegroups_${n}`;
/** The per-read tables this module creates (`waste_<name>_n`), for the read's clean-up. */
export const READ_TABLES = ['callrates', 'routegroups'];

async function createRatesTable(connection: DuckDBConnection, n: number): Promise<void> {
  const rates = Object.values(KINDS)
    .map((k) => `${k}_a BIGINT, ${k}_b BIGINT, ${k}_r HUGEINT`)
    .join(', ');
  await connection.run(`CREATE TEMP TABLE ${ratesTable(n)} (model VARCHAR, provider VARCHAR,
    day BIGINT, above BIGINT, ${rates}, apart BOOLEAN, fee HUGEINT, kept_n HUGEINT,
    kept_d HUGEINT, bound BIGINT)`);
}

/**
 * One row per band of `rates` under `key` (provider '' for none, so the join can match it). A
 * discount leaves `bound` at -1: its amounts are divided once after the factor, in HUGEINT.
 */
function rateRows(key: RateKey, rates: CallRates): string[] {
  const plain = rates.kept.numerator === rates.kept.denominator;
  return rates.bands.map((band) => {
    const split = Object.keys(KINDS).map((kind) => {
      const rate = band[kind as keyof typeof KINDS];
      return [...splitRate(rate), rate] as const;
    });
    const values = split.map(([a, b, rate]) => `${a}, ${b}, ${rate}`);
    const bound = plain
      ? bigintTokenBound(
          split.map(([a]) => a),
          4,
        )
      : -1n;
    return `(${literal(key.model)}, ${literal(key.provider ?? '')}, ${key.dayUnixNano},
      ${band.aboveInputTokens}, ${values.join(', ')}, ${rates.reasoningApart}, ${rates.perRequestFemto},
      ${rates.kept.numerator}, ${rates.kept.denominator}, ${bound})`;
  });
}

const INPUT_TERMS: [string, string][] = [
  ['t_in', 'in'],
  ['t_rd', 'rd'],
  ['t_w5', 'w5'],
  ['t_w1', 'w1'],
];
const OUTPUT_TERMS: [string, string][] = [
  ['(t_o - t_rsn)', 'out'],
  ['t_rsn', 'rsn'],
];
const products = (terms: [string, string][], part: 'a' | 'b' | 'r', cast = '') =>
  terms.map(([tokens, kind]) => `${tokens}${cast} * ${kind}_${part}`).join(' + ');

/**
 * `calls` (columns of `waste_calls_n`, the cheaper model and provider, the UTC `day`) with the
 * price of each on its cheaper model in `cheaper` (NULL when that model has no price that day),
 * as compute-call-cost.ts prices it: a 1-hour write is part of the cache writes, the uncached
 * input is what the cache kinds leave of the prompt, the band is the one the prompt exceeds, and
 * reasoning (at most the output) is billed apart only where the price has its own rate. The
 * products are columns of their own: written inline, each rounding repeated them (~5 µs a call).
 * Only `tiered` rates (a key with several bands) need the ASOF join that picks a call's band; a
 * plain join costs ~45 ms less over 45,000 calls.
 */
function pricedSql(calls: string, n: number, tiered: boolean): string {
  const exact = (terms: [string, string][]) =>
    halfEvenScaled(products(terms, 'r', '::HUGEINT'), 'kept_n', '(1000000 * kept_d)');
  return `WITH c AS (
  SELECT *, coalesce(cache_read_tokens, 0) AS t_rd, coalesce(cache_write_1h_tokens, 0) AS t_w1,
    greatest(coalesce(cache_write_tokens, 0), t_w1) - t_w1 AS t_w5,
    greatest(input, t_rd + t_w5 + t_w1) AS prompt_total,
    greatest(prompt_total - t_rd - t_w5 - t_w1, 0) AS t_in, coalesce(output_tokens, 0) AS t_o
  FROM (${calls})
),
j AS (
  SELECT c.*, r.* EXCLUDE (model, provider, day), r.day IS NOT NULL AS priced,
    CASE WHEN r.apart THEN least(coalesce(c.reasoning_tokens, 0), c.t_o) ELSE 0 END AS t_rsn,
    least(c.t_in, c.t_rd, c.t_w5, c.t_w1, c.t_o) >= 0
      AND greatest(c.t_in, c.t_rd, c.t_w5, c.t_w1, c.t_o) <= r.bound AS small
  FROM c ${tiered ? 'ASOF LEFT JOIN' : 'LEFT JOIN'} ${ratesTable(n)} r ON r.model = c.cheaper_model
    AND r.provider = c.cheaper_provider AND r.day = c.day AND c.prompt_total > r.above
),
p AS (
  SELECT *, CASE WHEN small THEN ${products(INPUT_TERMS, 'a')} END AS ia,
    CASE WHEN small THEN ${products(INPUT_TERMS, 'b')} END AS ib,
    CASE WHEN small THEN ${products(OUTPUT_TERMS, 'a')} END AS oa,
    CASE WHEN small THEN ${products(OUTPUT_TERMS, 'b')} END AS ob
  FROM j
)
SELECT * EXCLUDE (ia, ib, oa, ob), CASE WHEN NOT priced THEN NULL
    WHEN small THEN ${halfEvenParts('ia', 'ib')}::HUGEINT + ${halfEvenParts('oa', 'ob')}::HUGEINT + fee
    ELSE ${exact(INPUT_TERMS)} + ${exact(OUTPUT_TERMS)} + ${halfEvenScaled('fee', 'kept_n', 'kept_d')}
  END AS cheaper
FROM p`;
}

const TOKENS =
  'input, output_tokens, cache_read_tokens, cache_write_tokens, cache_write_1h_tokens, reasoning_tokens';

/**
 * `waste_routegroups_n`: the read's over-powered calls grouped by everything that prices them,
 * each group with its cost, the cheaper model's price of its calls and the saving. Cost and saving
 * stay DECIMAL(38, 15), whose unscaled value is the femto-dollar: a cast to HUGEINT divides by
 * 10¹⁵ per group (~70 of ~220 ms over 44,000 groups).
 */
function groupsSql(
  n: number,
  routes: readonly OverPoweredRoute[],
  unit: string,
  byUnit: boolean,
  tiered: boolean,
) {
  const calls = `SELECT c.* EXCLUDE (cheaper_model), r.cheaper AS cheaper_model, r.cheaper_provider,
    epoch_ns(date_trunc('day', c.start_time)) AS day
  FROM waste_calls_${n} c JOIN (${routesSql(routes)}) r USING (workflow, step, model)
  WHERE c.class = 'overPoweredRouting' AND ${unit}`;
  return `CREATE TEMP TABLE ${groupsTable(n)} AS
SELECT *, cost - cheaper_cost * 0.000000000000001 AS saving FROM (
  SELECT workflow, step, model, provider, day, ${TOKENS}, ${byUnit ? 'work_unit_id' : 'NULL'} AS unit,
    any_value(cheaper_model) AS cheaper_model, count(*) AS calls,
    coalesce(sum(cost_usd), 0) AS cost,
    min(cheaper) * count(*) AS cheaper_cost
  FROM (${pricedSql(calls, n, tiered)}) GROUP BY ALL
)`;
}

/**
 * The three groups saving most per workflow, each with its costliest call. Only groups saving at
 * least their workflow's third-highest are ranked, and only their calls are searched for that
 * call (an `arg_max` of ids in each of 44,000 groups cost ~60 ms of ~250).
 */
function topGroupsSql(n: number, unit: string): string {
  const keys = `step, model, provider, day, ${TOKENS}`;
  const same = keys
    .split(', ')
    .map((column) =>
      column === 'day'
        ? "epoch_ns(date_trunc('day', c.start_time)) = t.day"
        : `c.${column} IS NOT DISTINCT FROM t.${column}`,
    )
    .join(' AND ');
  const order = keys
    .split(', ')
    .map((column) => `t.${column}`)
    .join(', ');
  return `WITH saving AS (SELECT * FROM ${groupsTable(n)} WHERE saving > 0),
floors AS (SELECT workflow, list_min(max(saving, 3)) AS floor FROM saving GROUP BY workflow),
top AS (
  SELECT s.* FROM saving s JOIN floors f USING (workflow) WHERE s.saving >= f.floor
  QUALIFY row_number() OVER (PARTITION BY workflow ORDER BY saving DESC, ${keys}) <= 3
)
SELECT t.workflow, t.step, t.model, t.cheaper_model, t.calls, t.input, t.cheaper_cost, t.saving,
  arg_max([c.work_unit_id, c.trace_id], (c.cost_usd, c.trace_id, c.span_id))
FROM top t JOIN waste_calls_${n} c ON c.class = 'overPoweredRouting' AND c.workflow = t.workflow
  AND ${same} AND ${unit}
GROUP BY t.workflow, ${order}, t.cheaper_model, t.calls, t.cheaper_cost, t.saving
ORDER BY t.workflow, t.saving DESC, ${order}`;
}

/**
 * Loads the rates of every (cheaper model, provider, day) the read's over-powered calls need;
 * true when one has cliff tiers (several bands).
 */
async function loadRates(
  connection: DuckDBConnection,
  n: number,
  routes: readonly OverPoweredRoute[],
  unit: string,
  pricing: WastePricing,
): Promise<boolean> {
  await createRatesTable(connection, n);
  const keys = await connection.runAndReadAll(
    `SELECT DISTINCT r.cheaper, r.cheaper_provider, epoch_ns(date_trunc('day', c.start_time))
     FROM waste_calls_${n} c JOIN (${routesSql(routes)}) r USING (workflow, step, model)
     WHERE c.class = 'overPoweredRouting' AND ${unit}`,
  );
  const rows: string[] = [];
  let tiered = false;
  for (const [model, provider, day] of keys.getRows()) {
    const key: RateKey = {
      model: String(model),
      provider: provider === '' ? null : text(provider),
      dayUnixNano: bigintOf(day),
    };
    const rates = pricing.callRates(key);
    if (rates === null) continue;
    rows.push(...rateRows(key, rates));
    tiered ||= rates.bands.length > 1;
  }
  await insertValues(connection, ratesTable(n), rows);
  return tiered;
}

/** The saving per (workflow, step, model[, unit]) and the three groups saving most per workflow. */
export async function readRoutePriced(
  connection: DuckDBConnection,
  n: number,
  query: WasteQuery,
  unit: string,
  routes: readonly OverPoweredRoute[],
  pricing: WastePricing,
): Promise<{ sums: RoutePricedSums[]; top: RoutePricedGroup[] }> {
  if (routes.length === 0) return { sums: [], top: [] };
  const byUnit = query.byUnit === true;
  const tiered = await loadRates(connection, n, routes, unit, pricing);
  await connection.run(groupsSql(n, routes, unit, byUnit, tiered));
  const sums = await connection.runAndReadAll(
    `SELECT workflow, step, model, unit, coalesce(sum(saving) FILTER (WHERE saving > 0), 0),
       coalesce(sum(calls) FILTER (WHERE saving > 0), 0)::BIGINT,
       coalesce(sum(calls) FILTER (WHERE cheaper_cost IS NULL), 0)::BIGINT
     FROM ${groupsTable(n)} GROUP BY ALL ORDER BY ALL`,
  );
  const top =
    byUnit || query.examples === false
      ? []
      : (await connection.runAndReadAll(topGroupsSql(n, unit))).getRows();
  return {
    sums: sums.getRows().map((r) => ({
      workflow: String(r[0]),
      step: String(r[1]),
      model: String(r[2]),
      workUnitId: text(r[3]),
      savingFemto: femto(r[4]),
      calls: int(r[5]),
      unpricedCalls: int(r[6]),
    })),
    top: top.map((r) => ({
      workflow: String(r[0]),
      step: String(r[1]),
      model: String(r[2]),
      cheaperModel: String(r[3]),
      calls: int(r[4]),
      input: int(r[5]),
      cheaperFemto: bigintOf(r[6]),
      savingFemto: femto(r[7]),
      example: unitAndTrace(r[8]),
    })),
  };
}

/** Exposed for the pricing test: calls priced at their rates by the SQL above; null unpriced. */
export async function priceCallsInSql(
  connection: DuckDBConnection,
  calls: readonly { rates: CallRates; tokens: TokenCounts }[],
): Promise<(bigint | null)[]> {
  const n = 0;
  await connection.run(`DROP TABLE IF EXISTS ${ratesTable(n)}`);
  await createRatesTable(connection, n);
  const key = (i: number): RateKey => ({ model: `m${i}`, provider: null, dayUnixNano: 0n });
  await insertValues(
    connection,
    ratesTable(n),
    calls.flatMap((call, i) => rateRows(key(i), call.rates)),
  );
  const value = (v: number | null) => (v === null ? 'NULL' : `${v}::BIGINT`);
  const rows = calls.map(
    ({ tokens: t }, i) =>
      `(${i}, 'm${i}', '', 0::BIGINT, ${[t.input, t.output, t.cacheRead, t.cacheWrite, t.cacheWrite1h, t.reasoning].map(value).join(', ')})`,
  );
  const table = `SELECT * FROM (VALUES ${rows.join(', ')}) AS c(i, cheaper_model, cheaper_provider,
    day, ${TOKENS})`;
  const reader = await connection.runAndReadAll(
    `SELECT cheaper FROM (${pricedSql(
      table,
      n,
      calls.some((c) => c.rates.bands.length > 1),
    )}) ORDER BY i`,
  );
  return reader
    .getRows()
    .map(([cost]) => (cost === null || cost === undefined ? null : bigintOf(cost)));
}
