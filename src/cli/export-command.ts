/**
 * `tokenledger export focus`: the attributed spend as a FOCUS 1.2 dataset (CSV or Parquet), from a
 * running server (`--url`) or straight from the DuckDB file (`--db`). What the dataset leaves out
 * (unpriced steps, unattributed spend) goes to stderr.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRange } from '../analysis/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import { femtoToUsdString } from '../domain/index.js';
import { openStore } from '../store/index.js';
import { type CliIo, UsageError } from './cli-io.js';

interface Summary {
  billedCostUsd: string;
  excludedUnpricedSteps: string;
  unattributedCostUsd: string;
}

export async function exportCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string', default: 'csv' },
      out: { type: 'string' },
      db: { type: 'string' },
      url: { type: 'string' },
    },
  });
  if (positionals[0] !== 'focus')
    throw new UsageError('export needs a dataset: tokenledger export focus [--format csv|parquet]');
  const format = values.format;
  if (format !== 'csv' && format !== 'parquet')
    throw new UsageError(`--format must be csv or parquet, got ${JSON.stringify(format)}`);
  if (format === 'parquet' && values.out === undefined)
    throw new UsageError('--format parquet needs --out FILE (Parquet is binary)');
  const url = values.url ?? (values.db === undefined ? await defaultServer() : undefined);
  const { bytes, summary } = url
    ? await fromServer(url, format, values.from, values.to)
    : await fromFile(values.db ?? DEFAULT_DB_PATH, format, values.from, values.to);
  if (values.out === undefined) io.out(bytes.toString('utf8'));
  else await writeFile(resolve(values.out), bytes);
  io.err(
    `FOCUS 1.2 ${format}: BilledCost $${summary.billedCostUsd}; left out ${summary.excludedUnpricedSteps} ` +
      `unpriced step(s) and $${summary.unattributedCostUsd} of spend linked to no work unit`,
  );
  return 0;
}

async function defaultServer(): Promise<string | undefined> {
  const url = `http://127.0.0.1:${DEFAULT_PORT}`;
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) })).ok
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

async function fromServer(url: string, format: string, from?: string, to?: string) {
  const query = new URLSearchParams({ format });
  if (from !== undefined) query.set('from', from);
  if (to !== undefined) query.set('to', to);
  const response = await fetch(`${url.replace(/\/$/, '')}/api/v1/export/focus?${query}`);
  if (!response.ok)
    throw new UsageError(`${url} answered ${response.status}: ${await response.text()}`);
  const header = (name: string) => response.headers.get(name) ?? '?';
  return {
    bytes: Buffer.from(await response.arrayBuffer()),
    summary: {
      billedCostUsd: header('x-focus-billed-cost-usd'),
      excludedUnpricedSteps: header('x-focus-excluded-unpriced-steps'),
      unattributedCostUsd: header('x-focus-unattributed-cost-usd'),
    } satisfies Summary,
  };
}

async function fromFile(db: string, format: 'csv' | 'parquet', from?: string, to?: string) {
  const range = parseRange(from, to);
  const ms = (nanos: bigint | undefined) =>
    nanos === undefined ? undefined : Number(nanos / 1_000_000n);
  const store = await openStore({ kind: 'duckdb', path: db });
  const path = join(tmpdir(), `tokenledger-focus-${randomUUID()}.${format}`);
  try {
    await store.migrate();
    const result = await store.exportFocus(
      { format, fromUnixMs: ms(range.fromUnixNano), toUnixMs: ms(range.toUnixNano) },
      path,
    );
    return {
      bytes: await readFile(path),
      summary: {
        billedCostUsd: femtoToUsdString(result.billedCostFemto),
        excludedUnpricedSteps: String(result.excludedUnpricedSteps),
        unattributedCostUsd: femtoToUsdString(result.unattributedCostFemto),
      } satisfies Summary,
    };
  } finally {
    await rm(path, { force: true });
    await store.close();
  }
}
