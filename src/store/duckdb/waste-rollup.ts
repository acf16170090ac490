/**
 * Keeps the waste roll-up (migration 0009: narrow per-unit facts behind the waste analysis and the
 * spend flow) up to date, inside the unit roll-up's refresh transaction (unit-rollup.ts): after a
 * unit roll-up rebuild, or the first time, every unit is derived again; after an incremental
 * refresh, the units it touched (new traces, continued traces before and after, changed usage
 * decisions, which append continued parts) are deleted and derived again from their steps.
 * A new current outcome changes the unit's verdict, which every row carries (and whether its
 * last attempt's calls are kept at all), so its unit is derived again too.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { ROLLED_UP_TRACES, rolledUpTracesSql } from './trace-part-compaction.js';
import { MERGE_UNITS, OUTCOME_CHANGES } from './unit-rollup-delta.js';
import { RESCAN_UNITS } from './unit-rollup-sql.js';
import {
  attemptModelsSql,
  DERIVED_STEPS,
  DERIVED_TABLES,
  DERIVED_TRACES,
  DERIVED_UNITS,
  derivedStepsSql,
  derivedTracesSql,
  derivedUnitsSql,
  lastCallsSql,
  spendModelsSql,
  unitFactsSql,
} from './waste-rollup-sql.js';

const TOUCHED = 'waste_rollup_units';
const SCOPE = `unit_key IN (SELECT unit_key FROM ${TOUCHED})`;

/** Whether the waste roll-up has had its first full build. */
export async function wasteRollupBuilt(c: DuckDBConnection): Promise<boolean> {
  const row = (await c.runAndReadAll('SELECT built FROM waste_rollup_state')).getRows()[0];
  return row?.[0] === true;
}

/**
 * Derives the waste roll-up again: of every unit (`all`), or of the units the unit roll-up's
 * incremental refresh just touched (its temp tables on `c`). Returns how many units were derived;
 * `phases` collects each step's milliseconds.
 */
export async function refreshWasteRollup(
  c: DuckDBConnection,
  all: boolean,
  phases: Map<string, number>,
): Promise<number> {
  const run = async (phase: string, sql: string): Promise<void> => {
    const started = performance.now();
    await c.run(sql);
    phases.set(phase, (phases.get(phase) ?? 0) + performance.now() - started);
  };
  let steps = 'steps';
  if (all) {
    for (const table of DERIVED_TABLES) await run('waste: clear', `DELETE FROM ${table}`);
    await run('waste: traces', derivedTracesSql(`(${ROLLED_UP_TRACES})`));
  } else {
    await run(
      'waste: traces',
      `CREATE OR REPLACE TEMP TABLE ${TOUCHED} AS
        SELECT unit_key FROM ${RESCAN_UNITS} UNION SELECT unit_key FROM ${MERGE_UNITS}
        UNION SELECT unit_key FROM ${OUTCOME_CHANGES}`,
    );
    for (const table of DERIVED_TABLES)
      await run('waste: clear', `DELETE FROM ${table} WHERE ${SCOPE}`);
    await run(
      'waste: traces',
      derivedTracesSql(`(SELECT * FROM (${rolledUpTracesSql(SCOPE)}) WHERE ${SCOPE})`),
    );
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
    // Read once for the three statements below (a full build reads `steps` as it streams by).
    await run('waste: steps', derivedStepsSql(bound));
    steps = DERIVED_STEPS;
  }
  await run('waste: units', derivedUnitsSql());
  await run('waste: units', unitFactsSql());
  await run('waste: spend', spendModelsSql(steps));
  await run('waste: attempts', attemptModelsSql(steps));
  await run('waste: calls', lastCallsSql(steps));
  await run('waste: units', 'UPDATE waste_rollup_state SET built = true');
  const row = (await c.runAndReadAll(`SELECT count(*) FROM ${DERIVED_UNITS}`)).getRows()[0];
  // The temp tables hold a million rows after a build: free them until the next refresh.
  for (const table of [DERIVED_TRACES, DERIVED_UNITS, DERIVED_STEPS, TOUCHED])
    await c.run(`DROP TABLE IF EXISTS ${table}`);
  return Number(row?.[0] ?? 0);
}

/**
 * Compares the kept waste roll-up with one derived from scratch (on `c`, in temp tables): rows
 * per table and how many differ (either side). Tests and benchmarks use it to prove refreshes exact.
 */
export async function wasteRollupDrift(
  c: DuckDBConnection,
): Promise<{ rows: number; drifted: number }> {
  const fresh = (table: string) => `fresh_${table}`;
  for (const table of DERIVED_TABLES)
    await c.run(`CREATE OR REPLACE TEMP TABLE ${fresh(table)} AS SELECT * FROM ${table} LIMIT 0`);
  await c.run(derivedTracesSql(`(${ROLLED_UP_TRACES})`));
  await c.run(derivedUnitsSql());
  await c.run(unitFactsSql(fresh('waste_unit_facts')));
  await c.run(spendModelsSql('steps', fresh('spend_unit_models')));
  await c.run(attemptModelsSql('steps', fresh('waste_attempt_models')));
  await c.run(lastCallsSql('steps', fresh('waste_last_calls')));
  let rows = 0;
  let drifted = 0;
  for (const table of DERIVED_TABLES) {
    const row = (
      await c.runAndReadAll(`SELECT (SELECT count(*) FROM ${table}),
        (SELECT count(*) FROM (SELECT * FROM ${table} EXCEPT ALL SELECT * FROM ${fresh(table)})) +
        (SELECT count(*) FROM (SELECT * FROM ${fresh(table)} EXCEPT ALL SELECT * FROM ${table}))`)
    ).getRows()[0];
    rows += Number(row?.[0] ?? 0);
    drifted += Number(row?.[1] ?? 0);
    await c.run(`DROP TABLE ${fresh(table)}`);
  }
  await c.run(`DROP TABLE ${DERIVED_TRACES}`);
  await c.run(`DROP TABLE ${DERIVED_UNITS}`);
  return { rows, drifted };
}
