/**
 * `tokenledger import outcomes FILE.csv`: reads outcome records from a CSV file (header row; columns
 * mapped to fields by name or `--map field=column`; other columns become attributes), validates each
 * row, and stores batches through a running server or straight into the DuckDB file, with progress.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseOutcomes } from '../capture/index.js';
import { DEFAULT_DB_PATH, DEFAULT_PORT } from '../config/index.js';
import { type CliIo, processIo, UsageError } from './cli-io.js';
import { CsvError, readCsvRecords } from './csv-reader.js';
import { type ColumnMapping, mapColumns, OUTCOME_FIELDS } from './outcome-columns.js';
import { type OutcomeTarget, openOutcomeTarget } from './outcome-target.js';
import { ProgressBar } from './progress-bar.js';

const USAGE =
  'usage: tokenledger import outcomes FILE.csv [--map field=column …] [--workflow W] [--url URL | --db FILE] [--batch 5000]';
const SHOWN_REASONS = 10;

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
  const [what, file, extra] = positionals;
  if (what !== 'outcomes' || !file || extra !== undefined) throw new UsageError(USAGE);
  if (values.url !== undefined && values.db !== undefined)
    throw new UsageError('give --url or --db, not both');
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000)
    throw new UsageError(`--batch must be an integer from 1 to 100000; got ${values.batch}`);
  const mapped = parseMaps(values.map);
  const size = await stat(file).then(
    (s) => s.size,
    (error: Error) => {
      throw new UsageError(`cannot read ${file}: ${error.message}`);
    },
  );

  const stream = createReadStream(file, { encoding: 'utf8' });
  const rows = readCsvRecords(stream);
  const header = (await rows.next()).value;
  if (!Array.isArray(header)) throw new UsageError(`${file} has no header row`);
  const mapping = mapColumns(header, mapped, values.workflow);

  const target = await openOutcomeTarget({
    url: values.url,
    db: values.db,
    probeUrl: `http://127.0.0.1:${DEFAULT_PORT}`,
    defaultDb: DEFAULT_DB_PATH,
  });
  const tty = io === processIo && process.stderr.isTTY;
  const progress = new ProgressBar(
    `importing ${file}`,
    tty ? process.stderr : { write: (text) => io.err(text.replace(/\n$/, '')) },
    'rows',
  );
  const tally = { imported: 0, rejected: 0, reasons: [] as string[] };
  let pending: { row: number; record: Record<string, unknown> }[] = [];
  let row = 1;
  const flush = async () => {
    await sendBatch(pending, target, tally);
    pending = [];
    progress.update(tally.imported + tally.rejected, stream.bytesRead / Math.max(size, 1));
  };
  let failure: string | null = null;
  try {
    for await (const fields of rows) {
      row += 1;
      if (fields.length !== header.length) {
        reject(tally, `row ${row}: has ${fields.length} fields, the header has ${header.length}`);
        continue;
      }
      pending.push({ row, record: mapping.toRecord(fields) });
      if (pending.length >= batchSize) await flush();
    }
    if (pending.length > 0) await flush();
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    failure = `${file}: ${error.message}`;
  } finally {
    await target.close();
  }
  progress.finish(tally.imported + tally.rejected);
  io.out(
    `imported ${tally.imported} outcome(s) into ${target.description}; rejected ${tally.rejected}`,
  );
  for (const reason of tally.reasons) io.out(`  ${reason}`);
  if (tally.rejected > tally.reasons.length)
    io.out(`  … and ${tally.rejected - tally.reasons.length} more`);
  if (failure !== null) {
    io.err(`tokenledger import: ${failure}; rows before it were imported`);
    return 1;
  }
  return tally.rejected === 0 ? 0 : 2;
}

interface Tally {
  imported: number;
  rejected: number;
  reasons: string[];
}

function reject(tally: Tally, reason: string): void {
  tally.rejected += 1;
  if (tally.reasons.length < SHOWN_REASONS) tally.reasons.push(reason);
}

async function sendBatch(
  batch: readonly { row: number; record: Record<string, unknown> }[],
  target: OutcomeTarget,
  tally: Tally,
): Promise<void> {
  const recordName = (index: number) => `row ${batch[index]?.row ?? '?'}`;
  const parsed = parseOutcomes(
    batch.map((b) => b.record),
    { recordName },
  );
  const invalid = new Set(parsed.rejected.map((r) => r.index));
  const valid = batch.filter((_, index) => !invalid.has(index));
  for (const r of parsed.rejected) reject(tally, r.errors.join('; '));
  if (valid.length === 0) return;
  const stored = await target.send(
    parsed.outcomes,
    valid.map((b) => b.record),
  );
  tally.imported += stored.accepted;
  // Only a server of another version could disagree with the local validation.
  for (const r of stored.rejected)
    reject(tally, `row ${valid[r.index]?.row}: refused by the server: ${r.errors.join('; ')}`);
}

function parseMaps(entries: readonly string[]): ColumnMapping {
  const mapped: ColumnMapping = new Map();
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const field = entry.slice(0, eq);
    const column = entry.slice(eq + 1);
    if (eq < 1 || column === '' || !(OUTCOME_FIELDS as readonly string[]).includes(field)) {
      throw new UsageError(
        `--map takes field=column with field one of ${OUTCOME_FIELDS.join(', ')}; got ${JSON.stringify(entry)}`,
      );
    }
    mapped.set(field, column);
  }
  return mapped;
}
