/**
 * Validation of incoming outcome records (JSON array, one object, NDJSON or CSV rows) into
 * `Outcome`s. Each invalid record is rejected with errors naming the record, its work unit when
 * known, the field and the rule; the caller keeps the valid ones (policy: src/server/routes/outcomes.ts).
 */
import { z } from 'zod';
import { OUTCOME_STATUSES, type Outcome, RESOLVERS, usdToFemto } from '../domain/index.js';
import { parseOccurredAt } from './occurred-at.js';
import { formatIssue } from './outcome-issues.js';

const MAX_MINUTES = 1_000_000;
const MAX_USD = 10n ** 23n;

const text = (max: number) =>
  z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const minutes = z
  .number()
  .min(0, 'must be ≥ 0')
  .lt(MAX_MINUTES, `must be below ${MAX_MINUTES}`)
  .nullish();

const recordSchema = z
  .strictObject({
    workUnitId: text(256),
    workflow: text(128),
    status: z.enum(OUTCOME_STATUSES),
    resolvedBy: z.enum(RESOLVERS).nullish(),
    humanMinutes: minutes,
    reviewMinutes: minutes,
    correctionMinutes: minutes,
    overridden: z.boolean().nullish(),
    valueUsd: z.union([z.number(), z.string()]).nullish(),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
    occurredAt: z.union([z.string(), z.number()]).nullish(),
  })
  .superRefine((r, ctx) => {
    const fail = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: path.split('.'), message });
    if (r.status === 'resolved' && (r.resolvedBy ?? null) === null) {
      fail('resolvedBy', `is required when status is resolved (one of ${RESOLVERS.join(', ')})`);
    }
    const hasParts = r.reviewMinutes != null || r.correctionMinutes != null;
    const parts = (r.reviewMinutes ?? 0) + (r.correctionMinutes ?? 0);
    if (r.humanMinutes != null && hasParts && Math.abs(r.humanMinutes - parts) > 1e-9) {
      fail(
        'humanMinutes',
        `must equal reviewMinutes + correctionMinutes (${parts}) when both are given; got ${r.humanMinutes}`,
      );
    }
    if (r.valueUsd != null) {
      const problem = valueProblem(r.valueUsd);
      if (problem) fail('valueUsd', problem);
    }
    if (r.occurredAt != null) {
      const parsed = parseOccurredAt(r.occurredAt);
      if (typeof parsed === 'string') fail('occurredAt', parsed);
    }
    const entries = Object.entries(r.attributes ?? {});
    if (entries.length > 64) fail('attributes', `must have at most 64 keys; got ${entries.length}`);
    for (const [key, value] of entries) {
      if (key === '' || key.length > 128) fail('attributes', 'keys must be 1 to 128 characters');
      if (String(value).length > 512)
        fail(`attributes.${key}`, `must be at most 512 characters; got ${String(value).length}`);
    }
  });

export interface RejectedOutcome {
  /** 0-based position of the record in the request (NDJSON: among its non-blank lines). */
  index: number;
  workUnitId: string | null;
  errors: string[];
}

export interface ParsedOutcomes {
  outcomes: Outcome[];
  rejected: RejectedOutcome[];
}

export interface ParseOutcomeOptions {
  /** The time given to records without `occurredAt`: the server's time at receipt. */
  now?: Date;
  /** How errors name a record: `record 3` by default, `row 5` for CSV, `record 2 (line 4)`. */
  recordName?: (index: number) => string;
}

/** Validates each record; the valid ones become `Outcome`s in their original order. */
export function parseOutcomes(
  records: readonly unknown[],
  options: ParseOutcomeOptions = {},
): ParsedOutcomes {
  const nowNano = BigInt((options.now ?? new Date()).getTime()) * 1_000_000n;
  const recordName = options.recordName ?? ((index: number) => `record ${index}`);
  const outcomes: Outcome[] = [];
  const rejected: RejectedOutcome[] = [];
  records.forEach((record, index) => {
    const parsed = recordSchema.safeParse(record);
    if (parsed.success) {
      outcomes.push(toOutcome(parsed.data, nowNano));
      return;
    }
    const id = (record as { workUnitId?: unknown } | null)?.workUnitId;
    const workUnitId = typeof id === 'string' && id !== '' ? id : null;
    const who = `${recordName(index)}${workUnitId === null ? '' : ` (workUnitId ${JSON.stringify(workUnitId)})`}`;
    const errors = parsed.error.issues.flatMap((issue) => formatIssue(issue, record));
    rejected.push({ index, workUnitId, errors: errors.map((e) => `${who}: ${e}`) });
  });
  return { outcomes, rejected };
}

/**
 * Validates a request body: a JSON array of records or one object (`json`), or one record per
 * line (`ndjson`, where a line that is not JSON is one invalid record). Throws a SyntaxError when
 * a `json` body does not parse, since its records cannot then be told apart.
 */
export function parseOutcomeBody(
  body: string,
  format: 'json' | 'ndjson',
  options: Omit<ParseOutcomeOptions, 'recordName'> = {},
): ParsedOutcomes {
  if (format === 'json') {
    const json: unknown = JSON.parse(body);
    return parseOutcomes(Array.isArray(json) ? json : [json], options);
  }
  const lines: number[] = [];
  const records: unknown[] = [];
  const unreadable = new Map<number, string>();
  body.split('\n').forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    lines.push(lineIndex + 1);
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      unreadable.set(records.length, (error as Error).message);
      records.push(undefined);
    }
  });
  const recordName = (index: number) => `record ${index} (line ${lines[index]})`;
  const parsed = parseOutcomes(records, { ...options, recordName });
  const rejected = parsed.rejected.map((r) => {
    const reason = unreadable.get(r.index);
    return reason === undefined
      ? r
      : { ...r, errors: [`${recordName(r.index)}: not a JSON value (${reason})`] };
  });
  return { outcomes: parsed.outcomes, rejected };
}

type ValidRecord = z.infer<typeof recordSchema>;

function toOutcome(r: ValidRecord, nowNano: bigint): Outcome {
  const hasParts = r.reviewMinutes != null || r.correctionMinutes != null;
  const occurred = r.occurredAt == null ? nowNano : parseOccurredAt(r.occurredAt);
  return {
    workUnitId: r.workUnitId,
    workflow: r.workflow,
    status: r.status,
    resolvedBy: r.resolvedBy ?? null,
    humanMinutes: r.humanMinutes ?? (r.reviewMinutes ?? 0) + (r.correctionMinutes ?? 0),
    reviewMinutes: hasParts ? (r.reviewMinutes ?? 0) : null,
    correctionMinutes: hasParts ? (r.correctionMinutes ?? 0) : null,
    overridden: r.overridden ?? false,
    valueFemto: r.valueUsd == null ? null : usdToFemto(r.valueUsd),
    attributes: Object.fromEntries(
      Object.entries(r.attributes ?? {}).map(([key, value]) => [key, String(value)]),
    ),
    occurredAtUnixNano: typeof occurred === 'bigint' ? occurred : nowNano,
  };
}

function valueProblem(value: number | string): string | null {
  const got = `got ${JSON.stringify(value)}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `must be finite; ${got}`;
  let femto: bigint;
  try {
    femto = usdToFemto(value);
  } catch {
    return `must be a decimal amount in USD such as 12.5 or "0.0035"; ${got}`;
  }
  if (femto < 0n) return `must be ≥ 0; ${got}`;
  if (femto >= MAX_USD * 1_000_000_000_000_000n) return `must be below 1e23; ${got}`;
  return null;
}
