/**
 * The trace index's Bloom filter of every stored trace id, kept in the database (`trace_bloom`,
 * migration 0010). Reading every stored trace id took ~3-4 s per start at a million traces, most
 * of it before the server listened; a start now loads the kept bits and adds only the trace ids of
 * the roll-up parts numbered after them. Every write appends a part per trace it touched in the
 * same transaction as its steps, so the filter misses no stored trace even when the process was
 * killed after the filter was kept. The filter is kept after a rebuild at open and at close.
 */
import { blobValue, DuckDBBlobValue, type DuckDBConnection } from '@duckdb/node-api';
import { BLOOM_FORMAT, BloomFilter } from '../bloom-filter.js';
import type { TraceIndex } from '../trace-index.js';

/** How the filter was brought up to date at open, for tests and logs. */
export interface BloomLoad {
  source: 'kept' | 'rebuilt';
  /** Trace ids read from the store to get there. */
  traceIds: number;
  ms: number;
  /** The ids the kept filter holds (`BloomFilter.size`), or null when none was kept. */
  keptSize: number | null;
}

/** Adds every trace id `sql` streams to `bloom`; returns how many. */
async function addTraceIds(
  connection: DuckDBConnection,
  sql: string,
  bloom: BloomFilter,
): Promise<number> {
  let added = 0;
  const result = await connection.stream(sql);
  for (let chunk = await result.fetchChunk(); chunk; chunk = await result.fetchChunk()) {
    if (chunk.rowCount === 0) break;
    for (const traceId of chunk.getColumnValues(0)) bloom.add(String(traceId));
    added += chunk.rowCount;
  }
  return added;
}

/** Rebuilds the index's Bloom filter from every stored trace id; returns how many. */
export async function rebuildBloomFromStore(
  connection: DuckDBConnection,
  index: TraceIndex,
): Promise<number> {
  const estimate = await connection.runAndReadAll(
    'SELECT approx_count_distinct(trace_id) FROM steps',
  );
  const bloom = index.startBloomRebuild(Number(estimate.getRows()[0]?.[0] ?? 0));
  const added = await addTraceIds(connection, 'SELECT DISTINCT trace_id FROM steps', bloom);
  index.finishBloomRebuild(bloom);
  return added;
}

/** The kept filter and the part it covers up to, when it can serve this index. */
async function readKept(
  connection: DuckDBConnection,
  index: TraceIndex,
): Promise<{ bloom: BloomFilter; partSeq: bigint } | null> {
  const row = (
    await connection.runAndReadAll(
      'SELECT format, part_seq, capacity, false_positive_rate, added, bits FROM trace_bloom',
    )
  ).getRows()[0];
  if (!row) return null;
  const [format, partSeq, capacity, rate, added, bits] = row;
  if (format !== BLOOM_FORMAT || rate !== index.falsePositiveRate) return null;
  if (typeof partSeq !== 'bigint' || !(bits instanceof DuckDBBlobValue)) return null;
  const bloom = BloomFilter.fromBytes(
    Number(capacity),
    index.falsePositiveRate,
    Number(added),
    bits.bytes,
  );
  return bloom === null ? null : { bloom, partSeq };
}

/**
 * At open: the kept filter plus the trace ids of later parts, or a rebuild from every stored
 * trace id when there is none, it cannot serve, or it has outgrown its capacity — then kept, unless
 * `keep` is false (an in-memory store has no next open).
 */
export async function loadBloom(
  connection: DuckDBConnection,
  index: TraceIndex,
  keep: boolean,
): Promise<BloomLoad> {
  const started = performance.now();
  const kept = await readKept(connection, index);
  if (kept !== null) {
    const keptSize = kept.bloom.size;
    const traceIds = await addTraceIds(
      connection,
      `SELECT DISTINCT trace_id FROM trace_parts WHERE part_seq > ${kept.partSeq}`,
      kept.bloom,
    );
    if (!kept.bloom.isOverCapacity) {
      index.finishBloomRebuild(kept.bloom);
      return { source: 'kept', traceIds, ms: performance.now() - started, keptSize };
    }
  }
  const traceIds = await rebuildBloomFromStore(connection, index);
  if (keep) await keepBloom(connection, index);
  const keptSize = keep ? index.bloomFilter.size : null;
  return { source: 'rebuilt', traceIds, ms: performance.now() - started, keptSize };
}

/**
 * Keeps the index's filter with the last part number it covers. Call it with no write in flight
 * (at open, at close): a part committed after the filter was read would be skipped at the next open.
 */
export async function keepBloom(connection: DuckDBConnection, index: TraceIndex): Promise<void> {
  const bloom = index.bloomFilter;
  await connection.run('BEGIN TRANSACTION');
  try {
    await connection.run('DELETE FROM trace_bloom');
    await connection.run(
      `INSERT INTO trace_bloom SELECT $1, coalesce(max(part_seq), 0), $2, $3, $4, $5 FROM trace_parts`,
      [
        BLOOM_FORMAT,
        bloom.capacity,
        bloom.falsePositiveRate,
        bloom.size,
        blobValue(bloom.toBytes()),
      ],
    );
    await connection.run('COMMIT');
  } catch (error) {
    await connection.run('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
