/**
 * DuckDB result values read as the Store contract's types: counts, femto-dollars, text,
 * nanosecond instants and the `[unit, trace]` pair an example is read as. One place, so every
 * read turns a NULL, a BIGINT or a HUGEINT into the same thing.
 */
import { DuckDBListValue, type DuckDBValue } from '@duckdb/node-api';
import { decimalToFemto, toNumber } from './step-rows.js';

/** A count or token sum; NULL reads as 0. */
export const int = (value: DuckDBValue | undefined): number => toNumber(value ?? null) ?? 0;

export const nullableInt = (value: DuckDBValue | undefined): number | null =>
  toNumber(value ?? null);

/** A DECIMAL(38,15) amount as femto-dollars; NULL reads as 0. */
export const femto = (value: DuckDBValue | undefined): bigint =>
  decimalToFemto(value ?? null) ?? 0n;

export const text = (value: DuckDBValue | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/** A BIGINT or HUGEINT (an `epoch_ns`, a femto-dollar sum) exactly; NULL reads as 0. */
export const bigintOf = (value: DuckDBValue | undefined): bigint =>
  typeof value === 'bigint' ? value : BigInt(int(value));

/** An `epoch_ns` that may be NULL. */
export const nanos = (value: DuckDBValue | undefined): bigint | null =>
  value === null || value === undefined ? null : BigInt(value as bigint);

/** The `[work_unit_id, trace_id]` list an example's `arg_max` returns. */
export function unitAndTrace(value: DuckDBValue | undefined): {
  workUnitId: string;
  traceId: string;
} {
  const [unit, trace] = value instanceof DuckDBListValue ? value.items : [];
  return { workUnitId: String(unit), traceId: String(trace) };
}
