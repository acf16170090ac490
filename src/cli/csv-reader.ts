/**
 * A streaming RFC 4180 reader: quoted fields with embedded commas, doubled quotes and line breaks;
 * CRLF, LF or CR record ends; a leading UTF-8 BOM; blank lines skipped. Yields each record's fields.
 */

export class CsvError extends Error {
  override name = 'CsvError';
}

type State = 'fieldStart' | 'unquoted' | 'quoted' | 'quoteInQuoted' | 'afterCr';

export async function* readCsvRecords(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let state: State = 'fieldStart';
  let field = '';
  let record: string[] = [];
  let fieldWasQuoted = false;
  let records = 0;
  let first = true;
  const endRecord = (): string[] | null => {
    record.push(field);
    const done = record;
    const blank = done.length === 1 && done[0] === '' && !fieldWasQuoted;
    record = [];
    field = '';
    fieldWasQuoted = false;
    if (blank) return null;
    records += 1;
    return done;
  };
  for await (const raw of chunks) {
    const chunk = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    const out: string[][] = [];
    let i = 0;
    while (i < chunk.length) {
      const ch = chunk[i];
      if (state === 'afterCr') {
        state = 'fieldStart';
        if (ch === '\n') i += 1;
        continue;
      }
      if (state === 'quoted') {
        const close = chunk.indexOf('"', i);
        if (close === -1) {
          field += chunk.slice(i);
          break;
        }
        field += chunk.slice(i, close);
        state = 'quoteInQuoted';
        i = close + 1;
        continue;
      }
      if (state === 'quoteInQuoted') {
        if (ch === '"') {
          field += '"';
          state = 'quoted';
          i += 1;
          continue;
        }
        // A character after a closing quote other than a separator: kept literally (lenient).
        state = 'unquoted';
      }
      if (state === 'fieldStart' && ch === '"') {
        state = 'quoted';
        fieldWasQuoted = true;
        i += 1;
        continue;
      }
      let j = i;
      while (j < chunk.length) {
        const c = chunk[j];
        if (c === ',' || c === '\n' || c === '\r') break;
        j += 1;
      }
      field += chunk.slice(i, j);
      if (j === chunk.length) {
        state = 'unquoted';
        break;
      }
      if (chunk[j] === ',') {
        record.push(field);
        field = '';
        fieldWasQuoted = false;
        state = 'fieldStart';
      } else {
        const done = endRecord();
        if (done) out.push(done);
        state = chunk[j] === '\r' ? 'afterCr' : 'fieldStart';
      }
      i = j + 1;
    }
    yield* out;
  }
  if (state === 'quoted') {
    throw new CsvError(
      `record ${records + 1}: a quoted field is not closed before the end of file`,
    );
  }
  if (field !== '' || record.length > 0 || fieldWasQuoted) {
    const done = endRecord();
    if (done) yield done;
  }
}
