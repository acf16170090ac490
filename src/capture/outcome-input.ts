/**
 * Validation of incoming outcome records (JSON array, single object or NDJSON). Each invalid
 * record gets errors naming its index, its work unit when known, the field and the rule; the
 * valid records of a request are kept (see the README's outcomes policy).
 */
import { z } from 'zod';
import { OUTCOME_STATUSES, type Outcome, RESOLVERS, usdToFemto } from '../domain/index.js';

const minutes = z.number().nonnegative('must be ≥ 0').lt(1_000_000, 'must be below 1,000,000');
const scalar = z.union([
  z.string().max(512, 'must be at most 512 characters'),
  z.number(),
  z.boolean(),
]);

const recordSchema = z
  .object({
    workUnitId: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
    workflow: z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'),
    status: z.enum(OUTCOME_STATUSES, { error: `must be one of ${OUTCOME_STATUSES.join(', ')}` }),
    resolvedBy: z.enum(RESOLVERS, { error: `must be one of ${RESOLVERS.join(', ')}` }).optional(),
    humanMinutes: minutes.optional(),
    reviewMinutes: minutes.optional(),
    correctionMinutes: minutes.optional(),
    overridden: z.boolean().optional(),
    valueUsd: z
      .union([z.number(), z.string()])
      .refine(
        (v) => /^\d+(\.\d+)?$/.test(String(v).trim()),
        'must be a non-negative decimal amount',
      )
      .optional(),
    attributes: z
      .record(z.string(), scalar)
      .refine((a) => Object.keys(a).length <= 64, 'must have at most 64 keys')
      .optional(),
    occurredAt: z
      .union([z.string(), z.number()])
      .refine(
        (v) => !Number.isNaN(typeof v === 'number' ? v : Date.parse(v)),
        'must be an ISO-8601 time or epoch milliseconds',
      )
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.status === 'resolved' && r.resolvedBy === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['resolvedBy'],
        message: 'is required when status is resolved',
      });
    }
    const parts = (r.reviewMinutes ?? 0) + (r.correctionMinutes ?? 0);
    const hasParts = r.reviewMinutes !== undefined || r.correctionMinutes !== undefined;
    if (r.humanMinutes !== undefined && hasParts && Math.abs(r.humanMinutes - parts) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['humanMinutes'],
        message: `must equal reviewMinutes + correctionMinutes (${parts}) when both are given`,
      });
    }
  });

export interface RejectedOutcome {
  index: number;
  workUnitId: string | null;
  errors: string[];
}

export interface ParsedOutcomes {
  outcomes: Outcome[];
  rejected: RejectedOutcome[];
}

/** Splits a request body into records: a JSON array, one JSON object, or NDJSON lines. */
export function splitOutcomeBody(
  text: string,
  ndjson: boolean,
): { records: unknown[]; rejected: RejectedOutcome[] } {
  if (!ndjson) {
    const json: unknown = JSON.parse(text);
    return { records: Array.isArray(json) ? json : [json], rejected: [] };
  }
  const records: unknown[] = [];
  const rejected: RejectedOutcome[] = [];
  text.split('\n').forEach((line, lineIndex) => {
    if (line.trim() === '') return;
    try {
      records.push(JSON.parse(line));
    } catch (error) {
      rejected.push({
        index: lineIndex,
        workUnitId: null,
        errors: [`line ${lineIndex + 1}: not JSON (${(error as Error).message})`],
      });
    }
  });
  return { records, rejected };
}

export function parseOutcomes(records: readonly unknown[], now: Date = new Date()): ParsedOutcomes {
  const outcomes: Outcome[] = [];
  const rejected: RejectedOutcome[] = [];
  records.forEach((record, index) => {
    const parsed = recordSchema.safeParse(record);
    if (!parsed.success) {
      const id = (record as { workUnitId?: unknown } | null)?.workUnitId;
      const workUnitId = typeof id === 'string' ? id : null;
      const who =
        workUnitId === null
          ? `record ${index}`
          : `record ${index} (workUnitId ${JSON.stringify(workUnitId)})`;
      rejected.push({
        index,
        workUnitId,
        errors: parsed.error.issues.map(
          (issue) => `${who}: ${issue.path.join('.') || '(record)'}: ${describe(issue)}`,
        ),
      });
      return;
    }
    const r = parsed.data;
    const hasParts = r.reviewMinutes !== undefined || r.correctionMinutes !== undefined;
    const occurred =
      r.occurredAt === undefined
        ? now.getTime()
        : typeof r.occurredAt === 'number'
          ? r.occurredAt
          : Date.parse(r.occurredAt);
    outcomes.push({
      workUnitId: r.workUnitId,
      workflow: r.workflow,
      status: r.status,
      resolvedBy: r.resolvedBy ?? null,
      humanMinutes: r.humanMinutes ?? (r.reviewMinutes ?? 0) + (r.correctionMinutes ?? 0),
      reviewMinutes: hasParts ? (r.reviewMinutes ?? 0) : null,
      correctionMinutes: hasParts ? (r.correctionMinutes ?? 0) : null,
      overridden: r.overridden ?? false,
      valueFemto: r.valueUsd === undefined ? null : usdToFemto(String(r.valueUsd)),
      attributes: Object.fromEntries(
        Object.entries(r.attributes ?? {}).map(([k, v]) => [k, String(v)]),
      ),
      occurredAtUnixNano: BigInt(Math.round(occurred)) * 1_000_000n,
    });
  });
  return { outcomes, rejected };
}

function describe(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown field(s) ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  return issue.message;
}
