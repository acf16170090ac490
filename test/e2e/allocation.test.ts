/**
 * Allocation over real HTTP on a constructed dataset written through the real store, every
 * figure worked by hand below. All attempts start within one day, so every observed count is
 * "per day" and × 30 makes it per month (a span under a day counts as a day).
 *
 * claims (fallback: people, 6 min × $30/h = $3.00, cheaper than the $4.00 BPO; value $10):
 *   20,000 units, $0.80 per attempt. 14,000 resolved at attempt 1 of 20,000 (0.70); 2,400 of
 *   6,000 at 2 (0.40); 540 of 3,600 at 3 (0.15); 153 of 3,060 at 4 (0.05); 2,907 fail all four and
 *   people resolve them in 6 minutes each. 20,000 is the smallest size with whole counts
 *   (153/3,060 = 0.05 needs 3,060 = 0.153·N).
 *   Expected cost per unit by cap: 3, 1.70, 1.58, 1.643, 1.74245 → cap 2, saving 0.16245 per
 *   unit × 600,000 units a month = $97,470.
 *   Fully loaded: tokens 0.8·32,660 = $26,128 + people 2,907·$3 = $8,721 → $34,849 ÷ 20,000
 *   resolved = $1.74245 < BPO $4 → replace_bpo: 2.25755 × 600,000 = $1,354,530 a month.
 * leads (fallback: BPO $6, cheaper than 20 min × $30/h = $10; value $30): 60 units, one attempt,
 *   one classify call of 1,000 in + 100 out. Units 1–30 on claude-opus-4-1 ($15/$75 per M:
 *   $0.0225), 31–60 on claude-haiku-4-5 ($1/$5: $0.0015); 27 of each resolved by AI, 3 of each
 *   by people in 20 minutes. Reroute: both 90%, $0.021 saved per call × 30·30 = 900 opus calls a
 *   month = $18.90. Loaded: ($0.72 tokens + 6·$10) ÷ 60 = $1.012 < $6: replace_bpo 4.988 × 60 ×
 *   30 = $8,978.40; expand: value 60·30 / 0.72 = 2,500 per dollar, 54 AI-resolved, 90% of
 *   attempts succeed, 6 handed off a day = 180 a month × (6 − 1.012) = $897.84. Unit costs are
 *   30 × $0.0015 and 30 × $0.0225: p50 $0.0015, p95 $0.0225, 15× → investigate.
 * contracts (fallback: people 30 min × $60/h = $30, BPO $50): 40 units, one $1 attempt each, all
 *   AI-resolved, each reviewed for 60 minutes ($60): loaded $61 > $30 → keep_human
 *   (61 − 30) × 40 × 30 = $37,200 a month.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllocationPlan, MarginalView, Recommendation } from '../../src/analysis/index.js';
import { runCli } from '../../src/cli/index.js';
import { type Outcome, type PricedStep, usdToFemto } from '../../src/domain/index.js';
import { openStore } from '../../src/store/index.js';
import { attemptStep, outcomeOf, unitsWithHistory } from '../support/attempt-dataset.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

const baseline = (workflow: string, bpo: string, minutes: number, rate: string, value: string) => ({
  workflow,
  team: null,
  unitName: 'unit',
  bpoPricePerUnitFemto: usdToFemto(bpo),
  laborMinutesPerUnit: minutes,
  loadedHourlyRateFemto: usdToFemto(rate),
  valuePerResolvedFemto: usdToFemto(value),
  fixedCostPerAttemptFemto: 0n,
});

beforeAll(async () => {
  server = await startTestServer({
    workflows: [
      baseline('claims', '4', 6, '30', '10'),
      baseline('leads', '6', 20, '30', '30'),
      baseline('contracts', '50', 30, '60', '100'),
    ],
  });
  const claims = unitsWithHistory(
    'claims',
    [14_000, 2_400, 540, 153],
    2_907,
    { costUsd: '0.80' },
    6,
  );
  const steps: PricedStep[] = [...claims.steps];
  const outcomes: Outcome[] = [...claims.outcomes];
  for (let i = 1; i <= 60; i++) {
    const opus = i <= 30;
    const call = opus
      ? { costUsd: '0.0225', model: 'claude-opus-4-1', step: 'classify' }
      : { costUsd: '0.0015', model: 'claude-haiku-4-5', step: 'classify' };
    steps.push(attemptStep('leads', `L-${i}`, 1, call));
    const failed = opus ? i <= 3 : i <= 33;
    outcomes.push(outcomeOf('leads', `L-${i}`, failed ? 'human' : 'ai', failed ? 20 : 0));
  }
  for (let i = 1; i <= 40; i++) {
    steps.push(attemptStep('contracts', `C-${i}`, 1, { costUsd: '1' }));
    outcomes.push(outcomeOf('contracts', `C-${i}`, 'ai', 60));
  }
  for (let at = 0; at < steps.length; at += 5_000)
    await server.store.insertSteps(steps.slice(at, at + 5_000));
  await server.store.insertOutcomes(outcomes);
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

describe('allocation over HTTP', () => {
  it("reproduces the issue's retry-cap case from stored attempt histories", async () => {
    const { status, body } = await server.getJson<MarginalView>(
      '/api/v1/workflows/claims/marginal',
    );
    expect(status).toBe(200);
    expect(
      body.attemptCurve.map((p) => [p.reached, p.succeeded, p.conditionalSuccessRate]),
    ).toEqual([
      [20_000, 14_000, 0.7],
      [6_000, 2_400, 0.4],
      [3_600, 540, 0.15],
      [3_060, 153, 0.05],
    ]);
    expect(body.attemptCurve.map((p) => p.attemptCostUsd)).toEqual(['0.8', '0.8', '0.8', '0.8']);
    expect(body.fallback?.kind).toBe('human');
    expect(body.fallback?.costPerUnitUsd).toBe('3');
    expect(body.retryCaps?.caps.map((c) => c.expectedCostPerUnitUsd)).toEqual([
      '3',
      '1.7',
      '1.58',
      '1.643',
      '1.74245',
    ]);
    expect(body.retryCaps?.optimalCap).toBe(2);
    expect(body.contextBands).toEqual([
      {
        band: '<4k',
        attempts: 32_660,
        successRate: 17_093 / 32_660,
        costPerAttemptUsd: '0.8',
        enoughEvidence: true,
      },
    ]);
  });

  it('compares models on the same step and states thin evidence', async () => {
    const { body } = await server.getJson<MarginalView>('/api/v1/workflows/leads/marginal');
    expect(body.modelTiers).toEqual([
      {
        step: 'classify',
        models: [
          {
            model: 'claude-haiku-4-5',
            provider: 'anthropic',
            calls: 30,
            attempts: 30,
            successRate: 0.9,
            costPerCallUsd: '0.0015',
            enoughEvidence: true,
          },
          {
            model: 'claude-opus-4-1',
            provider: 'anthropic',
            calls: 30,
            attempts: 30,
            successRate: 0.9,
            costPerCallUsd: '0.0225',
            enoughEvidence: true,
          },
        ],
      },
    ]);
    const contracts = await server.getJson<MarginalView>('/api/v1/workflows/contracts/marginal');
    // $1 of tokens + 60 minutes at $60/h of review on every (successful) attempt.
    expect(contracts.body.attemptCurve[0]?.attemptCostUsd).toBe('61');
    expect(contracts.body.retryCaps?.optimalCap).toBe(0);
    expect(contracts.body.evidence).toContain(
      'No step of this workflow ran on more than one model, so models cannot be compared.',
    );
    expect((await server.getJson('/api/v1/workflows/nothing/marginal')).status).toBe(404);
  });

  it('recommends with the figures and money per month worked above', async () => {
    const { body } = await server.getJson<{ recommendations: Recommendation[] }>(
      '/api/v1/recommendations',
    );
    expect(body.recommendations.map((r) => [r.workflow, r.kind, r.perMonthUsd])).toEqual([
      ['claims', 'cap_retries', '97470'],
      ['claims', 'replace_bpo', '1354530'],
      ['contracts', 'keep_human', '37200'],
      ['leads', 'expand', '897.84'],
      ['leads', 'replace_bpo', '8978.4'],
      ['leads', 'investigate', null],
      ['leads', 'reroute', '18.9'],
    ]);
    const reroute = body.recommendations.find((r) => r.kind === 'reroute');
    expect(reroute?.explanation).toBe(
      'Run step classify on claude-haiku-4-5 instead of claude-opus-4-1: attempts using it succeed 90% of the time against 90%, and each call costs $0.0015 instead of $0.0225, about $18.90 a month over 900 calls.',
    );
    const cap = body.recommendations.find((r) => r.kind === 'cap_retries');
    expect(cap?.explanation).toBe(
      'Stop after attempt 2: attempt 3 succeeds on only 15% of the units that failed before, at $0.80 an attempt against $3.00 to hand the unit to people; capping at 2 lowers the expected cost per unit from $1.74 to $1.58, about $97,470.00 a month.',
    );
    const one = await server.getJson<{ recommendations: Recommendation[] }>(
      '/api/v1/recommendations?workflow=contracts',
    );
    expect(one.body.recommendations.map((r) => r.kind)).toEqual(['keep_human']);
  });

  it('allocates a budget by value per dollar and shows the plan against today', async () => {
    // Per month: claims 600,000 units; lever 1 saves 0.7·3/0.8 = 2.625 per dollar ($480,000),
    // lever 2 0.4·3/0.8 = 1.5 ($144,000), levers 3–4 under 1. leads 1,800 units at $0.012 an
    // attempt, 0.9·6/0.012 = 450 per dollar ($21.60). contracts: 1·30/61 < 1, all to people.
    // Spent 624,021.6 of 700,000. Plan claims: 492,000 AI-resolved, 108,000 × $3 elsewhere.
    const response = await fetch(`${server.url}/api/v1/allocate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budgetUsd: '700000', period: 'month' }),
    });
    expect(response.status).toBe(200);
    const plan = (await response.json()) as AllocationPlan;
    expect(
      plan.workflows.map((w) => [
        w.workflow,
        w.retryCap,
        w.plan.aiCostUsd,
        w.plan.fallbackCostUsd,
        w.today.totalCostUsd,
      ]),
    ).toEqual([
      ['claims', 2, '624000', '324000', '1045470'],
      ['contracts', 0, '0', '36000', '73200'],
      ['leads', 1, '21.6', '1080', '1101.6'],
    ]);
    expect(Math.round(plan.workflows[0]?.plan.aiResolvedUnits ?? 0)).toBe(492_000);
    expect(plan.total.plan.totalCostUsd).toBe('985101.6');
    expect(plan.total.today.totalCostUsd).toBe('1119771.6');
    // Expected gain: today − plan = 1,119,771.6 − 985,101.6 = 134,670 a period.
    expect(plan.total.savingUsd).toBe('134670');
    // Per workflow, today − (AI + fallback): claims 1,045,470 − 948,000; contracts 73,200 − 36,000;
    // leads 1,101.6 − 1,101.6. They add up to the total.
    expect(plan.workflows.map((w) => w.savingUsd)).toEqual(['97470', '37200', '0']);
    expect(plan.unspentUsd).toBe('75978.4');

    const bad = await fetch(`${server.url}/api/v1/allocate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ budgetUsd: '-5' }),
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error:
        'budgetUsd: must be a non-negative amount in USD: a number, or a decimal string such as "5000"',
    });
  });
});

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('tokenledger allocate and recommend', () => {
  it('print the plan and the recommendations from a server', async () => {
    const plan = await cli(['allocate', '--budget', '700000', '--url', server.url]);
    expect(plan.code).toBe(0);
    // Saving against today: 1,119,771.6 − 985,101.6 = 134,670 (hand-worked above).
    expect(plan.out).toContain(
      'Budget $700000.0000 per month; unspent $75978.4000; the plan saves $134670.0000 per month against today.',
    );
    expect(plan.out).toMatch(
      /claims\s+600000\s+2\s+492000\s+512790\s+108000\s+87210\s.*\$97470\.0000$/m,
    );
    expect(plan.out).toContain('contracts: units the AI does not resolve go to people at $30.0000');
    const recs = await cli(['recommend', '--workflow', 'contracts', '--url', server.url]);
    expect(recs.out).toBe(
      'contracts\n  keep_human ($37200.0000/month): Keep units with people: with the AI a resolved unit costs $61.00 fully loaded (tokens, reviews and fixes) against $30.00 when people do it, about $37,200.00 a month more.\n',
    );
    const json = await cli(['recommend', '--format', 'json', '--url', server.url]);
    expect(JSON.parse(json.out).recommendations).toHaveLength(7);
  });

  it('read a DuckDB file directly, and name a bad --budget', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenledger-alloc-'));
    try {
      const path = join(dir, 'alloc.duckdb');
      const store = await openStore({ kind: 'duckdb', path });
      await store.migrate();
      await store.saveBaselines([baseline('contracts', '50', 30, '60', '100')]);
      const steps = [];
      const outcomes = [];
      for (let i = 1; i <= 40; i++) {
        steps.push(attemptStep('contracts', `C-${i}`, 1, { costUsd: '1' }));
        outcomes.push(outcomeOf('contracts', `C-${i}`, 'ai', 60));
      }
      await store.insertSteps(steps);
      await store.insertOutcomes(outcomes);
      await store.close();
      const plan = await cli(['allocate', '--budget', '100', '--db', path, '--format', 'json']);
      expect(plan.code).toBe(0);
      const body = JSON.parse(plan.out) as AllocationPlan;
      // $61 an attempt saves at most $30: nothing is bought; 1,200 contracts to people at $30.
      expect(body.workflows.map((w) => [w.workflow, w.retryCap, w.plan.fallbackCostUsd])).toEqual([
        ['contracts', 0, '36000'],
      ]);
      expect(body.unspentUsd).toBe('100');
      const bad = await cli(['allocate', '--budget', 'lots', '--db', path]);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain('--budget USD is required: a non-negative amount such as 5000');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
