/**
 * `npm run bench:duckdb-rows`: what DuckDB alone costs per `steps` row, the floor under any ingest
 * figure. Real rows (synthetic OTLP batches captured into a temp store) are read back as data
 * chunks once, then appended again and again through the appender and committed, as the step
 * writer does, in transactions of several sizes — no JS work per row — each run ending with a
 * CHECKPOINT so the compression every row eventually pays is counted. Prints wall and CPU (all
 * threads) microseconds per row, beside a 3-column table of the same rows in the same process.
 * Usage: npm run bench:duckdb-rows [-- --rows N]   (default 262,144 rows per measurement)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type DuckDBConnection, type DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import { Capture } from '../src/capture/index.js';
import { createPriceBook } from '../src/pricing/index.js';
import { openStore } from '../src/store/index.js';
import { makeBatch } from './otlp-batch.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '262144' } } });
const total = Number(values.rows);
const SOURCE_ROWS = 131_072;
const SIZES = [1_024, 8_192, 131_072];

interface Cost {
  wallUs: number;
  cpuUs: number;
  checkpointUs: number;
}

/** The first `rows` rows of `columns` of the source, as the data chunks a query returns. */
async function chunksOf(
  connection: DuckDBConnection,
  columns: string,
  rows: number,
): Promise<DuckDBDataChunk[]> {
  const result = await connection.run(`SELECT ${columns} FROM source LIMIT ${rows}`);
  const chunks: DuckDBDataChunk[] = [];
  for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; ) {
    chunks.push(chunk);
    chunk = await result.fetchChunk();
  }
  return chunks;
}

/** Appends `total` rows to `table` in transactions of `chunks`, then checkpoints. */
async function appendRows(
  connection: DuckDBConnection,
  table: string,
  chunks: readonly DuckDBDataChunk[],
  end: 'COMMIT' | 'ROLLBACK',
): Promise<Cost> {
  await connection.run(`DELETE FROM ${table}`);
  await connection.run('CHECKPOINT');
  const appender = await connection.createAppender(table);
  const perTx = chunks.reduce((sum, chunk) => sum + chunk.rowCount, 0);
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let done = 0; done < total; done += perTx) {
    await connection.run('BEGIN TRANSACTION');
    for (const chunk of chunks) appender.appendDataChunk(chunk);
    appender.flushSync();
    await connection.run(end);
  }
  const checkpointStarted = performance.now();
  await connection.run('CHECKPOINT');
  const ended = performance.now();
  const used = process.cpuUsage(cpu);
  appender.closeSync();
  return {
    wallUs: ((ended - started) * 1000) / total,
    cpuUs: (used.user + used.system) / total,
    checkpointUs: ((ended - checkpointStarted) * 1000) / total,
  };
}

const dir = await mkdtemp(join(tmpdir(), 'duckdb-row-cost-'));
try {
  const path = join(dir, 'rows.duckdb');
  const store = await openStore({ kind: 'duckdb', path });
  await store.migrate();
  const capture = new Capture({ store, priceBook: createPriceBook() });
  for (let batch = 0; batch < SOURCE_ROWS / 512; batch++)
    await capture.ingestOtlp(makeBatch(1, batch, 512), 'protobuf');
  await store.close();

  // The store's own settings (duckdb-store.ts), so the figures are the ones ingest meets.
  const instance = await DuckDBInstance.create(path, {
    memory_limit: '1GB',
    checkpoint_threshold: '256MB',
  });
  const connection = await instance.connect();
  await connection.run('CREATE TEMP TABLE source AS SELECT * FROM steps');
  await connection.run(
    'CREATE TABLE narrow AS SELECT trace_id, start_time, cost_usd FROM steps LIMIT 0',
  );
  const columns = Number(
    (
      await connection.runAndReadAll(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'steps' AND schema_name = 'main'",
      )
    ).getRows()[0]?.[0],
  );
  const threads = (
    await connection.runAndReadAll("SELECT current_setting('threads')")
  ).getRows()[0]?.[0];
  console.log(
    `DuckDB cost per row: ${total.toLocaleString('en')} rows per measurement, ${String(threads)} DuckDB threads, memory_limit 1GB, checkpoint_threshold 256MB`,
  );
  const line = (label: string, cost: Cost) =>
    console.log(
      `${label.padEnd(44)} wall ${cost.wallUs.toFixed(1).padStart(5)} µs/row (checkpoint ${cost.checkpointUs.toFixed(1)}), CPU ${cost.cpuUs.toFixed(1).padStart(5)} core-µs/row`,
    );
  const narrow = 'trace_id, start_time, cost_usd';
  line(
    `steps (${columns} columns), 1,024-row tx, rolled back`,
    await appendRows(connection, 'steps', await chunksOf(connection, '*', 1_024), 'ROLLBACK'),
  );
  for (const size of SIZES) {
    const label = `${size.toLocaleString('en')}-row tx`;
    const wide = await chunksOf(connection, '*', size);
    line(
      `steps (${columns} columns), ${label}`,
      await appendRows(connection, 'steps', wide, 'COMMIT'),
    );
    const thin = await chunksOf(connection, narrow, size);
    line(`narrow (3 columns), ${label}`, await appendRows(connection, 'narrow', thin, 'COMMIT'));
  }
  console.log(
    'At 50,000 spans/s two cores give 40 core-µs per span for everything: HTTP, decoding, pricing, planning and these.',
  );
  connection.closeSync();
  instance.closeSync();
} finally {
  await rm(dir, { recursive: true, force: true });
}
