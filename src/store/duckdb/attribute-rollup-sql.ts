/**
 * Which business attribute values a unit has, and the attribute roll-up (migration 0012) that
 * keeps them per unit so a read filtered on one never parses its traces' JSON: a unit's value of a
 * key is its current outcome's, else its earliest trace's linking span's (by start, then trace id),
 * as in the unit reports. The comparison's roll-up and its steps' read share the same rules.
 */
import { IDENTITY_KEY_NAMES, IDENTITY_LIST } from './attribute-keys.js';
import { literal } from './sql-scope.js';
import { linkAttributesSql } from './trace-part-compaction.js';
import { DERIVED_TRACES } from './waste-rollup-sql.js';

/** A JSON path of the lambda's `key`, escaped as trajectory-reads.ts `jsonKeyPath` escapes it. */
const attributeValue = (column: string) =>
  `json_extract_string(${column}, '$."' || replace(replace(key, '\\', '\\\\'), '"', '\\"') || '"')`;

/**
 * A unit's business attributes as a list of `{key, value}`: every key of its current outcome's
 * attributes and its linking span's, but identity keys and tokenledger's own, the outcome's value
 * first (NULL when neither has one). Built before any unnest, so the JSON documents are not copied
 * onto every key's row.
 */
export function attributeEntriesSql(outcome: string, link: string): string {
  return `list_transform(
    list_filter(
      list_distinct(list_concat(coalesce(json_keys(${outcome}), []::VARCHAR[]),
        coalesce(json_keys(${link}), []::VARCHAR[]))),
      key -> NOT list_contains(${IDENTITY_LIST}, key) AND key NOT LIKE 'tokenledger.%'),
    key -> {'key': key, 'value': coalesce(${attributeValue(outcome)}, ${attributeValue(link)})})`;
}

/** The values of `attributeEntriesSql` as "key=value" (NULL for a key with no value). */
export const attributeValuesSql = (outcome: string, link: string): string =>
  `list_transform(${attributeEntriesSql(outcome, link)}, e -> e.key || '=' || e.value)`;

/** Whether the roll-ups can filter on business attribute `key`: only the keys they keep. */
export const keptAttributeKey = (key: string): boolean =>
  !IDENTITY_KEY_NAMES.includes(key) && !key.startsWith('tokenledger.');

/**
 * CTEs `earliest` (unit_key, link_trace: each unit's earliest trace in `DERIVED_TRACES`, of the
 * units `units` selects) and `links` (those traces' rolled-up link attributes).
 */
export const earliestLinksSql = (units: string) => `earliest AS (
  SELECT unit_key, arg_min(trace_id, (started, trace_id)) AS link_trace FROM ${DERIVED_TRACES}
  WHERE unit_key IN (${units}) GROUP BY ALL
),
links AS (${linkAttributesSql('trace_id IN (SELECT link_trace FROM earliest)')})`;

/** The attribute roll-up's table: one row per unit and kept key with a value. */
export const UNIT_ATTRIBUTES = 'unit_attributes';

/**
 * Inserts into `into` the `UNIT_ATTRIBUTES` rows of the unit roll-up's units that `units` (a
 * condition on `unit_key`) selects, from their current outcome and earliest trace (`link_trace`,
 * kept by the unit roll-up; none for a unit known only by its outcome).
 */
export const unitAttributesSql = (units: string, into: string) => `INSERT INTO ${into}
WITH scoped AS (SELECT unit_key, link_trace FROM unit_rollup WHERE ${units}),
links AS (${linkAttributesSql('trace_id IN (SELECT link_trace FROM scoped)')})
SELECT unit_key, entry.key, entry.value FROM (
  SELECT s.unit_key, unnest(${attributeEntriesSql('o.attributes', 'l.link_attributes')}) AS entry
  FROM scoped s LEFT JOIN links l ON l.trace_id = s.link_trace
    LEFT JOIN unit_outcomes o USING (unit_key)
) WHERE entry.value IS NOT NULL`;

/** The units whose business attribute `key` is `value`, as a condition on `unit_key`. */
export const unitsWithAttributeSql = (attribute: { key: string; value: string }) =>
  `unit_key IN (SELECT unit_key FROM ${UNIT_ATTRIBUTES}
    WHERE key = ${literal(attribute.key)} AND value = ${literal(attribute.value)})`;
