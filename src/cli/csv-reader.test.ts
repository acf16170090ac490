import { describe, expect, it } from 'vitest';
import { CsvError, readCsvRecords } from './csv-reader.js';

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
    expect(await read('\uFEFFid,note\r\n1,"a, ""quoted"" b"\r\n2,"two\r\nlines"\n3,\n')).toEqual([
      ['id', 'note'],
      ['1', 'a, "quoted" b'],
      ['2', 'two\r\nlines'],
      ['3', ''],
    ]);
  });

  it('handles records split across chunks anywhere, and a last line without a newline', async () => {
    const text = 'id,name\r\n"x""y",z\r\n4,"la\nst"';
    const whole = await read(text);
    expect(whole).toEqual([
      ['id', 'name'],
      ['x"y', 'z'],
      ['4', 'la\nst'],
    ]);
    for (let cut = 1; cut < text.length; cut++) {
      expect(await read(text.slice(0, cut), text.slice(cut))).toEqual(whole);
    }
    expect(await read(...text.split(''))).toEqual(whole);
  });

  it('keeps a quote inside an unquoted field literally, skips blank lines, reads CR-only ends', async () => {
    expect(await read('size,label\n\n5" screen,a\r\r\n"",b\r7,c')).toEqual([
      ['size', 'label'],
      ['5" screen', 'a'],
      ['', 'b'],
      ['7', 'c'],
    ]);
  });

  it('keeps empty fields, including a quoted empty last field', async () => {
    expect(await read(',,\n""')).toEqual([['', '', ''], ['']]);
  });

  it('fails on a quoted field left open at the end of the file, naming the record', async () => {
    await expect(read('a,b\n1,"open\n')).rejects.toThrow(CsvError);
    await expect(read('a,b\n1,"open\n')).rejects.toThrow(/record 2: a quoted field is not closed/);
  });
});
