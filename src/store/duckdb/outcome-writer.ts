/**
 * Appends outcome records in one committed transaction on a connection of their own, so outcome
 * writes never wait behind the step writer's group commits. Arrival order is a sequence number.
 * The same transaction brings `unit_outcomes` (each unit's current record) up to date.
 */
import { type DuckDBConnection, decimalValue, timestampNanosValue } from '@duckdb/node-api';
import type { Outcome } from '../../domain/index.js';
import { unitKeyOf } from './unit-key.js';

const COLUMNS = [
  'arrival_seq',
  'work_unit_id',
  'workflow',
  'status',
  'resolved_by',
  'human_minutes',
  'review_minutes',
  'correction_minutes',
  'overridden',
  'value_usd',
  'attributes',
  'occurred_at',
];

/** The latest of the records appended from `firstSeq` on replaces a unit's current one if later. */
function upsertCurrent(firstSeq: bigint): string {
  return `INSERT INTO unit_outcomes BY NAME
    SELECT * EXCLUDE (rn) FROM (
      SELECT *, row_number() OVER (PARTITION BY unit_key ORDER BY occurred_at DESC, arrival_seq DESC) AS rn
      FROM outcomes WHERE arrival_seq >= ${firstSeq}
    ) WHERE rn = 1
    ON CONFLICT (unit_key) DO UPDATE SET ${COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
    WHERE excluded.occurred_at > unit_outcomes.occurred_at
      OR (excluded.occurred_at = unit_outcomes.occurred_at AND excluded.arrival_seq > unit_outcomes.arrival_seq)`;
}

export class OutcomeWriter {
  private chain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly connection: DuckDBConnection,
    private nextSeq: bigint,
  ) {}

  static async open(connection: DuckDBConnection): Promise<OutcomeWriter> {
    const reader = await connection.runAndReadAll(
      'SELECT coalesce(max(arrival_seq), 0) FROM outcomes',
    );
    return new OutcomeWriter(connection, BigInt(reader.getRows()[0]?.[0] as bigint) + 1n);
  }

  /** Serialised: one transaction at a time on this connection. */
  insert(outcomes: readonly Outcome[]): Promise<{ inserted: number }> {
    const run = this.chain.then(() => this.write(outcomes));
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** After the writes already asked for. */
  async close(): Promise<void> {
    await this.chain;
    this.connection.closeSync();
  }

  private async write(outcomes: readonly Outcome[]): Promise<{ inserted: number }> {
    if (outcomes.length === 0) return { inserted: 0 };
    await this.connection.run('BEGIN TRANSACTION');
    try {
      const appender = await this.connection.createAppender('outcomes');
      let seq = this.nextSeq;
      for (const o of outcomes) {
        appender.appendBigInt(seq);
        seq += 1n;
        appender.appendVarchar(o.workUnitId);
        appender.appendVarchar(o.workflow);
        appender.appendVarchar(o.status);
        if (o.resolvedBy === null) appender.appendNull();
        else appender.appendVarchar(o.resolvedBy);
        appender.appendDouble(o.humanMinutes);
        if (o.reviewMinutes === null) appender.appendNull();
        else appender.appendDouble(o.reviewMinutes);
        if (o.correctionMinutes === null) appender.appendNull();
        else appender.appendDouble(o.correctionMinutes);
        appender.appendBoolean(o.overridden);
        if (o.valueFemto === null) appender.appendNull();
        else appender.appendDecimal(decimalValue(o.valueFemto, 38, 15));
        appender.appendVarchar(JSON.stringify(o.attributes));
        appender.appendTimestampNanoseconds(timestampNanosValue(o.occurredAtUnixNano));
        appender.appendUHugeInt(unitKeyOf(o.workflow, o.workUnitId));
        appender.endRow();
      }
      appender.closeSync();
      await this.connection.run(upsertCurrent(this.nextSeq));
      await this.connection.run('COMMIT');
      this.nextSeq = seq;
      return { inserted: outcomes.length };
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
  }
}
