/** Runs the shared contract on DuckDB in memory and on a file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openStore } from '../open-store.js';
import { runStoreContract } from '../store.contract.js';
import { runStoreFlowContract } from '../store-flow.contract.js';
import { runStoreTrajectoryContract } from '../store-trajectory.contract.js';
import { runStoreUnitTotalContract } from '../store-unit-total.contract.js';
import { runStoreUnitsContract } from '../store-units.contract.js';
import { runStoreWasteContract } from '../store-waste.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'tokenledger-store-'));
let files = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

runStoreContract('duckdb :memory:', () => openStore({ kind: 'duckdb', path: ':memory:' }));
runStoreContract('duckdb file', () => {
  files += 1;
  return openStore({ kind: 'duckdb', path: join(dir, `contract-${files}.duckdb`) });
});
runStoreUnitsContract('duckdb :memory:', () => openStore({ kind: 'duckdb', path: ':memory:' }));
runStoreUnitTotalContract('duckdb :memory:', () => openStore({ kind: 'duckdb', path: ':memory:' }));
runStoreTrajectoryContract('duckdb :memory:', () =>
  openStore({ kind: 'duckdb', path: ':memory:' }),
);
runStoreWasteContract('duckdb :memory:', () => openStore({ kind: 'duckdb', path: ':memory:' }));
runStoreWasteContract('duckdb file', () => {
  files += 1;
  return openStore({ kind: 'duckdb', path: join(dir, `contract-${files}.duckdb`) });
});
runStoreFlowContract('duckdb :memory:', () => openStore({ kind: 'duckdb', path: ':memory:' }));
runStoreFlowContract('duckdb file', () => {
  files += 1;
  return openStore({ kind: 'duckdb', path: join(dir, `contract-${files}.duckdb`) });
});
