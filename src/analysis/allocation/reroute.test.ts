import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../domain/index.js';
import { type RerouteCandidate, rerouteRecommendations } from './reroute.js';

const candidate: RerouteCandidate = {
  workflow: 'claims',
  step: 'extract',
  fromModel: 'claude-opus-4-1',
  toModel: 'claude-haiku-4-5',
  fromSuccessRate: 0.82,
  toSuccessRate: 0.75,
  fromCostPerCallFemto: usdToFemto('0.03'),
  toCostPerCallFemto: usdToFemto('0.002'),
  callsPerMonth: 12_500,
};

describe('rerouteRecommendations', () => {
  it('turns a candidate into a reroute with its saving per month', () => {
    // 7 points lower is within the 10-point allowance; (0.03 − 0.002) × 12,500 = $350.
    expect(rerouteRecommendations([candidate])).toEqual([
      {
        workflow: 'claims',
        kind: 'reroute',
        explanation:
          'Run step extract on claude-haiku-4-5 instead of claude-opus-4-1: attempts using it succeed 75% of the time against 82%, and each call costs $0.002 instead of $0.03, about $350.00 a month over 12,500 calls.',
        figures: {
          step: 'extract',
          fromModel: 'claude-opus-4-1',
          toModel: 'claude-haiku-4-5',
          fromSuccessRate: 0.82,
          toSuccessRate: 0.75,
          fromCostPerCallUsd: '0.03',
          toCostPerCallUsd: '0.002',
          savingPerCallUsd: '0.028',
          callsPerMonth: 12_500,
        },
        perMonthUsd: '350',
      },
    ]);
  });

  it('drops candidates that lose more than 10 points of success or save nothing', () => {
    expect(
      rerouteRecommendations([
        { ...candidate, toSuccessRate: 0.7 },
        { ...candidate, toCostPerCallFemto: usdToFemto('0.03') },
      ]),
    ).toEqual([]);
  });

  it('orders by saving per month, largest first', () => {
    const small = { ...candidate, step: 'summarise', callsPerMonth: 100 };
    expect(rerouteRecommendations([small, candidate]).map((r) => r.figures.step)).toEqual([
      'extract',
      'summarise',
    ]);
  });
});
