import { DuckDBInstance } from '@duckdb/node-api';
import { expect, it } from 'vitest';
import { UNIT_KEY_SQL, unitKeyOf } from './unit-key.js';

it('computes the same unit key in TypeScript as DuckDB does in SQL', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const cases: [string | null, string][] = [
    ['claims', 'C-1042'],
    [null, 'T-77'],
    ['support', 'é…"\'\u0000x'],
  ];
  for (const [workflow, workUnitId] of cases) {
    const reader = await connection.runAndReadAll(
      `SELECT (${UNIT_KEY_SQL})::VARCHAR FROM (SELECT $1::VARCHAR AS workflow, $2::VARCHAR AS work_unit_id)`,
      [workflow, workUnitId],
    );
    expect(reader.getRows()[0]?.[0]).toBe(String(unitKeyOf(workflow, workUnitId)));
  }
  connection.closeSync();
  instance.closeSync();
});
