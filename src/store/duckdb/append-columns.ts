/** Bulk appends column-major values through the DuckDB Appender, one data chunk at a time. */
import {
  type DuckDBConnection,
  DuckDBDataChunk,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';

/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;

/** Appends to `table`; `temp` selects the connection's temporary catalog. */
export async function appendColumns(
  connection: DuckDBConnection,
  table: string,
  types: readonly DuckDBType[],
  columns: readonly (readonly DuckDBValue[])[],
  temp: boolean,
): Promise<void> {
  const rowCount = columns[0]?.length ?? 0;
  if (rowCount === 0) return;
  const appender = await connection.createAppender(table, 'main', temp ? 'temp' : null);
  const chunk = DuckDBDataChunk.create([...types]);
  for (let offset = 0; offset < rowCount; offset += CHUNK_ROWS) {
    chunk.setColumns(columns.map((column) => column.slice(offset, offset + CHUNK_ROWS)));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}
