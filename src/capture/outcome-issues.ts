/**
 * Turns zod issues on an outcome record into `field: rule; got value` messages, naming unknown
 * fields one by one with the known field they most resemble.
 */
import type { z } from 'zod';

const FIELDS = [
  'workUnitId',
  'workflow',
  'status',
  'resolvedBy',
  'humanMinutes',
  'reviewMinutes',
  'correctionMinutes',
  'overridden',
  'valueUsd',
  'attributes',
  'occurredAt',
];

const EXPECTED: Record<string, string> = {
  workUnitId: 'a string',
  workflow: 'a string',
  humanMinutes: 'a number',
  reviewMinutes: 'a number',
  correctionMinutes: 'a number',
  overridden: 'true or false',
  valueUsd: 'a decimal number or string',
  attributes: 'an object of string, number or boolean values',
  occurredAt: 'an ISO-8601 string or epoch milliseconds',
};

export function formatIssue(issue: z.core.$ZodIssue, record: unknown): string[] {
  const field = issue.path.map(String).join('.');
  const input = valueAt(record, issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${field ? `${field}.` : ''}${key}: ${unknownField(key)}`);
  }
  if (field === '') return [`must be a JSON object; got ${describe(record)}`];
  if (issue.code === 'custom') return [`${field}: ${issue.message}`];
  if (input === undefined) return [`${field}: is required`];
  if (issue.code === 'invalid_value') {
    return [`${field}: must be one of ${issue.values.join(', ')}; got ${describe(input)}`];
  }
  if (issue.code === 'invalid_type' || issue.code === 'invalid_union') {
    const top = String(issue.path[0]);
    const expected =
      issue.path.length > 1 && top === 'attributes'
        ? 'a string, number or boolean'
        : (EXPECTED[top] ?? `a ${issue.code === 'invalid_type' ? issue.expected : 'valid value'}`);
    return [`${field}: must be ${expected}; got ${describe(input)}`];
  }
  const size = typeof input === 'string' ? `${input.length} characters` : describe(input);
  return [`${field}: ${issue.message}; got ${size}`];
}

function unknownField(key: string): string {
  const near = FIELDS.find((f) => distance(f.toLowerCase(), key.toLowerCase()) <= 2);
  const prefix = FIELDS.find((f) => key.startsWith(f) || f.startsWith(key));
  const hint = near ?? prefix;
  return `unknown field${hint ? ` (did you mean "${hint}"?)` : ''}; known fields: ${FIELDS.join(', ')}`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

function valueAt(record: unknown, path: readonly PropertyKey[]): unknown {
  let value = record;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
