import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../domain/index.js';
import { parseOutcomeBody, parseOutcomes } from './outcome-input.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const NOW_NANO = BigInt(NOW.getTime()) * 1_000_000n;
const base = { workUnitId: 'C-9', workflow: 'claims', status: 'failed' };

/** The single error message a record with `fields` (over a valid failed record) gets. */
function errorsOf(fields: Record<string, unknown>, without: string[] = []): string[] {
  const record: Record<string, unknown> = { ...base, ...fields };
  for (const key of without) delete record[key];
  const { outcomes, rejected } = parseOutcomes([record], { now: NOW });
  expect(outcomes).toEqual([]);
  return rejected[0]?.errors ?? [];
}

describe('parseOutcomes', () => {
  it('accepts a full record: minutes summed from their parts, money exact, attributes as text', () => {
    const { outcomes, rejected } = parseOutcomes(
      [
        {
          workUnitId: 'C-1042',
          workflow: 'claims-adjudication',
          status: 'resolved',
          resolvedBy: 'ai',
          reviewMinutes: 2,
          correctionMinutes: 15.5,
          overridden: true,
          valueUsd: '9.100000000000001',
          attributes: { team: 'claims-ops', pages: 12, urgent: false },
          occurredAt: '2026-11-01T10:00:00.123456789+01:00',
        },
      ],
      { now: NOW },
    );
    expect(rejected).toEqual([]);
    expect(outcomes).toEqual([
      {
        workUnitId: 'C-1042',
        workflow: 'claims-adjudication',
        status: 'resolved',
        resolvedBy: 'ai',
        humanMinutes: 17.5,
        reviewMinutes: 2,
        correctionMinutes: 15.5,
        overridden: true,
        valueFemto: 9_100_000_000_000_001n,
        attributes: { team: 'claims-ops', pages: '12', urgent: 'false' },
        // 2026-11-01T09:00:00.123456789Z
        occurredAtUnixNano: 1_793_523_600_123_456_789n,
      },
    ]);
  });

  it('defaults: occurredAt now, minutes 0 with no parts, overridden false, nulls as absent', () => {
    const { outcomes } = parseOutcomes(
      [
        { workUnitId: 'T-1', workflow: 'support', status: 'abandoned' },
        { ...base, resolvedBy: null, valueUsd: null, occurredAt: null, reviewMinutes: 3 },
        { ...base, status: 'escalated', resolvedBy: 'human', humanMinutes: 4 },
      ],
      { now: NOW },
    );
    expect(outcomes.map((o) => [o.humanMinutes, o.reviewMinutes, o.correctionMinutes])).toEqual([
      [0, null, null],
      [3, 3, 0],
      [4, null, null],
    ]);
    expect(outcomes.map((o) => o.resolvedBy)).toEqual([null, null, 'human']);
    expect(outcomes.every((o) => o.occurredAtUnixNano === NOW_NANO && !o.overridden)).toBe(true);
  });

  it('reads valueUsd from numbers and strings exactly, and occurredAt as epoch milliseconds', () => {
    const { outcomes } = parseOutcomes(
      [
        { ...base, valueUsd: 0.1, occurredAt: 1_764_331_200_000 },
        { ...base, valueUsd: '1234567890123.000000000000001', occurredAt: '1764331200000' },
        { ...base, valueUsd: '1e-7', occurredAt: '2026-11-28' },
      ],
      { now: NOW },
    );
    expect(outcomes.map((o) => o.valueFemto)).toEqual([
      usdToFemto('0.1'),
      1_234_567_890_123_000_000_000_000_001n,
      100_000_000n,
    ]);
    expect(outcomes.map((o) => o.occurredAtUnixNano)).toEqual([
      1_764_331_200_000_000_000n,
      1_764_331_200_000_000_000n,
      1_795_824_000_000_000_000n,
    ]);
  });

  it('names record, unit, field, rule and the value got for each rule', () => {
    const r = 'record 0 (workUnitId "C-9")';
    expect(errorsOf({ status: 'done' })).toEqual([
      `${r}: status: must be one of resolved, failed, escalated, abandoned; got "done"`,
    ]);
    expect(errorsOf({}, ['status'])).toEqual([`${r}: status: is required`]);
    expect(errorsOf({ workflowId: 'x' })).toEqual([
      `${r}: workflowId: unknown field (did you mean "workflow"?); known fields: workUnitId, workflow, status, resolvedBy, humanMinutes, reviewMinutes, correctionMinutes, overridden, valueUsd, attributes, occurredAt`,
    ]);
    expect(errorsOf({ workflow: '' })).toEqual([
      `${r}: workflow: must not be empty; got 0 characters`,
    ]);
    expect(errorsOf({ workflow: 'w'.repeat(129) })).toEqual([
      `${r}: workflow: must be at most 128 characters; got 129 characters`,
    ]);
    expect(errorsOf({ status: 'resolved' })).toEqual([
      `${r}: resolvedBy: is required when status is resolved (one of ai, human, bpo)`,
    ]);
    expect(errorsOf({ resolvedBy: 'robot' })).toEqual([
      `${r}: resolvedBy: must be one of ai, human, bpo; got "robot"`,
    ]);
    expect(errorsOf({ humanMinutes: 5, reviewMinutes: 2 })).toEqual([
      `${r}: humanMinutes: must equal reviewMinutes + correctionMinutes (2) when both are given; got 5`,
    ]);
    expect(errorsOf({ correctionMinutes: -1 })).toEqual([
      `${r}: correctionMinutes: must be ≥ 0; got -1`,
    ]);
    expect(errorsOf({ humanMinutes: 1_000_000 })).toEqual([
      `${r}: humanMinutes: must be below 1000000; got 1000000`,
    ]);
    expect(errorsOf({ reviewMinutes: '5' })).toEqual([
      `${r}: reviewMinutes: must be a number; got "5"`,
    ]);
    expect(errorsOf({ overridden: 'yes' })).toEqual([
      `${r}: overridden: must be true or false; got "yes"`,
    ]);
    expect(errorsOf({ valueUsd: '-3' })).toEqual([`${r}: valueUsd: must be ≥ 0; got "-3"`]);
    expect(errorsOf({ valueUsd: '$3' })).toEqual([
      `${r}: valueUsd: must be a decimal amount in USD such as 12.5 or "0.0035"; got "$3"`,
    ]);
    expect(errorsOf({ valueUsd: true })).toEqual([
      `${r}: valueUsd: must be a decimal number or string; got true`,
    ]);
    expect(errorsOf({ attributes: { team: { name: 'x' } } })).toEqual([
      `${r}: attributes.team: must be a string, number or boolean; got an object`,
    ]);
    expect(errorsOf({ attributes: { note: 'n'.repeat(513) } })).toEqual([
      `${r}: attributes.note: must be at most 512 characters; got 513`,
    ]);
    const many = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]));
    expect(errorsOf({ attributes: many })).toEqual([
      `${r}: attributes: must have at most 64 keys; got 65`,
    ]);
    expect(errorsOf({ occurredAt: '2026-11-28T10:00:00' })).toEqual([
      `${r}: occurredAt: must state its zone (Z or ±hh:mm), since a local time is ambiguous; got "2026-11-28T10:00:00"`,
    ]);
    expect(errorsOf({ occurredAt: '2026-02-30' })).toEqual([
      `${r}: occurredAt: is not a calendar date and time; got "2026-02-30"`,
    ]);
    expect(errorsOf({ occurredAt: 'yesterday' })).toEqual([
      `${r}: occurredAt: must be an ISO-8601 time with a zone (2026-11-28T09:30:00Z) or epoch milliseconds; got "yesterday"`,
    ]);
    expect(errorsOf({ occurredAt: 1_764_331_200 })).toEqual([
      `${r}: occurredAt: must be epoch milliseconds, not seconds (≥ 1e11); got 1764331200`,
    ]);
  });

  it('names a record without a usable workUnitId by index only, and a non-object record', () => {
    const { rejected } = parseOutcomes([{ workflow: 'claims', status: 'failed' }, 42, ['x']]);
    expect(rejected.map((r) => [r.index, r.workUnitId, r.errors])).toEqual([
      [0, null, ['record 0: workUnitId: is required']],
      [1, null, ['record 1: must be a JSON object; got 42']],
      [2, null, ['record 2: must be a JSON object; got an array']],
    ]);
  });

  it('keeps the valid records of a mixed batch in order and reports every invalid one', () => {
    const { outcomes, rejected } = parseOutcomes([
      { ...base, workUnitId: 'A' },
      { ...base, workUnitId: 'B', status: 'done' },
      { ...base, workUnitId: 'C' },
    ]);
    expect(outcomes.map((o) => o.workUnitId)).toEqual(['A', 'C']);
    expect(rejected.map((r) => [r.index, r.workUnitId])).toEqual([[1, 'B']]);
  });
});

describe('parseOutcomeBody', () => {
  it('reads a JSON array and a single object', () => {
    const two = JSON.stringify([base, { ...base, workUnitId: 'C-10' }]);
    expect(parseOutcomeBody(two, 'json').outcomes).toHaveLength(2);
    expect(parseOutcomeBody(JSON.stringify(base), 'json').outcomes).toHaveLength(1);
    expect(() => parseOutcomeBody('[{"workUnitId": ', 'json')).toThrow(SyntaxError);
  });

  it('rejects only the NDJSON line that is not JSON, naming its record index and line', () => {
    const body = [
      JSON.stringify({ ...base, workUnitId: 'N-1' }),
      '',
      '{"workUnitId": "N-2", oops}',
      JSON.stringify({ ...base, workUnitId: 'N-3', status: 'done' }),
      JSON.stringify({ ...base, workUnitId: 'N-4' }),
      '',
    ].join('\r\n');
    const { outcomes, rejected } = parseOutcomeBody(body, 'ndjson', { now: NOW });
    expect(outcomes.map((o) => o.workUnitId)).toEqual(['N-1', 'N-4']);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[0]?.errors[0]).toMatch(/^record 1 \(line 3\): not a JSON value \(/);
    expect(rejected[1]?.errors).toEqual([
      'record 2 (line 4) (workUnitId "N-3"): status: must be one of resolved, failed, escalated, abandoned; got "done"',
    ]);
  });
});
