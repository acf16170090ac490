/**
 * `tokenledger import outcomes FILE.csv`: reads outcome records from a CSV file (header row; columns
 * mapped to fields by name or `--map field=column`; other columns become attributes), validates each
 * row, and stores them through a running server or straight into the DuckDB file, with progress.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseOutcomes } from '../capture/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import type { Outcome } from '../domain/index.js';
import { openStore } from '../store/index.js';
import { type CliIo, UsageError } from './cli-io.js';
import { readCsvRecords } from './csv-reader.js';
import { ProgressBar } from './progress-bar.js';

const FIELDS = [
  'workUnitId',
  'workflow',
  'status',
  'resolvedBy',
  'humanMinutes',
  'reviewMinutes',
  'correctionMinutes',
  'overridden',
  'valueUsd',
  'occurredAt',
] as const;
const NUMERIC = new Set(['humanMinutes', 'reviewMinutes', 'correctionMinutes']);
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

type Sink = {
  send(outcomes: Outcome[], raw: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
  description: string;
};

async function openSink(url: string | undefined, db: string | undefined): Promise<Sink> {
  const target = url ?? (db ? undefined : await serving(`http://127.0.0.1:${DEFAULT_PORT}`));
  if (target) {
    return {
      description: target,
      send: async (_outcomes, raw) => {
        const response = await fetch(`${target}/v1/outcomes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(raw),
        });
        if (!response.ok)
          throw new Error(
            `${target}/v1/outcomes answered ${response.status}: ${await response.text()}`,
          );
      },
      close: async () => {},
    };
  }
  const store = await openStore({ kind: 'duckdb', path: db ?? DEFAULT_DB_PATH });
  await store.migrate();
  return {
    description: db ?? DEFAULT_DB_PATH,
    send: async (outcomes) => void (await store.insertOutcomes(outcomes)),
    close: () => store.close(),
  };
}

async function serving(url: string): Promise<string | undefined> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) })).ok
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

function toRecord(
  header: string[],
  row: string[],
  columnOf: Map<string, string>,
  workflow: string | undefined,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const attributes: Record<string, string> = {};
  const fieldOfColumn = new Map([...columnOf].map(([field, column]) => [column, field]));
  header.forEach((column, i) => {
    const cell = row[i] ?? '';
    if (cell === '') return;
    const field = fieldOfColumn.get(column);
    if (field === undefined) attributes[column] = cell;
    else if (NUMERIC.has(field)) record[field] = Number.isNaN(Number(cell)) ? cell : Number(cell);
    else if (field === 'overridden')
      record[field] = /^(true|1|yes|y)$/i.test(cell)
        ? true
        : /^(false|0|no|n)$/i.test(cell)
          ? false
          : cell;
    else record[field] = cell;
  });
  if (workflow !== undefined && record.workflow === undefined) record.workflow = workflow;
  if (Object.keys(attributes).length > 0) record.attributes = attributes;
  return record;
}

export async function importOutcomesCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      map: { type: 'string', multiple: true, default: [] },
      workflow: { type: 'string' },
      url: { type: 'string' },
      db: { type: 'string' },
      batch: { type: 'string', default: '5000' },
    },
  });
  const [what, file] = positionals;
  if (what !== 'outcomes' || !file)
    throw new UsageError(
      'usage: tokenledger import outcomes FILE.csv [--map field=column …] [--workflow W] [--url URL | --db FILE]',
    );
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UsageError('--batch must be a positive integer');
  const mapped = new Map<string, string>();
  for (const entry of values.map) {
    const [field, column] = entry.split('=');
    if (!field || !column || !(FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(
        `--map takes field=column with field one of ${FIELDS.join(', ')}; got ${JSON.stringify(entry)}`,
      );
    }
    mapped.set(field, column);
  }
  const size = (await stat(file)).size;
  const stream = createReadStream(file, { encoding: 'utf8' });
  const sink = await openSink(values.url, values.db);
  const progress = new ProgressBar(`importing ${file}`, (t) => io.err(t.replace(/\n$/, '')));
  let header: string[] | null = null;
  const columnOf = new Map<string, string>();
  let pending: Record<string, unknown>[] = [];
  let rowNumber = 1;
  let firstRow = 2;
  let imported = 0;
  const reasons: string[] = [];
  let rejected = 0;
  const flush = async () => {
    const parsed = parseOutcomes(pending);
    for (const r of parsed.rejected) {
      rejected += 1;
      if (reasons.length < 10)
        reasons.push(
          `row ${firstRow + r.index}: ${r.errors.map((e) => e.replace(/^record \d+( \([^)]*\))?: /, '')).join('; ')}`,
        );
    }
    if (parsed.outcomes.length > 0)
      await sink.send(
        parsed.outcomes,
        pending.filter((_, i) => !parsed.rejected.some((r) => r.index === i)),
      );
    imported += parsed.outcomes.length;
    pending = [];
    firstRow = rowNumber + 1;
    progress.update(imported + rejected, Math.min(1, stream.bytesRead / Math.max(size, 1)));
  };
  try {
    for await (const row of readCsvRecords(stream)) {
      if (header === null) {
        header = row;
        for (const field of FIELDS) {
          const column = mapped.get(field) ?? header.find((h) => h === field || h === snake(field));
          if (column !== undefined) columnOf.set(field, column);
        }
        continue;
      }
      rowNumber += 1;
      pending.push(toRecord(header, row, columnOf, values.workflow));
      if (pending.length >= batchSize) await flush();
    }
    if (pending.length > 0) await flush();
  } finally {
    await sink.close();
  }
  progress.finish(imported + rejected);
  io.out(`imported ${imported} outcome(s) into ${sink.description}; rejected ${rejected}`);
  for (const reason of reasons) io.out(`  ${reason}`);
  return rejected === 0 ? 0 : 2;
}
