/**
 * Prices context bloat and cache misses inside the store (store/waste-facts.ts InputPricedSums).
 * The classified calls in `waste_calls_n` name the few (model, provider, day)s whose input rates
 * matter; the caller's price book gives those rates; SQL multiplies and rounds each call. A
 * million realistic units hold ~200,000 distinct bloat groups, which read into JavaScript and
 * priced one by one cost seconds; here they stay in DuckDB and only the sums and the costliest
 * groups come back.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  InputPricedGroup,
  InputPricedSums,
  RateKey,
  WastePricing,
  WasteQuery,
} from '../waste-facts.js';
import { bigintOf, int, nullableInt, text, unitAndTrace } from './duckdb-values.js';
import { bigintTokenBound, halfEvenParts, splitRate } from './half-even-sql.js';
import { insertValues, literal } from './sql-scope.js';

const DAY = "epoch_ns(date_trunc('day', start_time))";
const CLASSES = "class IN ('contextBloat', 'cacheMisses')";

/** `t × a + t × b / 10⁶` half to even (`t` ≥ 0, `0 ≤ b < 10⁶`). */
const halfEvenSplit = (t: string, a: string, b: string) =>
  halfEvenParts(`${t} * ${a}`, `${t} * ${b}`);

/**
 * `tokens × (sign × (a × 1,000,000 + b)) / 1,000,000` rounded half to even, as domain/money.ts
 * divideHalfEven. The rate is split so that the products fit BIGINT: HUGEINT arithmetic cost
 * ~6 µs a call (1.9 s of CPU over 316,000 calls). Up to `bound` tokens (half-even-sql.ts
 * bigintTokenBound of the rate) every product stays under 2⁶³; beyond, a row is computed in
 * HUGEINT, exact either way.
 */
const perMillionHalfEven = (
  tokens: string,
  sign: string,
  a: string,
  b: string,
  bound: string,
) => `${sign} * CASE
    WHEN ${tokens} BETWEEN 0 AND ${bound} THEN ${halfEvenSplit(tokens, a, b)}::HUGEINT
    ELSE ${halfEvenSplit(`${tokens}::HUGEINT`, a, b)} END`;

/** A rate in femto-dollars per million tokens as SQL values `sign, a, b, bound` (see perMillionHalfEven). */
function signedRate(rate: bigint): string {
  const [a, b] = splitRate(rate);
  return `${rate < 0n ? -1 : 1}, ${a}, ${b}, ${bigintTokenBound([a], 1)}`;
}

/**
 * `waste_rates_n`: per (model, provider, day) and class, the rate the class prices its excess
 * tokens at — bloat the input rate, a cache miss the input rate less the cache-read rate (only
 * where the price has one) — and the price's lowest tier threshold.
 */
async function loadRates(
  connection: DuckDBConnection,
  n: number,
  unit: string,
  pricing: WastePricing,
): Promise<void> {
  await connection.run(`CREATE TEMP TABLE waste_rates_${n} (model VARCHAR, provider VARCHAR,
    day BIGINT, class VARCHAR, sign BIGINT, a BIGINT, b BIGINT, bound BIGINT, lowest_tier BIGINT)`);
  const keys = await connection.runAndReadAll(
    `SELECT DISTINCT model, provider, ${DAY} FROM waste_calls_${n} WHERE ${CLASSES} AND ${unit}`,
  );
  const values: string[] = [];
  for (const [model, provider, day] of keys.getRows()) {
    const key: RateKey = {
      model: String(model),
      provider: provider === null || provider === undefined ? null : String(provider),
      dayUnixNano: bigintOf(day),
    };
    const rates = pricing.inputRates(key);
    if (rates === null) continue;
    const row = (cls: string, rate: bigint) =>
      `(${literal(key.model)}, ${key.provider === null ? 'NULL' : literal(key.provider)}, ${key.dayUnixNano}, '${cls}', ${signedRate(rate)}, ${rates.lowestTier ?? 'NULL'})`;
    values.push(row('contextBloat', rates.input));
    if (rates.cacheRead !== null) values.push(row('cacheMisses', rates.input - rates.cacheRead));
  }
  await insertValues(connection, `waste_rates_${n}`, values);
}

/** Every bloat and cache-miss call of the read with its group key, whether priced, and its waste. */
function pricedCallsSql(n: number, unit: string): string {
  const tokens = "CASE WHEN c.class = 'contextBloat' THEN c.input - c.reference ELSE c.prefix END";
  return `WITH c AS (
  SELECT c.*, ${DAY} AS day FROM waste_calls_${n} c WHERE ${CLASSES} AND ${unit}
)
SELECT c.*, r.lowest_tier, r.sign IS NOT NULL AS priced,
  ${perMillionHalfEven(`(${tokens})`, 'r.sign', 'r.a', 'r.b', 'r.bound')} AS waste,
  CASE WHEN c.class = 'contextBloat' THEN c.input END AS group_input,
  CASE WHEN c.class = 'contextBloat' THEN c.reference END AS group_reference,
  CASE WHEN c.class = 'cacheMisses' THEN c.prefix END AS group_prefix
FROM c LEFT JOIN waste_rates_${n} r ON r.model = c.model AND r.provider IS NOT DISTINCT FROM c.provider
  AND r.day = c.day AND r.class = c.class`;
}

/** A group's key: the calls of a step and model on a day with the same input and reference or prefix. */
const GROUP =
  'workflow, class, step, model, provider, day, group_input, group_reference, group_prefix';

/**
 * The three costliest priced groups per workflow and class, each with its costliest call. Only
 * groups costing at least their class's third-highest are ranked, and only theirs are searched for
 * that call: ranking every group (~220,000 on the realistic demo store) cost ~320 ms and an
 * `arg_max` of ids in every group ~590 ms.
 */
function topGroupsSql(calls: string): string {
  const rest = GROUP.replace('workflow, class, ', '');
  const columns = GROUP.split(', ');
  const of = (table: string, list: string[] = columns) =>
    list.map((c) => `${table}.${c}`).join(', ');
  const same = columns.map((c) => `c.${c} IS NOT DISTINCT FROM t.${c}`).join(' AND ');
  return `WITH calls AS (
  SELECT ${GROUP}, priced, waste, cost_usd, work_unit_id, trace_id, span_id FROM (${calls})
),
groups AS (
  SELECT ${GROUP}, count(*) AS calls, sum(waste)::HUGEINT AS waste
  FROM calls WHERE priced GROUP BY ${GROUP}
),
floors AS (SELECT workflow, class, list_min(max(waste, 3)) AS floor FROM groups GROUP BY ALL),
top AS (
  SELECT g.* FROM groups g JOIN floors f USING (workflow, class) WHERE g.waste >= f.floor
  QUALIFY row_number() OVER (PARTITION BY workflow, class ORDER BY waste DESC, ${rest}) <= 3
)
SELECT t.workflow, t.class, t.step, t.model, t.calls, t.waste, t.group_input, t.group_reference,
  t.group_prefix, arg_max([c.work_unit_id, c.trace_id], (c.cost_usd, c.trace_id, c.span_id))
FROM top t JOIN calls c ON ${same} AND c.priced
GROUP BY ${of('t')}, t.calls, t.waste
ORDER BY t.workflow, t.class, t.waste DESC, ${of('t', rest.split(', '))}`;
}

/** The sums per workflow (or unit) and class, and the three costliest groups per workflow and class. */
export async function readInputPriced(
  connection: DuckDBConnection,
  n: number,
  query: WasteQuery,
  unit: string,
  pricing: WastePricing,
): Promise<{ sums: InputPricedSums[]; top: InputPricedGroup[] }> {
  await loadRates(connection, n, unit, pricing);
  const byUnit = query.byUnit === true;
  const calls = pricedCallsSql(n, unit);
  const sums = await connection.runAndReadAll(
    `SELECT workflow, class, ${byUnit ? 'work_unit_id' : 'NULL'} AS unit,
       coalesce(sum(waste), 0)::HUGEINT, count(*) FILTER (WHERE priced),
       count(*) FILTER (WHERE NOT priced),
       count(*) FILTER (WHERE priced AND class = 'contextBloat' AND input > previous_input),
       count(*) FILTER (WHERE priced AND class = 'contextBloat' AND input > lowest_tier)
     FROM (${calls}) GROUP BY ALL ORDER BY ALL`,
  );
  const top =
    byUnit || query.examples === false
      ? []
      : (await connection.runAndReadAll(topGroupsSql(calls))).getRows();
  const wasteClass = (v: DuckDBValue | undefined) =>
    v === 'cacheMisses' ? 'cacheMisses' : 'contextBloat';
  return {
    sums: sums.getRows().map((r) => ({
      workflow: String(r[0]),
      wasteClass: wasteClass(r[1]),
      workUnitId: text(r[2]),
      wasteFemto: bigintOf(r[3]),
      calls: int(r[4]),
      unpricedCalls: int(r[5]),
      historyResent: int(r[6]),
      tierCrossing: int(r[7]),
    })),
    top: top.map((r) => ({
      workflow: String(r[0]),
      wasteClass: wasteClass(r[1]),
      step: String(r[2]),
      model: String(r[3]),
      calls: int(r[4]),
      wasteFemto: bigintOf(r[5]),
      input: nullableInt(r[6]),
      reference: nullableInt(r[7]),
      prefix: nullableInt(r[8]),
      example: unitAndTrace(r[9]),
    })),
  };
}

/** Exposed for the rounding test: the SQL rounding of `tokens × rate / 1,000,000`. */
export async function roundPerMillion(
  connection: DuckDBConnection,
  tokens: bigint,
  rate: bigint,
): Promise<bigint> {
  const [sign, a, b, bound] = signedRate(rate).split(', ');
  const reader = await connection.runAndReadAll(
    `SELECT ${perMillionHalfEven(`${tokens}::BIGINT`, `${sign}::BIGINT`, `${a}::BIGINT`, `${b}::BIGINT`, `${bound}::BIGINT`)}`,
  );
  return bigintOf(reader.getRows()[0]?.[0]);
}
