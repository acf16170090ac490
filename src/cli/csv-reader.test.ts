import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-reader.js';

async function read(...chunks: string[]): Promise<string[][]> {
  const records: string[][] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const record of readCsvRecords(source())) records.push(record);
  return records;
}

describe('readCsvRecords', () => {
  it('reads quoted commas, doubled quotes, line breaks in fields, CRLF and a BOM', async () => {
    expect(await read('\uFEFFid,note\r\n1,"a, ""quoted"" b"\r\n2,"two\nlines"\n3,\n')).toEqual([
      ['id', 'note'],
      ['1', 'a, "quoted" b'],
      ['2', 'two\nlines'],
      ['3', ''],
    ]);
  });

  it('handles records split across chunks and a last line without a newline', async () => {
    expect(await read('id,na', 'me\n"x', '""y",z\n4,last')).toEqual([
      ['id', 'name'],
      ['x"y', 'z'],
      ['4', 'last'],
    ]);
  });
});
