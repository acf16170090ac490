/**
 * The allocation roll-up (migration 0013): the SQL that derives its rows from the waste roll-up's
 * derived traces and units (waste-rollup-sql.ts) and their steps, and the reads that sum them
 * into attempt histories (per attempt number, per step and model, per context band) in the
 * columns attempt-histories.ts reads. A unit is decided once it has an outcome; an attempt
 * succeeded when it is the last attempt of a unit the AI resolved (docs/metrics.md).
 */
import type { AttemptHistoryQuery } from '../attempt-history.js';
import { scopeConditions } from './sql-scope.js';
import { DERIVED_TRACES, DERIVED_UNITS } from './waste-rollup-sql.js';

/** The allocation roll-up's tables, each keyed by `unit_key`. */
export const ALLOCATION_TABLES = ['allocation_attempts', 'allocation_step_models'] as const;

/** Temp table of the decided units' attempts being derived, numbered, with their traces' sums. */
const ATTEMPTS = 'allocation_rollup_attempts';

/** A model call whose usage counts, as the attempt histories count calls. */
const COUNTED_CALL = "s.kind IN ('llm', 'embedding') AND s.usage_counted AND s.model IS NOT NULL";

/**
 * The statements inserting the rows of the decided units in `DERIVED_UNITS` from `steps` (the
 * table or `DERIVED_STEPS`) into `into`'s tables: the attempts numbered first (a temp table, read
 * twice), then each attempt's largest input and the per-(unit, step, model) sums, grouped per
 * attempt first so no distinct count is held per group.
 */
export function allocationRollupSql(
  steps: string,
  into: { attempts: string; stepModels: string },
): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${ATTEMPTS} AS
SELECT a.*, u.workflow, u.first_seen AS unit_start,
  row_number() OVER (PARTITION BY a.unit_key ORDER BY a.started, a.attempt_key) AS k
FROM (
  SELECT unit_key, attempt_key, bool_or(last AND verdict = 'success') AS succeeded,
    min(started) AS started, sum(cost) AS cost, sum(step_minutes) AS step_minutes
  FROM ${DERIVED_TRACES} WHERE verdict <> 'pending' GROUP BY unit_key, attempt_key
) a JOIN ${DERIVED_UNITS} u USING (unit_key)`,
    `INSERT INTO ${into.attempts}
SELECT a.unit_key, a.workflow, a.unit_start, a.k, a.succeeded, a.started, a.cost,
  a.step_minutes + CASE WHEN a.succeeded THEN o.human_minutes ELSE 0 END, i.max_input
FROM ${ATTEMPTS} a LEFT JOIN unit_outcomes o USING (unit_key)
  LEFT JOIN (
    SELECT t.unit_key, t.attempt_key, max(s.input_tokens) AS max_input
    FROM ${steps} s JOIN ${DERIVED_TRACES} t USING (trace_id)
    WHERE s.kind IN ('llm', 'embedding') AND s.usage_counted AND t.verdict <> 'pending'
    GROUP BY ALL
  ) i USING (unit_key, attempt_key)`,
    `INSERT INTO ${into.stepModels}
SELECT m.unit_key, any_value(a.workflow), any_value(a.unit_start), m.step, m.model,
  min(m.provider), sum(m.calls), count(*), count(*) FILTER (WHERE a.succeeded), sum(m.cost),
  sum(m.priced_calls), sum(m.input_tokens)::BIGINT, sum(m.output_tokens)::BIGINT,
  sum(m.cache_read_tokens)::BIGINT, sum(m.cache_write_tokens)::BIGINT
FROM (
  SELECT t.unit_key, t.attempt_key, coalesce(s.step_name, s.name) AS step, s.model,
    min(s.provider) AS provider, count(*) AS calls,
    coalesce(sum(s.cost_usd) FILTER (WHERE s.pricing_status = 'priced'), 0) AS cost,
    count(*) FILTER (WHERE s.pricing_status = 'priced') AS priced_calls,
    coalesce(sum(s.input_tokens), 0) AS input_tokens,
    coalesce(sum(s.output_tokens), 0) AS output_tokens,
    coalesce(sum(s.cache_read_tokens), 0) AS cache_read_tokens,
    coalesce(sum(s.cache_write_tokens), 0) AS cache_write_tokens
  FROM ${steps} s JOIN ${DERIVED_TRACES} t USING (trace_id)
  WHERE ${COUNTED_CALL} AND t.verdict <> 'pending'
  GROUP BY ALL
) m JOIN ${ATTEMPTS} a USING (unit_key, attempt_key)
GROUP BY m.unit_key, m.step, m.model`,
    `DROP TABLE ${ATTEMPTS}`,
  ];
}

/** The query's units (workflow, first activity) as a condition on an allocation table. */
const scope = (query: AttemptHistoryQuery): string =>
  ['TRUE', ...scopeConditions(query, { workflow: 'workflow', time: 'unit_start' })].join(' AND ');

/** Per workflow and attempt number, as attempt-histories.ts reads them. */
export const rolledUpPerAttemptSql = (query: AttemptHistoryQuery) => `SELECT workflow, k, count(*),
  count(*) FILTER (WHERE succeeded), sum(cost)::DECIMAL(38, 15), epoch_ns(min(started)),
  epoch_ns(max(started)), sum(minutes)
FROM allocation_attempts WHERE ${scope(query)} GROUP BY workflow, k ORDER BY workflow, k`;

/** Per workflow, step and model, as attempt-histories.ts reads them. */
export const rolledUpPerStepSql = (query: AttemptHistoryQuery) => `SELECT workflow, step, model,
  min(provider), sum(calls), sum(attempts), sum(succeeded_attempts), sum(cost)::DECIMAL(38, 15),
  sum(priced_calls), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens),
  sum(cache_write_tokens)
FROM allocation_step_models WHERE ${scope(query)} GROUP BY ALL ORDER BY 1, 2, 3`;

/** The context bands of attempts (`from`: a table of attempts with `max_input`). */
export const perBandSql = (from: string, where: string) => `SELECT workflow,
  CASE WHEN max_input < 4096 THEN '<4k' WHEN max_input < 16384 THEN '4k-16k'
    WHEN max_input < 65536 THEN '16k-64k' ELSE '>=64k' END AS band,
  count(*), count(*) FILTER (WHERE succeeded), sum(cost)::DECIMAL(38, 15)
FROM ${from} WHERE max_input IS NOT NULL AND ${where} GROUP BY ALL ORDER BY 1, min(max_input)`;

/** Per workflow and context band, as attempt-histories.ts reads them. */
export const rolledUpPerBandSql = (query: AttemptHistoryQuery) =>
  perBandSql('allocation_attempts', scope(query));
