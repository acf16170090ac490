/** Ranking the success/failure comparison and parsing search parameters, with hand-worked figures. */
import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../domain/index.js';
import type { OutcomeComparisonCounts } from '../../store/index.js';
import { compareOutcomeCounts } from './compare-findings.js';
import { encodeCursor, parseCompareQuery, parseSearchQuery } from './search-params.js';

const side = (units: number, attempts: number, usd: string) => ({
  units,
  attempts,
  tokenCostFemto: usdToFemto(usd),
});

/**
 * 40 AI-resolved contracts (40 successful attempts, $40) and 20 failed (40 attempts, $60).
 * wide: 8 of 40 successes (20%), 12 of 20 failures (60%): +40 points; per attempt $1.50 ($12/8)
 * when it succeeds, $2.00 ($48/24) when it fails. Rule R-1 in 10 of 40 successful attempts (25%)
 * and 30 of 40 failed ones (75%): +50 points. Model m in all: 0 points, left out. Tool t in 3
 * units only: under the minimum support of max(5, 2% of 60) = 5, left out.
 */
const counts: OutcomeComparisonCounts = {
  success: side(40, 40, '40'),
  failed: side(20, 40, '60'),
  excludedUnits: 7,
  features: [
    {
      kind: 'attribute',
      value: 'retrieval_profile=wide',
      success: side(8, 8, '12'),
      failed: side(12, 24, '48'),
    },
    { kind: 'rule', value: 'R-1', success: side(10, 10, '10'), failed: side(18, 30, '45') },
    { kind: 'model', value: 'm', success: side(40, 40, '40'), failed: side(20, 40, '60') },
    { kind: 'tool', value: 't', success: side(1, 1, '1'), failed: side(2, 2, '3') },
  ],
  steps: [
    {
      stepName: 'review',
      success: {
        calls: 40,
        costedCalls: 40,
        costFemto: usdToFemto('20'),
        inputCalls: 40,
        inputTokens: 400_000,
      },
      failed: {
        calls: 40,
        costedCalls: 40,
        costFemto: usdToFemto('36'),
        inputCalls: 40,
        inputTokens: 1_000_000,
      },
    },
  ],
};

describe('compareOutcomeCounts', () => {
  const result = compareOutcomeCounts('contract-review', counts, { unitName: 'contract' });

  it('ranks what separates the groups by the gap in points, above the minimum support', () => {
    expect(result.minSupportUnits).toBe(5);
    expect(result.findings.map((f) => [f.kind, f.value, f.differencePoints])).toEqual([
      ['rule', 'R-1', 50],
      ['attribute', 'retrieval_profile=wide', 40],
    ]);
    const wide = result.findings[1];
    expect(wide?.success).toEqual({ units: 8, attempts: 8, share: 0.2, costPerAttemptUsd: 1.5 });
    expect(wide?.failed).toEqual({ units: 12, attempts: 24, share: 0.6, costPerAttemptUsd: 2 });
    expect(wide?.costPerAttemptDifferenceUsd).toBe(0.5);
    expect(wide?.sentence).toBe(
      'Contracts with retrieval_profile=wide: 60% of failed contracts against 20% of AI-resolved ones (+40 points); an attempt with it costs $2.00 in tokens when it fails against $1.50 when it succeeds; failed attempts with it spent $48.00.',
    );
    expect(result.findings[0]?.sentence).toBe(
      'Decision rule R-1: in 75% of failed attempts against 25% of successful ones (+50 points); an attempt with it costs $1.50 in tokens when it fails against $1.00 when it succeeds; failed attempts with it spent $45.00.',
    );
  });

  it('gives each side its cost per attempt and each step its mean cost and input per call', () => {
    expect([result.success.costPerAttemptUsd, result.failed.costPerAttemptUsd]).toEqual([1, 1.5]);
    expect(result.excludedUnits).toBe(7);
    expect(result.steps[0]).toMatchObject({
      stepName: 'review',
      success: { calls: 40, meanCostUsd: 0.5, meanInputTokens: 10_000 },
      failed: { calls: 40, meanCostUsd: 0.9, meanInputTokens: 25_000 },
      costPerCallDifferenceUsd: 0.4,
      inputTokensDifference: 15_000,
      sentence:
        'Step review: $0.90 and 25,000 input tokens per call in failed attempts against $0.50 and 10,000 in successful ones.',
    });
  });

  it('says plainly when one side is empty', () => {
    const empty = compareOutcomeCounts(
      'w',
      { ...counts, failed: side(0, 0, '0') },
      { unitName: 'ticket' },
    );
    expect(empty.findings).toEqual([]);
    expect(empty.note).toBe(
      'Nothing to compare: 40 AI-resolved and 0 failed tickets in this range.',
    );
  });
});

describe('search parameters', () => {
  const q = (params: Record<string, string | string[]>) =>
    Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));

  it('reads every filter', () => {
    expect(
      parseSearchQuery(
        q({
          workflow: 'claims',
          status: 'pending',
          resolvedBy: 'ai',
          'attribute.region': 'emea',
          minCostUsd: '0.25',
          maxCostUsd: '1',
          model: 'gpt-4o',
          tool: 'lookup',
          rule: 'R-1',
          from: '2026-01-01T00:00:00Z',
          sort: '-cost',
          limit: '10',
        }),
      ),
    ).toEqual({
      workflow: 'claims',
      status: 'pending',
      resolvedBy: 'ai',
      attributes: { region: 'emea' },
      minCostFemto: usdToFemto('0.25'),
      maxCostFemto: usdToFemto('1'),
      model: 'gpt-4o',
      tool: 'lookup',
      rule: 'R-1',
      fromUnixNano: 1_767_225_600_000_000_000n,
      sort: '-cost',
      limit: 10,
    });
  });

  it('refuses bad input naming the parameter and the rule', () => {
    const error = (params: Record<string, string | string[]>) => {
      try {
        parseSearchQuery(q({ workflow: 'claims', ...params }));
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(error({ status: 'done' })).toMatch(/^status: /);
    expect(error({ limit: '0' })).toBe('limit: must be at least 1');
    expect(error({ limit: '501' })).toBe('limit: must be at most 500');
    expect(error({ minCostUsd: '-1' })).toBe(
      'minCostUsd: must be a non-negative decimal amount in USD, like 0.25',
    );
    expect(error({ minCostUsd: '2', maxCostUsd: '1' })).toBe(
      'maxCostUsd: must not be below minCostUsd',
    );
    expect(error({ sort: 'price' })).toMatch(/^sort: /);
    expect(error({ colour: 'red' })).toBe('unknown parameter colour');
    expect(error({ wasteClass: 'slow' })).toMatch(/^wasteClass: /);
    expect(error({ minWasteUsd: '1' })).toBe(
      'minWasteUsd: needs wasteClass (the class whose dollars it bounds)',
    );
    expect(error({ model: ['a', 'b'] })).toBe('model: given 2 times; give it once');
    expect(error({ 'attribute.': 'x' })).toBe('attribute.KEY: the attribute key is missing');
    expect(error({ cursor: 'nonsense' })).toBe('cursor: not a cursor this search returned');
    expect(
      error({ sort: 'cost', cursor: encodeCursor({ sort: 'start', value: '1', workUnitId: 'x' }) }),
    ).toBe('cursor: was made for sort=start, not sort=cost');
    expect(error({ from: 'yesterday' })).toMatch(/^from must be an ISO-8601 time/);
    expect(() => parseCompareQuery(q({ workflow: 'w', status: 'failed' }))).toThrow(
      'unknown parameter status',
    );
  });
});
