/**
 * Child process for the kill -9 durability test: inserts batches into the DuckDB file given as
 * argv[2] forever and prints each batch's trace id only after its insert promise has resolved.
 */
import { llmStep } from '../contract-steps.js';
import { openStore } from '../open-store.js';

const path = process.argv[2];
if (!path) throw new Error('usage: durability-child <db-file>');
const store = await openStore({ kind: 'duckdb', path });
process.stdout.write('ready\n');
for (let batch = 0; ; batch += 1) {
  const traceId = `${process.pid.toString(16)}${batch.toString(16).padStart(8, '0')}`.padStart(
    32,
    '0',
  );
  const steps = Array.from({ length: 50 }, () => llmStep({ traceId }));
  const result = await store.insertSteps(steps);
  process.stdout.write(`${traceId} ${result.inserted}\n`);
}
