/**
 * An incremental `unit_rollup` refresh between two watermarks, inside the refresh's transaction.
 * Most new work is a new trace (one part, no marked attempt) of a unit: its figures merge into the
 * unit's row by arithmetic, and a changed current outcome overwrites the outcome columns. Units
 * whose traces may have changed in other ways (a trace continued over several writes, which can
 * move it to another unit; marked attempts, whose labels may repeat) are recomputed from their
 * traces by the same statement a full build uses (unit-rollup-sql.ts).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { mergedPartsSql } from './trace-part-compaction.js';
import {
  OUTCOME_FIELDS,
  RESCAN_UNITS,
  spanUnitsSql,
  unitRollupRowsSql,
} from './unit-rollup-sql.js';

const NEW_PARTS = 'rollup_new_parts';
const TOUCHED_PARTS = 'rollup_touched_parts';
export const MERGE_UNITS = 'rollup_merge_units';
export const OUTCOME_CHANGES = 'rollup_outcome_changes';

export interface Watermarks {
  fromPartSeq: bigint;
  toPartSeq: bigint;
  fromOutcomeSeq: bigint;
  toOutcomeSeq: bigint;
}

/** Units per path of one incremental refresh. */
export interface DeltaCounts {
  rescanned: number;
  merged: number;
  outcomes: number;
}

const OLD_ROWS = 'rollup_old_rows';
const NEXT_ROWS = 'rollup_next_rows';
/** New attempts of a unit: the earliest attempt is the unit's or the new traces' (whichever
 * started first, then by trace id, as spanUnitsSql orders them); retry cost is everything but
 * that attempt's cost. */
const NEW_FIRST = '(m.first_seen, m.link_trace) < (r.first_seen, r.link_trace)';
const NO_TRACES = 'coalesce(r.attempts, 0) = 0';
/** Units with new traces to merge or a new current outcome. */
const CHANGED_UNITS = `SELECT unit_key FROM ${MERGE_UNITS} UNION SELECT unit_key FROM ${OUTCOME_CHANGES}`;

/**
 * Brings the rows of the units touched between the watermarks up to date; call inside the
 * refresh's transaction. `phases` collects each statement's milliseconds (for benchmarks).
 */
export async function refreshTouchedUnits(
  c: DuckDBConnection,
  w: Watermarks,
  phases: Map<string, number> = new Map(),
): Promise<DeltaCounts> {
  const run = async (phase: string, sql: string): Promise<void> => {
    const started = performance.now();
    await c.run(sql);
    phases.set(phase, (phases.get(phase) ?? 0) + performance.now() - started);
  };
  /** Row counts of the given tables (or table + condition), in one query. */
  const counts = async (...tables: string[]): Promise<number[]> => {
    const sql = `SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(', ')}`;
    const row = (await c.runAndReadAll(sql)).getRows()[0] ?? [];
    return tables.map((_, i) => Number(row[i] ?? 0));
  };
  await run(
    'new parts',
    `CREATE OR REPLACE TEMP TABLE ${NEW_PARTS} AS SELECT * EXCLUDE (part_seq) FROM trace_parts
      WHERE part_seq > ${w.fromPartSeq} AND part_seq <= ${w.toPartSeq}`,
  );
  // Every part, up to the new watermark, of the traces continued since the old one (reading
  // them scans the whole roll-up, so only when there are any).
  const [continued] = await counts(`${NEW_PARTS} WHERE continued`);
  await run(
    'continued traces',
    `CREATE OR REPLACE TEMP TABLE ${TOUCHED_PARTS} AS SELECT * FROM trace_parts
      WHERE ${continued === 0 ? 'false' : 'TRUE'} AND part_seq <= ${w.toPartSeq}
        AND trace_id IN (SELECT trace_id FROM ${NEW_PARTS} WHERE continued)`,
  );
  // A continued trace's unit now and before (its parts up to the old watermark), and the units
  // of new traces with marked attempts.
  const touched = { from: TOUCHED_PARTS };
  await run(
    'classify',
    `CREATE OR REPLACE TEMP TABLE ${RESCAN_UNITS} AS
      SELECT unit_key FROM (${mergedPartsSql('TRUE', touched)}) WHERE unit_key IS NOT NULL
      UNION
      SELECT unit_key FROM (${mergedPartsSql(`part_seq <= ${w.fromPartSeq}`, touched)})
      WHERE unit_key IS NOT NULL
      UNION
      SELECT unit_key FROM ${NEW_PARTS}
      WHERE NOT continued AND unit_key IS NOT NULL AND attempt IS NOT NULL`,
  );
  await run(
    'classify',
    `CREATE OR REPLACE TEMP TABLE ${MERGE_UNITS} AS ${spanUnitsSql(`(SELECT * FROM ${NEW_PARTS}
      WHERE NOT continued AND unit_key IS NOT NULL AND attempt IS NULL
        AND trace_id NOT IN (SELECT trace_id FROM ${TOUCHED_PARTS})
        AND unit_key NOT IN (SELECT unit_key FROM ${RESCAN_UNITS}))`)}`,
  );
  await run(
    'classify',
    `CREATE OR REPLACE TEMP TABLE ${OUTCOME_CHANGES} AS SELECT * FROM unit_outcomes
      WHERE arrival_seq > ${w.fromOutcomeSeq} AND arrival_seq <= ${w.toOutcomeSeq}
        AND unit_key NOT IN (SELECT unit_key FROM ${RESCAN_UNITS})`,
  );
  const [rescanned = 0, merged = 0, outcomes = 0] = await counts(
    RESCAN_UNITS,
    MERGE_UNITS,
    OUTCOME_CHANGES,
  );
  if (rescanned > 0) {
    await run(
      'rescan',
      `DELETE FROM unit_rollup WHERE unit_key IN (SELECT unit_key FROM ${RESCAN_UNITS})`,
    );
    await run('rescan', `INSERT INTO unit_rollup BY NAME ${unitRollupRowsSql(true)}`);
  }
  if (merged + outcomes > 0) {
    // The next row of each unit with new traces or a new current outcome, from its row (if any),
    // its new traces' figures (m) and its new outcome (o); then the old rows make way for them.
    // The old rows are read by a semi-join (a join would hash the million-row table), and one
    // delete + insert cost less than UPDATEs over it.
    await run(
      'merge',
      `CREATE OR REPLACE TEMP TABLE ${OLD_ROWS} AS SELECT * FROM unit_rollup
      WHERE unit_key IN (${CHANGED_UNITS})`,
    );
    await run(
      'merge',
      `CREATE OR REPLACE TEMP TABLE ${NEXT_ROWS} AS
      SELECT k.unit_key, coalesce(r.workflow, m.workflow, o.workflow) AS workflow,
        coalesce(r.work_unit_id, m.work_unit_id, o.work_unit_id) AS work_unit_id,
        coalesce(r.attempts, 0) + coalesce(m.attempts, 0) AS attempts,
        coalesce(r.cost, 0) + coalesce(m.cost, 0) AS cost,
        CASE WHEN m.unit_key IS NULL THEN coalesce(r.retry_cost, 0) WHEN ${NO_TRACES} THEN m.retry_cost
          WHEN ${NEW_FIRST} THEN m.retry_cost + r.cost ELSE r.retry_cost + m.cost END AS retry_cost,
        coalesce(r.step_minutes, 0) + coalesce(m.step_minutes, 0) AS step_minutes,
        CASE WHEN m.unit_key IS NULL THEN r.first_seen WHEN ${NO_TRACES} OR ${NEW_FIRST}
          THEN m.first_seen ELSE r.first_seen END AS first_seen,
        CASE WHEN m.unit_key IS NULL THEN r.last_seen WHEN ${NO_TRACES} THEN m.last_seen
          ELSE greatest(r.last_seen, m.last_seen) END AS last_seen,
        coalesce(r.unpriced, 0) + coalesce(m.unpriced, 0) AS unpriced,
        coalesce(r.usage_unknown, 0) + coalesce(m.usage_unknown, 0) AS usage_unknown,
        CASE WHEN m.unit_key IS NULL THEN r.link_trace WHEN ${NO_TRACES} OR ${NEW_FIRST}
          THEN m.link_trace ELSE r.link_trace END AS link_trace,
        ${OUTCOME_FIELDS.map((f) => `CASE WHEN o.unit_key IS NULL THEN r.${f} ELSE o.${f} END AS ${f}`).join(', ')}
      FROM (${CHANGED_UNITS}) k
        LEFT JOIN ${OLD_ROWS} r ON r.unit_key = k.unit_key
        LEFT JOIN ${MERGE_UNITS} m ON m.unit_key = k.unit_key
        LEFT JOIN ${OUTCOME_CHANGES} o ON o.unit_key = k.unit_key`,
    );
    await run(
      'write',
      `DELETE FROM unit_rollup WHERE unit_key IN (SELECT unit_key FROM ${NEXT_ROWS})`,
    );
    await run('write', `INSERT INTO unit_rollup BY NAME SELECT * FROM ${NEXT_ROWS}`);
  }
  return { rescanned, merged, outcomes };
}
