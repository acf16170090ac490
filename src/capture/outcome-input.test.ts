import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../domain/index.js';
import { parseOutcomes, splitOutcomeBody } from './outcome-input.js';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('parseOutcomes', () => {
  it('accepts a full record, sums review and correction minutes, keeps money exact', () => {
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
          valueUsd: '9.10',
          attributes: { team: 'claims-ops', unusual_documents: 'yes', pages: 12 },
          occurredAt: '2026-11-01T10:00:00Z',
        },
      ],
      NOW,
    );
    expect(rejected).toEqual([]);
    expect(outcomes[0]).toEqual({
      workUnitId: 'C-1042',
      workflow: 'claims-adjudication',
      status: 'resolved',
      resolvedBy: 'ai',
      humanMinutes: 17.5,
      reviewMinutes: 2,
      correctionMinutes: 15.5,
      overridden: true,
      valueFemto: usdToFemto('9.1'),
      attributes: { team: 'claims-ops', unusual_documents: 'yes', pages: '12' },
      occurredAtUnixNano: BigInt(Date.parse('2026-11-01T10:00:00Z')) * 1_000_000n,
    });
  });

  it('defaults occurredAt to now and minutes to 0', () => {
    const { outcomes } = parseOutcomes(
      [{ workUnitId: 'T-1', workflow: 'support', status: 'abandoned' }],
      NOW,
    );
    expect(outcomes[0]).toMatchObject({
      humanMinutes: 0,
      resolvedBy: null,
      occurredAtUnixNano: BigInt(NOW.getTime()) * 1_000_000n,
    });
  });

  it('names the record, the unit, the field and the rule for each invalid record, and keeps the rest', () => {
    const { outcomes, rejected } = parseOutcomes(
      [
        { workUnitId: 'C-1', workflow: 'claims', status: 'resolved', resolvedBy: 'ai' },
        { workUnitId: 'C-9', workflow: 'claims', status: 'done' },
        { workflow: 'claims', status: 'failed', workflowId: 'x' },
        { workUnitId: 'C-3', workflow: 'claims', status: 'resolved' },
        {
          workUnitId: 'C-4',
          workflow: 'claims',
          status: 'failed',
          humanMinutes: 5,
          reviewMinutes: 2,
        },
        {
          workUnitId: 'C-5',
          workflow: 'claims',
          status: 'failed',
          valueUsd: '-3',
          humanMinutes: -1,
        },
      ],
      NOW,
    );
    expect(outcomes.map((o) => o.workUnitId)).toEqual(['C-1']);
    expect(rejected.map((r) => r.errors)).toEqual([
      [
        'record 1 (workUnitId "C-9"): status: must be one of resolved, failed, escalated, abandoned',
      ],
      ['record 2: workUnitId: is required', 'record 2: (record): unknown field(s) "workflowId"'],
      ['record 3 (workUnitId "C-3"): resolvedBy: is required when status is resolved'],
      [
        'record 4 (workUnitId "C-4"): humanMinutes: must equal reviewMinutes + correctionMinutes (2) when both are given',
      ],
      [
        'record 5 (workUnitId "C-5"): humanMinutes: must be ≥ 0',
        'record 5 (workUnitId "C-5"): valueUsd: must be a non-negative decimal amount',
      ],
    ]);
  });
});

describe('splitOutcomeBody', () => {
  it('reads a JSON array, a single object, and NDJSON with a bad line reported by number', () => {
    expect(splitOutcomeBody('[{"a":1},{"a":2}]', false).records).toHaveLength(2);
    expect(splitOutcomeBody('{"a":1}', false).records).toEqual([{ a: 1 }]);
    const nd = splitOutcomeBody('{"a":1}\nnot json\n\n{"a":3}\n', true);
    expect(nd.records).toEqual([{ a: 1 }, { a: 3 }]);
    expect(nd.rejected[0]?.errors[0]).toMatch(/^line 2: not JSON/);
  });
});
