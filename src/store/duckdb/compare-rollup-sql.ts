/**
 * The SQL that derives the comparison's roll-up (migration 0011) beside the waste roll-up's, from
 * the same derived traces and units (waste-rollup-sql.ts): per judged unit, the values its judged
 * attempts have and the counted steps per logical step. A unit is judged as the comparison judges
 * it (outcome-compare.ts): AI-resolved on its last attempt, failed on every attempt; pending and
 * abandoned units are left out. A unit's business attribute values follow attribute-rollup-sql.ts.
 */
import { attributeEntriesSql, earliestLinksSql } from './attribute-rollup-sql.js';
import { RULE_VALUE } from './trajectory-reads.js';
import { DERIVED_TRACES, DERIVED_UNITS } from './waste-rollup-sql.js';

/** Traces of the attempts judged (`t`: a `DERIVED_TRACES` row). */
const JUDGED = "(t.verdict = 'failed' OR (t.verdict = 'success' AND t.last))";

/** The columns the comparison derives from beyond the waste roll-up's in `DERIVED_STEPS`. */
export const COMPARE_STEP_COLUMNS = `tool_name, ${RULE_VALUE} AS rule`;

/** A step's decision rule: from the table's attributes, or as kept in `DERIVED_STEPS`. */
const ruleOf = (steps: string): string =>
  steps === 'steps' ? RULE_VALUE.replaceAll('attributes', 's.attributes') : 's.rule';

/** The unit columns every row carries, so the comparison filters and sides without a join. */
const UNIT = ['workflow', 'first_seen', 'verdict'];
const unitColumns = (table: string) => UNIT.map((c) => `${table}.${c}`).join(', ');
const anyUnit = (table: string) => UNIT.map((c) => `any_value(${table}.${c}) AS ${c}`).join(', ');

/** The comparison roll-up's tables, each keyed by `unit_key`. */
export const COMPARE_TABLES = ['compare_unit_values', 'compare_unit_steps'] as const;

const ATTEMPTS = 'compare_rollup_attempts';
const TRACES = 'compare_rollup_traces';
const VALUES = 'compare_rollup_values';

/**
 * The statements that insert the comparison roll-up's rows of the units in `DERIVED_UNITS`
 * (`into` names the tables): per unit and value, the judged attempts having it and their cost,
 * and the unit's own row (kind `unit`: all its judged attempts); per unit and step, its judged
 * counted steps. Staged in temp tables, so a full build fits the store's memory (as one
 * statement it ran out of 1 GB at a million units): the judged attempts numbered, with their
 * unit's columns; their traces; each attempt's distinct values. A unit judged on one attempt (most
 * are) takes its attempt's values as they are, the others are grouped. A unit's business
 * attributes come from its current outcome and its earliest trace's link (by start, then trace
 * id), as in the unit reports.
 */
export function compareRollupSql(steps: string, into: { values: string; steps: string }): string[] {
  return [
    `CREATE OR REPLACE TEMP TABLE ${ATTEMPTS} AS
SELECT a.*, count(*) OVER (PARTITION BY unit_key) = 1 AS single, ${unitColumns('u')} FROM (
  SELECT unit_key, attempt_key, sum(cost) AS cost, row_number() OVER () AS n
  FROM ${DERIVED_TRACES} t WHERE ${JUDGED} GROUP BY ALL
) a JOIN ${DERIVED_UNITS} u USING (unit_key)`,
    `CREATE OR REPLACE TEMP TABLE ${TRACES} AS
SELECT t.trace_id, a.n FROM ${DERIVED_TRACES} t JOIN ${ATTEMPTS} a USING (unit_key, attempt_key)`,
    // One grouping set per kind: GROUPING() has a bit set for each column a set leaves out.
    `CREATE OR REPLACE TEMP TABLE ${VALUES} AS
SELECT n, CASE GROUPING(step, tool, model, rule) WHEN 7 THEN 'step' WHEN 11 THEN 'tool'
    WHEN 13 THEN 'model' ELSE 'rule' END AS kind, coalesce(step, tool, model, rule) AS value
FROM (
  SELECT ct.n, coalesce(s.step_name, s.name) AS step, s.tool_name AS tool, s.model, ${ruleOf(steps)} AS rule
  FROM ${steps} s JOIN ${TRACES} ct USING (trace_id)
)
GROUP BY GROUPING SETS ((n, step), (n, tool), (n, model), (n, rule))
HAVING coalesce(step, tool, model, rule) IS NOT NULL`,
    `INSERT INTO ${into.values}
SELECT a.unit_key, v.kind, v.value, NULL, 1, a.cost, ${unitColumns('a')}
FROM ${VALUES} v JOIN ${ATTEMPTS} a USING (n) WHERE a.single
UNION ALL
SELECT a.unit_key, v.kind, v.value, NULL, count(*), sum(a.cost), ${anyUnit('a')}
FROM ${VALUES} v JOIN ${ATTEMPTS} a USING (n) WHERE NOT a.single GROUP BY a.unit_key, v.kind, v.value`,
    `INSERT INTO ${into.values}
WITH units AS (
  SELECT unit_key, count(*) AS attempts, sum(cost) AS cost, ${anyUnit('a')} FROM ${ATTEMPTS} a
  GROUP BY unit_key
),
${earliestLinksSql('SELECT unit_key FROM units')}
SELECT unit_key, 'attribute', entry.key || '=' || entry.value, entry.key, attempts, cost, ${UNIT.join(', ')} FROM (
  SELECT u.*, unnest(${attributeEntriesSql('o.attributes', 'l.link_attributes')}) AS entry
  FROM units u JOIN earliest e USING (unit_key) LEFT JOIN links l ON l.trace_id = e.link_trace
    LEFT JOIN unit_outcomes o USING (unit_key)
) WHERE entry.value IS NOT NULL
UNION ALL
SELECT unit_key, 'unit', '', NULL, attempts, cost, ${UNIT.join(', ')} FROM units`,
    `INSERT INTO ${into.steps}
SELECT a.unit_key, coalesce(s.step_name, s.name) AS step, count(*),
  count(*) FILTER (WHERE s.pricing_status IN ('priced', 'no_usage')),
  coalesce(sum(s.cost_usd) FILTER (WHERE s.pricing_status = 'priced'), 0),
  count(s.input_tokens), coalesce(sum(s.input_tokens), 0)::BIGINT, ${anyUnit('a')}
FROM ${steps} s JOIN ${TRACES} ct USING (trace_id) JOIN ${ATTEMPTS} a USING (n)
WHERE s.usage_counted GROUP BY a.unit_key, step`,
    ...[ATTEMPTS, TRACES, VALUES].map((table) => `DROP TABLE ${table}`),
  ];
}
