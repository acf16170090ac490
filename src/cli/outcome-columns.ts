/**
 * Maps CSV columns to outcome record fields for `import outcomes`: by `--map field=column`, else a
 * column named like the field (`workUnitId` or `work_unit_id`); every other column is an attribute.
 */
import { UsageError } from './cli-io.js';

export const OUTCOME_FIELDS = [
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

/** field → column, as given by `--map`. */
export type ColumnMapping = Map<string, string>;

const NUMERIC = new Set(['humanMinutes', 'reviewMinutes', 'correctionMinutes']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TRUE = /^(true|yes|y|1)$/i;
const FALSE = /^(false|no|n|0)$/i;
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface CsvOutcomeMapping {
  /** A record for the validator: typed cells for numeric and boolean fields, empty cells left out. */
  toRecord(cells: readonly string[]): Record<string, unknown>;
}

export function mapColumns(
  header: readonly string[],
  mapped: ColumnMapping,
  defaultWorkflow: string | undefined,
): CsvOutcomeMapping {
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column))
      throw new UsageError(`the header names column ${JSON.stringify(column)} twice`);
    seen.add(column);
  }
  const fieldAt: (string | null)[] = header.map(() => null);
  for (const field of OUTCOME_FIELDS) {
    const wanted = mapped.get(field);
    const index =
      wanted === undefined
        ? header.findIndex((h) => h === field || h.toLowerCase() === snake(field))
        : header.indexOf(wanted);
    if (wanted !== undefined && index === -1) {
      throw new UsageError(
        `--map ${field}=${wanted}: no column ${JSON.stringify(wanted)} in the header (${header.join(', ')})`,
      );
    }
    if (index !== -1) fieldAt[index] = field;
  }
  return {
    toRecord(cells) {
      const record: Record<string, unknown> = {};
      const attributes: Record<string, string> = {};
      cells.forEach((cell, i) => {
        if (cell === '') return;
        const field = fieldAt[i];
        if (field === null || field === undefined)
          attributes[header[i] ?? `column ${i + 1}`] = cell;
        else record[field] = typed(field, cell);
      });
      if (record.workflow === undefined && defaultWorkflow !== undefined)
        record.workflow = defaultWorkflow;
      if (Object.keys(attributes).length > 0) record.attributes = attributes;
      return record;
    },
  };
}

function typed(field: string, cell: string): unknown {
  const text = cell.trim();
  if (NUMERIC.has(field)) return NUMBER.test(text) ? Number(text) : cell;
  if (field === 'overridden') return TRUE.test(text) ? true : FALSE.test(text) ? false : cell;
  return field === 'valueUsd' || field === 'occurredAt' ? text : cell;
}
