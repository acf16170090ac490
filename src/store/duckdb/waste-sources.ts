/**
 * Where the waste facts come from: the steps (any query; waste-sql.ts) or the waste roll-up
 * (any query but one filtered on a key the attribute roll-up does not keep;
 * waste-rollup-reads.ts). Both build `waste_refs_n` and
 * `waste_calls_n` alike and read the sums and failed/abandoned examples in the same columns, so
 * waste-reads.ts reads either the same way.
 */
import type { OverPoweredRoute, WasteQuery } from '../waste-facts.js';
import {
  rolledUpCallsSql,
  rolledUpExamplesSql,
  rolledUpRatesSql,
  rolledUpRefsSql,
  rolledUpWorkflowsSql,
  unitsViewsSql,
} from './waste-rollup-reads.js';
import {
  callsTableSql,
  loopExamplesSql,
  loopSumsSql,
  ratesSql,
  refsTableSql,
  tracesTableSql,
} from './waste-sql.js';

export interface WasteSource {
  setup(n: number, query: WasteQuery): string;
  rates(n: number): string;
  refs(n: number): string;
  /** `ids`: the read needs each call's unit, trace and span (examples, per unit, one unit). */
  calls(n: number, routes: readonly OverPoweredRoute[], ids: boolean): string;
  workflows(n: number, unit: string, byUnit: boolean): string;
  examples(n: number, unit: string): string;
}

export const STEP_SOURCE: WasteSource = {
  setup: tracesTableSql,
  rates: (n) => ratesSql(n),
  refs: refsTableSql,
  calls: callsTableSql,
  workflows: (n, unit, byUnit) => {
    const key = byUnit ? 'workflow, work_unit_id' : 'workflow';
    const sumsKey = byUnit ? 'a.workflow, a.work_unit_id' : 'a.workflow';
    return `WITH a AS (
        SELECT workflow, unit_key, attempt_no, any_value(work_unit_id) AS work_unit_id,
          any_value(verdict) AS verdict, sum(cost) AS cost
        FROM waste_traces_${n} WHERE ${unit} GROUP BY workflow, unit_key, attempt_no
      ), l AS (${loopSumsSql(n, unit, key)})
      SELECT a.workflow, sum(a.cost), count(DISTINCT a.unit_key), count(*),
        coalesce(sum(a.cost) FILTER (WHERE verdict = 'pending'), 0),
        count(DISTINCT a.unit_key) FILTER (WHERE verdict = 'pending'),
        coalesce(sum(a.cost) FILTER (WHERE verdict = 'abandoned'), 0),
        count(DISTINCT a.unit_key) FILTER (WHERE verdict = 'abandoned'),
        coalesce(sum(a.cost) FILTER (WHERE verdict = 'failed'), 0),
        count(*) FILTER (WHERE verdict = 'failed'), count(*) FILTER (WHERE verdict = 'success'),
        coalesce(any_value(l.cost), 0), coalesce(any_value(l.repeats), 0), coalesce(any_value(l.calls), 0),
        coalesce(any_value(l.prompts), 0), ${byUnit ? 'a.work_unit_id' : 'NULL'}
      FROM a LEFT JOIN l USING (${key}) GROUP BY ${sumsKey} ORDER BY ${sumsKey}`;
  },
  examples: (n, unit) => `SELECT * FROM (
        SELECT workflow, verdict, work_unit_id, arg_max(trace_id, (started, trace_id)), NULL, NULL, sum(cost) AS cost,
          count(DISTINCT attempt_no) || ' attempt(s)', row_number() OVER (PARTITION BY workflow, verdict ORDER BY sum(cost) DESC, work_unit_id) AS rank
        FROM waste_traces_${n} WHERE verdict IN ('failed', 'abandoned') AND ${unit} GROUP BY workflow, verdict, work_unit_id
        UNION ALL
        ${loopExamplesSql(n, unit)}
      ) WHERE rank <= 3 ORDER BY workflow, verdict, rank`,
};

export const ROLLUP_SOURCE: WasteSource = {
  setup: unitsViewsSql,
  rates: rolledUpRatesSql,
  refs: rolledUpRefsSql,
  calls: rolledUpCallsSql,
  workflows: rolledUpWorkflowsSql,
  examples: rolledUpExamplesSql,
};
