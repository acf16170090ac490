/**
 * The DuckDB outcome store: appends records to `outcomes` (migration 0002) through an appender on a
 * write connection of its own, group-committing concurrent calls, and reads each unit's latest
 * record by `arg_max` over (occurred_at, arrival_seq) on a separate read connection.
 */
import {
  type DuckDBConnection,
  DuckDBDecimalValue,
  type DuckDBInstance,
  type DuckDBValue,
  decimalValue,
  listValue,
  timestampNanosValue,
} from '@duckdb/node-api';
import type { Outcome } from '../../domain/index.js';
import type { LatestOutcomeFilter, OutcomeStore } from '../outcome-store.js';

interface PendingWrite {
  records: readonly Outcome[];
  resolve: (result: { inserted: number }) => void;
  reject: (error: unknown) => void;
}

// One aggregate per unit beats a row_number() window here: no sort of the whole table (see report).
const LATEST_SQL = `
  SELECT workflow, work_unit_id, latest.* FROM (
    SELECT workflow, work_unit_id,
      arg_max({status: status, resolved_by: resolved_by, human_minutes: human_minutes,
               review_minutes: review_minutes, correction_minutes: correction_minutes,
               overridden: overridden, value_usd: value_usd, attributes: attributes,
               occurred_ns: epoch_ns(occurred_at)}, (occurred_at, arrival_seq)) AS latest
    FROM outcomes WHERE_CLAUSE GROUP BY workflow, work_unit_id
  ) ORDER BY workflow, work_unit_id`;

export class DuckDbOutcomeStore implements OutcomeStore {
  private queue: PendingWrite[] = [];
  private draining: Promise<void> | null = null;
  private closed = false;

  private constructor(
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private nextSeq: bigint,
  ) {}

  /** Opens two connections on `instance`, whose `outcomes` table must exist (migrations applied). */
  static async open(instance: DuckDBInstance): Promise<DuckDbOutcomeStore> {
    const writer = await instance.connect();
    const reader = await instance.connect();
    const max = await reader.runAndReadAll('SELECT coalesce(max(arrival_seq), 0) FROM outcomes');
    return new DuckDbOutcomeStore(writer, reader, BigInt(max.getRows()[0]?.[0] as bigint) + 1n);
  }

  insertOutcomes(records: readonly Outcome[]): Promise<{ inserted: number }> {
    if (this.closed) return Promise.reject(new Error('outcome store is closed'));
    if (records.length === 0) return Promise.resolve({ inserted: 0 });
    return new Promise((resolve, reject) => {
      this.queue.push({ records, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  async latestOutcomes(filter: LatestOutcomeFilter = {}): Promise<Outcome[]> {
    if (filter.workUnitIds?.length === 0) return [];
    const where: string[] = [];
    const params: DuckDBValue[] = [];
    if (filter.workflow !== undefined) {
      params.push(filter.workflow);
      where.push(`workflow = $${params.length}`);
    }
    if (filter.workUnitIds !== undefined) {
      params.push(listValue([...filter.workUnitIds]));
      where.push(`list_contains($${params.length}::VARCHAR[], work_unit_id)`);
    }
    const clause = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
    const result = await this.reader.runAndReadAll(
      LATEST_SQL.replace('WHERE_CLAUSE', clause),
      params,
    );
    return toOutcomes(result.getColumns());
  }

  async countOutcomes(): Promise<number> {
    const result = await this.reader.runAndReadAll('SELECT count(*) FROM outcomes');
    return Number(result.getRows()[0]?.[0] ?? 0);
  }

  /** Waits for queued writes, then releases both connections. Further calls fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    this.writer.closeSync();
    this.reader.closeSync();
  }

  // Calls that arrive while a transaction is open wait and then share the next one.
  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await this.write(batch);
        for (const pending of batch) pending.resolve({ inserted: pending.records.length });
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    this.draining = null;
  }

  private async write(batch: readonly PendingWrite[]): Promise<void> {
    let seq = this.nextSeq;
    await this.writer.run('BEGIN TRANSACTION');
    try {
      const appender = await this.writer.createAppender('outcomes');
      for (const { records } of batch) {
        for (const o of records) {
          appender.appendBigInt(seq);
          seq += 1n;
          appender.appendVarchar(o.workUnitId);
          appender.appendVarchar(o.workflow);
          appender.appendVarchar(o.status);
          appendNullable(o.resolvedBy, (v) => appender.appendVarchar(v), appender);
          appender.appendDouble(o.humanMinutes);
          appendNullable(o.reviewMinutes, (v) => appender.appendDouble(v), appender);
          appendNullable(o.correctionMinutes, (v) => appender.appendDouble(v), appender);
          appender.appendBoolean(o.overridden);
          appendNullable(
            o.valueFemto,
            (v) => appender.appendDecimal(decimalValue(v, 38, 15)),
            appender,
          );
          appender.appendVarchar(JSON.stringify(o.attributes));
          appender.appendTimestampNanoseconds(timestampNanosValue(o.occurredAtUnixNano));
          appender.endRow();
        }
      }
      appender.closeSync();
      await this.writer.run('COMMIT');
      this.nextSeq = seq;
    } catch (error) {
      await this.writer.run('ROLLBACK');
      throw error;
    }
  }
}

function appendNullable<T>(
  value: T | null,
  append: (value: T) => void,
  appender: { appendNull(): void },
): void {
  if (value === null) appender.appendNull();
  else append(value);
}

// Column-wise: @duckdb/node-api converts values per column ~3x faster than per row.
function toOutcomes(columns: DuckDBValue[][]): Outcome[] {
  const [workflow, unit, status, resolvedBy, human, review, correction, overridden] = columns;
  const [, , , , , , , , value, attributes, occurredNs] = columns;
  const outcomes: Outcome[] = new Array(workflow?.length ?? 0);
  for (let i = 0; i < outcomes.length; i++) {
    const by = resolvedBy?.[i] ?? null;
    const reviewed = review?.[i] ?? null;
    const corrected = correction?.[i] ?? null;
    const femto = value?.[i];
    outcomes[i] = {
      workUnitId: String(unit?.[i]),
      workflow: String(workflow?.[i]),
      status: String(status?.[i]) as Outcome['status'],
      resolvedBy: by === null ? null : (String(by) as Outcome['resolvedBy']),
      humanMinutes: Number(human?.[i]),
      reviewMinutes: reviewed === null ? null : Number(reviewed),
      correctionMinutes: corrected === null ? null : Number(corrected),
      overridden: overridden?.[i] === true,
      // DECIMAL(38,15) holds femto-dollars as its unscaled integer: no float on the way.
      valueFemto: femto instanceof DuckDBDecimalValue ? femto.value : null,
      attributes: JSON.parse(String(attributes?.[i])) as Record<string, string>,
      occurredAtUnixNano: BigInt(occurredNs?.[i] as bigint),
    };
  }
  return outcomes;
}
