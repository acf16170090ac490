/**
 * `npm run bench:waste`: times the waste analysis (every workflow, every class, priced) over a
 * store filled by the demo, beside `SELECT sum(cost_usd) FROM steps` in the same process.
 * `--db FILE` times a copy of an existing demo store (the original is never opened); otherwise
 * `--scale N` spans are generated with `tokenledger demo --bulk` into a temp file first.
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { waste } from '../src/analysis/index.js';
import { demoCommand } from '../src/cli/demo-command.js';
import { createPriceBook } from '../src/pricing/index.js';
import { openStore } from '../src/store/index.js';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    scale: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '2' },
  },
});
const dir = await mkdtemp(join(tmpdir(), 'waste-bench-'));
const path = join(dir, 'demo.duckdb');
try {
  if (values.db) {
    await copyFile(values.db, path);
  } else {
    const started = performance.now();
    await demoCommand(['--db', path, '--bulk', '--scale', values.scale, '--seed', '7'], {
      out: () => {},
      err: () => {},
    });
    console.log(
      `demo --bulk ${Number(values.scale).toLocaleString('en')} spans: ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  await timeSum(path);
  await timeWaste(path, Number(values.runs));
} finally {
  await rm(dir, { recursive: true, force: true });
}

async function timeSum(file: string): Promise<void> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  const rows = await connection.runAndReadAll('SELECT count(*) FROM steps');
  console.log(`steps: ${Number(rows.getRows()[0]?.[0] ?? 0).toLocaleString('en')}`);
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    await connection.runAndReadAll('SELECT sum(cost_usd) FROM steps');
    console.log(`SELECT sum(cost_usd) FROM steps: ${(performance.now() - started).toFixed(0)} ms`);
  }
  connection.closeSync();
  instance.closeSync();
}

async function timeWaste(file: string, runs: number): Promise<void> {
  const store = await openStore({ kind: 'duckdb', path: file });
  await store.migrate();
  const book = createPriceBook();
  try {
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const workflows = await waste.analyzeWaste(store, book);
      const ms = performance.now() - started;
      console.log(`waste analysis, ${workflows.length} workflows: ${ms.toFixed(0)} ms`);
      if (i === 0) for (const w of workflows) console.log(`  ${waste.wasteSentence(w)}`);
    }
  } finally {
    await store.close();
  }
}
