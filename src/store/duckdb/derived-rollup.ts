/**
 * Keeps the roll-ups derived per unit from its traces (and their steps) up to date: the waste
 * roll-up (migration 0009: narrow per-unit facts behind the waste analysis and the spend flow),
 * the comparison roll-up (0011: behind the success/failure comparison), the attribute roll-up
 * (0012: each unit's business attribute values, narrowing filtered reads) and the allocation
 * roll-up (0013: decided units' attempts and calls, behind the attempt histories). The unit
 * roll-up's refresh (unit-rollup.ts), which every report runs, only notes in each one's pending
 * table the units it touched (new or continued traces — changed usage decisions append continued
 * parts — and new current outcomes, which change the verdict and attributes rows carry), or, when
 * it rebuilt every unit, that all must be built again. A read then runs the refresh of the ones it
 * reads, under the same lock: the noted units' rows are deleted and derived again, in one
 * transaction; the first time, after a unit roll-up rebuild, or past 250,000 noted units, every
 * unit is derived. Unit reports never wait for them, and the overview's waste and flow reads never
 * wait for the comparison's.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ALLOCATION_TABLES, allocationRollupSql } from './allocation-rollup-sql.js';
import { UNIT_ATTRIBUTES, unitAttributesSql } from './attribute-rollup-sql.js';
import { COMPARE_STEP_COLUMNS, COMPARE_TABLES, compareRollupSql } from './compare-rollup-sql.js';
import { driftSql } from './drift-sql.js';
import { ROLLED_UP_TRACES, rolledUpTracesSql } from './trace-part-compaction.js';
import { MERGE_UNITS, OUTCOME_CHANGES } from './unit-rollup-delta.js';
import { RESCAN_UNITS } from './unit-rollup-sql.js';
import {
  attemptModelsSql,
  DERIVED_STEPS,
  DERIVED_TRACES,
  DERIVED_UNITS,
  derivedStepsSql,
  derivedTracesSql,
  derivedUnitsSql,
  lastCallsSql,
  spendModelsSql,
  unitFactsSql,
  WASTE_TABLES,
} from './waste-rollup-sql.js';

const TOUCHED = 'waste_rollup_units';
/** The units one unit roll-up refresh touched. */
const NOTED = 'waste_rollup_noted';
const SCOPE = `unit_key IN (SELECT unit_key FROM ${TOUCHED})`;

export interface DerivedRefresh {
  kind: 'current' | 'incremental' | 'rebuild';
  /** Units derived again (every unit with traces on a rebuild). */
  units: number;
  ms: number;
  /** Milliseconds per step. */
  phases: Record<string, number>;
}

/** A roll-up derived per unit: its tables, pending units, state and how its rows are derived. */
export interface DerivedRollup {
  tables: readonly string[];
  /** Units noted since its last refresh. */
  pending: string;
  /** One row: `built`, false until the first full build. */
  state: string;
  /**
   * What its rows derive from: each unit's traces and their steps (`steps`: the units in
   * `DERIVED_UNITS`), or each unit's unit roll-up row alone (`units`).
   */
  source: 'steps' | 'units';
  /** Columns of `DERIVED_STEPS` its derivation reads beyond the waste roll-up's (SQL, or ''). */
  stepColumns: string;
  /**
   * Inserts the rows of the units being derived into the tables `into` names (its own, unless a
   * check asks for copies): from `from.steps` (the table or `DERIVED_STEPS`), or for a `units`
   * roll-up, of the units `from.units` (a condition on `unit_key`) selects.
   */
  insert(
    run: (phase: string, sql: string) => Promise<void>,
    from: { steps: string; units: string },
    into: (table: string) => string,
  ): Promise<void>;
}

export const WASTE_ROLLUP: DerivedRollup = {
  tables: WASTE_TABLES,
  pending: 'waste_pending_units',
  state: 'waste_rollup_state',
  source: 'steps',
  stepColumns: '',
  async insert(run, { steps }, into) {
    await run('units', unitFactsSql(into('waste_unit_facts')));
    await run('spend', spendModelsSql(steps, into('spend_unit_models')));
    await run('attempts', attemptModelsSql(steps, into('waste_attempt_models')));
    await run('calls', lastCallsSql(steps, into('waste_last_calls')));
  },
};

export const COMPARE_ROLLUP: DerivedRollup = {
  tables: COMPARE_TABLES,
  pending: 'compare_pending_units',
  state: 'compare_rollup_state',
  source: 'steps',
  stepColumns: COMPARE_STEP_COLUMNS,
  async insert(run, { steps }, into) {
    const tables = { values: into('compare_unit_values'), steps: into('compare_unit_steps') };
    for (const sql of compareRollupSql(steps, tables)) await run('compare', sql);
  },
};

export const ALLOCATION_ROLLUP: DerivedRollup = {
  tables: ALLOCATION_TABLES,
  pending: 'allocation_pending_units',
  state: 'allocation_rollup_state',
  source: 'steps',
  stepColumns: '',
  async insert(run, { steps }, into) {
    const tables = {
      attempts: into('allocation_attempts'),
      stepModels: into('allocation_step_models'),
    };
    for (const sql of allocationRollupSql(steps, tables)) await run('allocation', sql);
  },
};

export const ATTRIBUTE_ROLLUP: DerivedRollup = {
  tables: [UNIT_ATTRIBUTES],
  pending: 'attribute_pending_units',
  state: 'attribute_rollup_state',
  source: 'units',
  stepColumns: '',
  async insert(run, { units }, into) {
    await run('attributes', unitAttributesSql(units, into(UNIT_ATTRIBUTES)));
  },
};

const ROLLUPS = [WASTE_ROLLUP, COMPARE_ROLLUP, ATTRIBUTE_ROLLUP, ALLOCATION_ROLLUP];

/**
 * Inside the unit roll-up's refresh transaction: notes the units its incremental refresh touched
 * (its temp tables on `c`), or after a rebuild (`rebuilt`) that every unit must be derived again.
 */
export async function noteTouchedUnits(c: DuckDBConnection, rebuilt: boolean): Promise<void> {
  if (rebuilt) {
    for (const rollup of ROLLUPS) {
      await c.run(`UPDATE ${rollup.state} SET built = false`);
      await c.run(`DELETE FROM ${rollup.pending}`);
    }
    return;
  }
  await c.run(`CREATE OR REPLACE TEMP TABLE ${NOTED} AS
    SELECT unit_key FROM ${RESCAN_UNITS} UNION SELECT unit_key FROM ${MERGE_UNITS}
    UNION SELECT unit_key FROM ${OUTCOME_CHANGES}`);
  // Units already noted are left out: between two reads the same unit may be touched by many
  // refreshes, and the table would otherwise grow with each.
  for (const rollup of ROLLUPS)
    await c.run(`INSERT INTO ${rollup.pending} SELECT unit_key FROM ${NOTED}
      WHERE unit_key NOT IN (SELECT unit_key FROM ${rollup.pending})`);
  await c.run(`DROP TABLE ${NOTED}`);
}

/**
 * Past this many noted units a refresh derives every unit: the incremental path holds the noted
 * units' steps in a temp table (a comparison roll-up left alone for weeks of writes could have
 * most units noted), where a full build streams them. On the realistic 1M-unit store, 250,000
 * noted units took 23 s (comparison) and 20 s (waste) within 1 GB; every unit, 44 s and ~100 s.
 */
export const DERIVE_ALL_AFTER_UNITS = 250_000;

/**
 * Brings `rollup` up to date with the units noted since its last refresh; past `allAfterUnits`
 * noted units, by deriving every unit.
 */
export async function refreshDerivedRollup(
  c: DuckDBConnection,
  rollup: DerivedRollup,
  allAfterUnits = DERIVE_ALL_AFTER_UNITS,
): Promise<DerivedRefresh> {
  const started = performance.now();
  const phases = new Map<string, number>();
  await c.run('BEGIN TRANSACTION');
  try {
    const row = (
      await c.runAndReadAll(
        `SELECT built, (SELECT count(*) FROM ${rollup.pending}) FROM ${rollup.state}`,
      )
    ).getRows()[0];
    const pending = Number(row?.[1] ?? 0);
    const all = row?.[0] !== true || pending > allAfterUnits;
    let kind: DerivedRefresh['kind'] = 'current';
    let units = 0;
    if (all || pending > 0) {
      kind = all ? 'rebuild' : 'incremental';
      units = await deriveUnits(c, rollup, all, phases);
      await c.run(`DELETE FROM ${rollup.pending}`);
      await c.run(`UPDATE ${rollup.state} SET built = true`);
    }
    await c.run('COMMIT');
    return { kind, units, ms: performance.now() - started, phases: Object.fromEntries(phases) };
  } catch (error) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/**
 * Derives `rollup` again: of every unit (`all`), or of the noted units. Returns how many units
 * were derived; `phases` collects each step's milliseconds.
 */
async function deriveUnits(
  c: DuckDBConnection,
  rollup: DerivedRollup,
  all: boolean,
  phases: Map<string, number>,
): Promise<number> {
  const run = async (phase: string, sql: string): Promise<void> => {
    const started = performance.now();
    await c.run(sql);
    phases.set(phase, (phases.get(phase) ?? 0) + performance.now() - started);
  };
  if (rollup.source === 'units') return deriveFromUnits(c, rollup, all, run);
  let steps = 'steps';
  if (all) {
    for (const table of rollup.tables) await run('clear', `DELETE FROM ${table}`);
    await run('traces', derivedTracesSql(`(${ROLLED_UP_TRACES})`));
  } else {
    await run(
      'traces',
      `CREATE OR REPLACE TEMP TABLE ${TOUCHED} AS SELECT DISTINCT unit_key FROM ${rollup.pending}`,
    );
    for (const table of rollup.tables) await run('clear', `DELETE FROM ${table} WHERE ${SCOPE}`);
    await run(
      'traces',
      derivedTracesSql(`(SELECT * FROM (${rolledUpTracesSql(SCOPE)}) WHERE ${SCOPE})`),
    );
    steps = await readDerivedSteps(c, rollup, run);
  }
  await run('units', derivedUnitsSql());
  await rollup.insert(run, { steps, units: 'TRUE' }, (table) => table);
  const row = (await c.runAndReadAll(`SELECT count(*) FROM ${DERIVED_UNITS}`)).getRows()[0];
  // The temp tables hold a million rows after a build: free them until the next refresh.
  for (const table of [DERIVED_TRACES, DERIVED_UNITS, DERIVED_STEPS, TOUCHED])
    await c.run(`DROP TABLE IF EXISTS ${table}`);
  return Number(row?.[0] ?? 0);
}

/** Derives a `units` roll-up again: of every unit of the unit roll-up (`all`), or the noted ones. */
async function deriveFromUnits(
  c: DuckDBConnection,
  rollup: DerivedRollup,
  all: boolean,
  run: (phase: string, sql: string) => Promise<void>,
): Promise<number> {
  const units = all ? 'TRUE' : `unit_key IN (SELECT unit_key FROM ${rollup.pending})`;
  for (const table of rollup.tables) await run('clear', `DELETE FROM ${table} WHERE ${units}`);
  await rollup.insert(run, { steps: 'steps', units }, (table) => table);
  const row = (
    await c.runAndReadAll(`SELECT count(*) FROM unit_rollup WHERE ${units}`)
  ).getRows()[0];
  return Number(row?.[0] ?? 0);
}

/** Reads the steps of `DERIVED_TRACES` into `DERIVED_STEPS`, once for every statement after. */
async function readDerivedSteps(
  c: DuckDBConnection,
  rollup: DerivedRollup,
  run: (phase: string, sql: string) => Promise<void>,
): Promise<string> {
  // Every step of a trace lies between its parts' first start and last start (usage-decision
  // parts carry neither), so zone maps skip the rest of `steps`.
  const span = (
    await c.runAndReadAll(
      `SELECT epoch_ns(min(started)), epoch_ns(max(last_seen)) FROM ${DERIVED_TRACES}`,
    )
  ).getRows()[0];
  const [from, to] = [span?.[0], span?.[1]];
  const bound =
    typeof from === 'bigint' && typeof to === 'bigint'
      ? `s.start_time BETWEEN make_timestamp_ns(${from}) AND make_timestamp_ns(${to})`
      : 'FALSE';
  // Read once for the statements below (a full build reads `steps` as it streams by).
  await run('steps', derivedStepsSql(bound, rollup.stepColumns));
  return DERIVED_STEPS;
}

/**
 * Compares the kept `rollup` with one derived from scratch (on `c`, in temp tables): rows per
 * table and how many differ (either side). Tests and benchmarks use it to prove refreshes exact.
 */
export async function derivedRollupDrift(
  c: DuckDBConnection,
  rollup: DerivedRollup,
): Promise<{ rows: number; drifted: number }> {
  const fresh = (table: string) => `fresh_${table}`;
  for (const table of rollup.tables)
    await c.run(`CREATE OR REPLACE TEMP TABLE ${fresh(table)} AS SELECT * FROM ${table} LIMIT 0`);
  if (rollup.source === 'steps') {
    await c.run(derivedTracesSql(`(${ROLLED_UP_TRACES})`));
    await c.run(derivedUnitsSql());
  }
  const run = async (_: string, sql: string) => void (await c.run(sql));
  await rollup.insert(run, { steps: 'steps', units: 'TRUE' }, fresh);
  let rows = 0;
  let drifted = 0;
  for (const table of rollup.tables) {
    const row = (
      await c.runAndReadAll(
        `SELECT (SELECT count(*) FROM ${table}), (${driftSql(table, fresh(table))})`,
      )
    ).getRows()[0];
    rows += Number(row?.[0] ?? 0);
    drifted += Number(row?.[1] ?? 0);
    await c.run(`DROP TABLE ${fresh(table)}`);
  }
  await c.run(`DROP TABLE IF EXISTS ${DERIVED_TRACES}`);
  await c.run(`DROP TABLE IF EXISTS ${DERIVED_UNITS}`);
  return { rows, drifted };
}
