/** Chunks filled straight into vector memory read back exactly through a real DuckDB appender. */
import { type DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { CHUNK_ROWS, type ChunkColumn, fillChunks } from './chunk-columns.js';

interface Row {
  id: string;
  kind: string | null;
  note: string | null;
  count: number | null;
  femto: bigint | null;
}

const COLUMNS: ChunkColumn<Row>[] = [
  { kind: 'unique', read: (r) => r.id },
  { kind: 'text', read: (r) => r.kind },
  { kind: 'unique', read: (r) => r.note },
  { kind: 'bigint', read: (r) => r.count },
  { kind: 'money', read: (r) => r.femto },
];

/** DuckDB's text of a DECIMAL(38,15): femto-dollars with all 15 decimals, e.g. -1 → -0.000000000000001. */
function decimal(femto: bigint | null): string | null {
  if (femto === null) return null;
  const digits = (femto < 0n ? -femto : femto).toString().padStart(16, '0');
  return `${femto < 0n ? '-' : ''}${digits.slice(0, -15)}.${digits.slice(-15)}`;
}

describe('fillChunks', () => {
  it('keeps repeated and long strings, NULLs, integers and femto-dollars exact across chunks', async () => {
    // Two full chunks and a partial one; kinds alternate among three values (one longer than
    // 12 bytes, so it lives in the vector's string heap), notes repeat in runs of three.
    const rows: Row[] = Array.from({ length: 2 * CHUNK_ROWS + 5 }, (_, i) => ({
      id: `span-${i.toString(16).padStart(16, '0')}`,
      kind: i % 7 === 0 ? null : (['llm', 'tool', 'a-kind-longer-than-twelve'][i % 3] ?? null),
      note: i % 11 === 0 ? null : `note ${Math.floor(i / 3)} of a trace, long enough for the heap`,
      count: i % 5 === 0 ? null : i * 1_000_003,
      // -0.000000000000001 USD up to about 41 million USD: beyond a double's 15-16 digits.
      femto: i % 13 === 0 ? null : BigInt(i) * 10_000_000_000_000_000_001n - 1n,
    }));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      'CREATE TABLE t (id VARCHAR, kind VARCHAR, note VARCHAR, count BIGINT, cost DECIMAL(38, 15))',
    );
    const appender = await connection.createAppender('t');
    const chunks = fillChunks(rows, COLUMNS);
    expect(chunks.map((chunk) => chunk.rowCount)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 5]);
    for (const chunk of chunks) appender.appendDataChunk(chunk);
    appender.flushSync();
    const reader = await connection.runAndReadAll(
      'SELECT id, kind, note, count, cost::VARCHAR FROM t ORDER BY id',
    );
    expect(reader.getRowsJS()).toEqual(
      rows.map((r) => [
        r.id,
        r.kind,
        r.note,
        r.count === null ? null : BigInt(r.count),
        decimal(r.femto),
      ]),
    );
    connection.closeSync();
    instance.closeSync();
  });

  it('refills pooled chunks without leaking the previous rows, NULLs or strings', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      'CREATE TABLE t (id VARCHAR, kind VARCHAR, note VARCHAR, count BIGINT, cost DECIMAL(38, 15))',
    );
    const appender = await connection.createAppender('t');
    const pool: DuckDBDataChunk[] = [];
    // First fill: every value NULL but the id. Second fill, fewer rows: every value present.
    const first: Row[] = Array.from({ length: 3000 }, (_, i) => ({
      id: `a${i}`,
      kind: null,
      note: null,
      count: null,
      femto: null,
    }));
    const second: Row[] = Array.from({ length: 5 }, (_, i) => ({
      id: `b${i}`,
      kind: 'llm',
      note: `n${i}`,
      count: i,
      femto: BigInt(i),
    }));
    for (const rows of [first, second]) {
      for (const chunk of fillChunks(rows, COLUMNS, pool)) appender.appendDataChunk(chunk);
      appender.flushSync();
    }
    expect(pool).toHaveLength(2);
    const reader = await connection.runAndReadAll(
      "SELECT id, kind, note, count, cost::VARCHAR FROM t WHERE id LIKE 'b%' ORDER BY id",
    );
    expect(reader.getRowsJS()).toEqual(
      second.map((r) => [r.id, r.kind, r.note, BigInt(r.count ?? 0), decimal(r.femto)]),
    );
    const total = await connection.runAndReadAll('SELECT count(*), count(kind) FROM t');
    expect(total.getRowsJS()).toEqual([[3005n, 5n]]);
    connection.closeSync();
    instance.closeSync();
  });

  it('stores UTF-8 bytes in a text column as the same text as the string', async () => {
    // Bytes of a shared buffer (as the step writer's attribute JSON): each row its own slice,
    // multi-byte characters included, beside a NULL and a short inline string.
    const texts = ['{"a":"café ☕"}', 'x', `{"long":"${'é'.repeat(40)}"}`];
    const buffer = Buffer.from(texts.join(''));
    const ends = texts.map((_, i) => Buffer.byteLength(texts.slice(0, i + 1).join('')));
    const rows = [...texts, null].map((text, i) => ({
      id: `r${i}`,
      bytes: text === null ? null : buffer.subarray(ends[i - 1] ?? 0, ends[i]),
    }));
    const columns: ChunkColumn<(typeof rows)[number]>[] = [
      { kind: 'unique', read: (r) => r.id },
      { kind: 'unique', read: (r) => r.bytes },
    ];
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run('CREATE TABLE t (id VARCHAR, body VARCHAR)');
    const appender = await connection.createAppender('t');
    for (const chunk of fillChunks(rows, columns)) appender.appendDataChunk(chunk);
    appender.flushSync();
    const reader = await connection.runAndReadAll('SELECT body FROM t ORDER BY id');
    expect(reader.getRowsJS()).toEqual([...texts, null].map((text) => [text]));
    expect(() =>
      fillChunks([{ count: buffer }], [{ kind: 'bigint', read: (r) => r.count }]),
    ).toThrow(/bigint column cannot take bytes/);
    connection.closeSync();
    instance.closeSync();
  });

  it('refuses a value its column cannot hold instead of wrapping it', () => {
    const row: Row = { id: 'x', kind: null, note: null, count: null, femto: 10n ** 38n };
    expect(() => fillChunks([row], COLUMNS)).toThrow(/out of range for a money column/);
    expect(() => fillChunks([{ ...row, femto: null, count: 2 ** 64 }], COLUMNS)).toThrow(
      /out of range for a bigint column/,
    );
  });
});
