/**
 * Attempt histories per workflow: counts per attempt number, per (step, model) and per context
 * band, read from the allocation roll-up (allocation-rollup-sql.ts, kept up to date by the
 * caller), or from the steps: two materialised stages on the reader connection (temporary
 * tables, dropped after): traces → attempts (attempt id, else the trace, as everywhere) →
 * numbered per decided unit (ordered by first span, then attempt key). The steps' read is the
 * reference tests compare the roll-up with: it holds a distinct count per (step, model) and runs
 * out of 1 GB at a million units.
 * A unit AI-resolved succeeded on its last attempt; every other decided unit failed all of its.
 */
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import type {
  AttemptHistory,
  AttemptHistoryQuery,
  ContextBand,
  ContextBandStats,
  StepModelStats,
} from '../attempt-history.js';
import {
  perBandSql,
  rolledUpPerAttemptSql,
  rolledUpPerBandSql,
  rolledUpPerStepSql,
} from './allocation-rollup-sql.js';
import { femto, int, nanos } from './duckdb-values.js';
import { literal, scopeConditions } from './sql-scope.js';

let tempSequence = 0;

/** Stage 1: one row per linked trace (the only full scan of `steps` but the per-step join). */
function traceAttemptsSql(table: string, query: AttemptHistoryQuery): string {
  const having =
    query.workflow === undefined
      ? ''
      : `HAVING coalesce(arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL), '(no workflow)') = ${literal(query.workflow)}`;
  return `CREATE TEMP TABLE ${table} AS
SELECT trace_id,
  coalesce(arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL), '(no workflow)') AS workflow,
  arg_min(work_unit_id, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
  -- Prefixed apart, so an attempt id never equals a trace id (trajectory-reads.ts attemptKey).
  coalesce(chr(0) || arg_min(attempt, start_time) FILTER (WHERE attempt IS NOT NULL), trace_id) AS attempt_key,
  min(start_time) AS started,
  coalesce(sum(cost_usd) FILTER (WHERE usage_counted AND pricing_status = 'priced'), 0) AS cost,
  max(input_tokens) FILTER (WHERE kind IN ('llm', 'embedding') AND usage_counted) AS max_input,
  -- CASE, not FILTER: DuckDB evaluates a FILTERed aggregate's argument on every row.
  coalesce(sum(CASE WHEN kind = 'human'
    THEN TRY_CAST(json_extract_string(attributes, '$."tokenledger.human.minutes"') AS DOUBLE) END), 0) AS step_minutes
FROM steps GROUP BY trace_id
HAVING count(work_unit_id) > 0 ${having.replace('HAVING', 'AND')}`;
}

/** Stage 2: attempts numbered per decided unit, with success and people's minutes. */
function decidedSql(table: string, traces: string, query: AttemptHistoryQuery): string {
  const where = ['TRUE', ...scopeConditions(query, { workflow: 'workflow', time: 'unit_start' })];
  return `CREATE TEMP TABLE ${table} AS
WITH attempts AS (
  SELECT workflow, work_unit_id, attempt_key, min(started) AS started, sum(cost) AS cost,
    max(max_input) AS max_input, sum(step_minutes) AS step_minutes
  FROM ${traces} GROUP BY ALL
),
latest AS (
  SELECT workflow, work_unit_id, status, resolved_by, human_minutes FROM unit_outcomes
),
numbered AS (
  SELECT a.*,
    row_number() OVER (PARTITION BY a.workflow, a.work_unit_id ORDER BY a.started, a.attempt_key) AS k,
    count(*) OVER (PARTITION BY a.workflow, a.work_unit_id) AS n,
    min(a.started) OVER (PARTITION BY a.workflow, a.work_unit_id) AS unit_start,
    coalesce(o.status = 'resolved' AND o.resolved_by = 'ai', FALSE) AS ai_resolved,
    o.human_minutes AS outcome_minutes
  FROM attempts a JOIN latest o ON a.workflow = o.workflow AND a.work_unit_id = o.work_unit_id
  WHERE o.status IS NOT NULL
)
SELECT *, ai_resolved AND k = n AS succeeded,
  step_minutes + CASE WHEN ai_resolved AND k = n THEN outcome_minutes ELSE 0 END AS minutes
FROM numbered WHERE ${where.join(' AND ')}`;
}

/** `fromRollup`: read the allocation roll-up (kept up to date by the caller). */
export async function readAttemptHistories(
  connection: DuckDBConnection,
  query: AttemptHistoryQuery,
  fromRollup = false,
): Promise<AttemptHistory[]> {
  if (fromRollup) {
    const rows = async (sql: string) => (await connection.runAndReadAll(sql)).getRows();
    return toHistories(
      await rows(rolledUpPerAttemptSql(query)),
      await rows(rolledUpPerStepSql(query)),
      await rows(rolledUpPerBandSql(query)),
    );
  }
  tempSequence += 1;
  const traces = `tl_trace_attempts_${tempSequence}`;
  const decided = `tl_decided_attempts_${tempSequence}`;
  try {
    await connection.run(traceAttemptsSql(traces, query));
    await connection.run(decidedSql(decided, traces, query));
    return await readStages(connection, traces, decided);
  } finally {
    await connection.run(`DROP TABLE IF EXISTS ${decided}`);
    await connection.run(`DROP TABLE IF EXISTS ${traces}`);
  }
}

async function readStages(
  connection: DuckDBConnection,
  traces: string,
  decided: string,
): Promise<AttemptHistory[]> {
  const perAttempt = await connection.runAndReadAll(`
SELECT workflow, k, count(*), count(*) FILTER (WHERE succeeded), sum(cost)::DECIMAL(38, 15),
  epoch_ns(min(started)), epoch_ns(max(started)), sum(minutes)
FROM ${decided} GROUP BY workflow, k ORDER BY workflow, k`);
  const perStep = await connection.runAndReadAll(`
SELECT d.workflow, coalesce(s.step_name, s.name), s.model, min(s.provider), count(*),
  count(DISTINCT (d.work_unit_id, d.attempt_key)),
  count(DISTINCT (d.work_unit_id, d.attempt_key)) FILTER (WHERE d.succeeded),
  coalesce(sum(s.cost_usd) FILTER (WHERE s.pricing_status = 'priced'), 0)::DECIMAL(38, 15),
  count(*) FILTER (WHERE s.pricing_status = 'priced'),
  coalesce(sum(s.input_tokens), 0), coalesce(sum(s.output_tokens), 0),
  coalesce(sum(s.cache_read_tokens), 0), coalesce(sum(s.cache_write_tokens), 0)
FROM steps s
JOIN ${traces} t ON t.trace_id = s.trace_id
JOIN ${decided} d ON d.workflow = t.workflow AND d.work_unit_id = t.work_unit_id AND d.attempt_key = t.attempt_key
WHERE s.kind IN ('llm', 'embedding') AND s.usage_counted AND s.model IS NOT NULL
GROUP BY ALL ORDER BY 1, 2, 3`);
  const perBand = await connection.runAndReadAll(perBandSql(decided, 'TRUE'));
  return toHistories(perAttempt.getRows(), perStep.getRows(), perBand.getRows());
}

/** The histories from the per-attempt, per-(step, model) and per-band rows of either read. */
function toHistories(
  perAttempt: DuckDBValue[][],
  perStep: DuckDBValue[][],
  perBand: DuckDBValue[][],
): AttemptHistory[] {
  const histories = new Map<string, AttemptHistory>();
  const historyOf = (workflow: string): AttemptHistory => {
    let history = histories.get(workflow);
    if (!history) {
      history = {
        workflow,
        units: 0,
        aiResolvedUnits: 0,
        attempts: [],
        steps: [],
        contextBands: [],
        firstSeenUnixNano: null,
        lastSeenUnixNano: null,
      };
      histories.set(workflow, history);
    }
    return history;
  };
  for (const r of perAttempt) {
    const h = historyOf(String(r[0]));
    const stats = {
      attempt: int(r[1]),
      reached: int(r[2]),
      succeeded: int(r[3]),
      costFemto: femto(r[4]),
      humanMinutes: Number(r[7] ?? 0),
    };
    h.attempts.push(stats);
    if (stats.attempt === 1) h.units = stats.reached;
    h.aiResolvedUnits += stats.succeeded;
    const first = nanos(r[5]);
    const last = nanos(r[6]);
    if (first !== null && (h.firstSeenUnixNano === null || first < h.firstSeenUnixNano))
      h.firstSeenUnixNano = first;
    if (last !== null && (h.lastSeenUnixNano === null || last > h.lastSeenUnixNano))
      h.lastSeenUnixNano = last;
  }
  for (const r of perStep) {
    const step: StepModelStats = {
      step: String(r[1]),
      model: String(r[2]),
      provider: r[3] === null || r[3] === undefined ? null : String(r[3]),
      calls: int(r[4]),
      attempts: int(r[5]),
      succeededAttempts: int(r[6]),
      costFemto: femto(r[7]),
      pricedCalls: int(r[8]),
      inputTokens: int(r[9]),
      outputTokens: int(r[10]),
      cacheReadTokens: int(r[11]),
      cacheWriteTokens: int(r[12]),
    };
    historyOf(String(r[0])).steps.push(step);
  }
  for (const r of perBand) {
    const band: ContextBandStats = {
      band: String(r[1]) as ContextBand,
      attempts: int(r[2]),
      succeeded: int(r[3]),
      costFemto: femto(r[4]),
    };
    historyOf(String(r[0])).contextBands.push(band);
  }
  return [...histories.values()];
}
