/**
 * Work units and outcomes over real HTTP: SDK spans linked to claims, outcomes posted to
 * /v1/outcomes, and the workflow report checked against hand-worked figures.
 * gpt-4o at $2.50 / $10 per million: every attempt is one call of 1,000 in + 100 out = $0.0035.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CostDistributionView,
  WorkflowDetail,
  WorkflowEconomics,
  WorkUnitReport,
} from '../../src/analysis/index.js';
import { usdToFemto } from '../../src/domain/index.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

async function attempt(unit: string, attributes: Record<string, string> = {}): Promise<void> {
  const spans = buildTrace({
    name: 'resolve-claim',
    attributes: {
      'tokenledger.work_unit.id': unit,
      'tokenledger.workflow': 'claims',
      ...attributes,
    },
    children: [chatSpan('gpt-4o', 1000, 100)],
  });
  const response = await server.post('/v1/traces', toProtobuf(spans), {
    'content-type': 'application/x-protobuf',
  });
  expect(response.status).toBe(200);
}

// 10 ordinary claims: one attempt each, resolved by AI, 2 review minutes each.
// 10 claims with unusual documents (on their spans): three attempts each; 5 resolved by AI,
// 5 escalated and resolved by a person in 10 minutes.
beforeAll(async () => {
  server = await startTestServer({
    workflows: [
      {
        workflow: 'claims',
        team: 'claims-ops',
        unitName: 'claim',
        bpoPricePerUnitFemto: usdToFemto('4'),
        laborMinutesPerUnit: 12,
        loadedHourlyRateFemto: usdToFemto('60'),
        valuePerResolvedFemto: usdToFemto('9'),
        fixedCostPerAttemptFemto: 0n,
      },
    ],
  });
  const outcomes: unknown[] = [];
  for (let i = 0; i < 10; i++) {
    await attempt(`N-${i}`);
    outcomes.push({
      workUnitId: `N-${i}`,
      workflow: 'claims',
      status: 'resolved',
      resolvedBy: 'ai',
      reviewMinutes: 2,
      attributes: { unusual_documents: 'no' },
    });
    for (let a = 0; a < 3; a++) await attempt(`U-${i}`, { unusual_documents: 'yes' });
    outcomes.push(
      i < 5
        ? { workUnitId: `U-${i}`, workflow: 'claims', status: 'resolved', resolvedBy: 'ai' }
        : {
            workUnitId: `U-${i}`,
            workflow: 'claims',
            status: 'resolved',
            resolvedBy: 'human',
            humanMinutes: 10,
          },
    );
  }
  outcomes.push({ workUnitId: 'X-1', workflow: 'claims', status: 'done' });
  const response = await server.post('/v1/outcomes', JSON.stringify(outcomes), {
    'content-type': 'application/json',
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { accepted: number; rejected: { errors: string[] }[] };
  expect(body.accepted).toBe(20);
  expect(body.rejected.map((r) => r.errors)).toEqual([
    ['record 20 (workUnitId "X-1"): status: must be one of resolved, failed, escalated, abandoned'],
  ]);
});
afterAll(async () => {
  await server.dispose();
});

describe('unit economics over HTTP', () => {
  it('reports the workflow against hand-worked figures', async () => {
    const { status, body } = await server.getJson<{ workflows: WorkflowEconomics[] }>(
      '/api/v1/workflows',
    );
    expect(status).toBe(200);
    expect(body.workflows).toHaveLength(1);
    expect(body.workflows[0]).toMatchObject({
      workflow: 'claims',
      team: 'claims-ops',
      units: 20,
      resolvedUnits: 20,
      aiResolvedUnits: 15,
      humanResolvedUnits: 5,
      attempts: 40,
      attemptSuccessRate: 0.375, // 15 / 40
      firstPassRate: 0.5, // 10 / 20
      attemptsPerResolved: 40 / 15,
      escalationRate: 0.25,
      tokenCostUsd: 0.14, // 40 × $0.0035
      tokenCostPerResolvedUsd: 0.009333333333333, // 0.14 / 15, half-even to the femto-dollar
      humanCostUsd: 70, // (10 × 2 + 5 × 10) min at $60/h
      fullyLoadedCostPerResolvedUsd: 3.507, // (0.14 + 70) / 20
      bpoPricePerUnitUsd: 4,
      laborCostPerUnitUsd: 12, // 12 min at $60/h
      savingPerUnitUsd: 0.493,
      valuePerInferenceDollar: 1285.714285714285, // 20 × $9 / $0.14, to 12 decimals
      retryOverheadShare: 0.5, // attempts 2 and 3 of the unusual claims: 20 × $0.0035 of $0.14
      expensiveFailureShare: 0,
      costSpread: { p50: 0.0035, p95: 0.0105, max: 0.0105, min: 0.0035, maxOverMin: 3 },
    });
  });

  it('segments by a span attribute and an outcome attribute, and states the driver', async () => {
    const { body } = await server.getJson<WorkflowDetail>('/api/v1/workflows/claims');
    const segments = body.segments.unusual_documents ?? [];
    expect(
      segments.map((s) => [s.group, s.units, s.tokenCostUsd, s.fullyLoadedCostPerResolvedUsd]),
    ).toEqual([
      ['unusual_documents=no', 10, 0.035, 2.0035], // (0.035 + 20) / 10
      ['unusual_documents=yes', 10, 0.105, 5.0105], // (0.105 + 50) / 10
    ]);
    expect(body.drivers.map((d) => d.sentence)).toEqual([
      'Claims with unusual_documents=yes: 50% of volume, 75% of token spend; 6.0 attempts per resolved claim; $5.01 per resolved claim against a BPO price of $4.00.',
    ]);
    expect(body.series.reduce((n, day) => n + day.units, 0)).toBe(20);
  });

  it('shows one unit with its attempts in order, their costs and its outcome', async () => {
    const { status, body } = await server.getJson<WorkUnitReport>('/api/v1/work-units/U-7');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      workUnitId: 'U-7',
      workflow: 'claims',
      tokenCostUsdExact: '0.0105', // 3 attempts × $0.0035
      humanMinutes: 10,
      outcome: { status: 'resolved', resolvedBy: 'human', humanMinutes: 10 },
    });
    expect(body.attempts.map((a) => [a.attempt, a.costUsd, a.steps.length])).toEqual([
      [1, 0.0035, 2],
      [2, 0.0035, 2],
      [3, 0.0035, 2],
    ]);
    expect((await server.getJson('/api/v1/work-units/nobody')).status).toBe(404);
  });

  it('narrows the workflows report to one business attribute value (outcome or span)', async () => {
    // unusual_documents=no is on the 10 N claims' outcomes; =yes on the 10 U claims' spans.
    const yes = await server.getJson<{ workflows: WorkflowEconomics[] }>(
      '/api/v1/workflows?attr.unusual_documents=yes',
    );
    expect(yes.body.workflows.map((w) => [w.units, w.attempts, w.tokenCostUsd])).toEqual([
      [10, 30, 0.105],
    ]);
    const no = await server.getJson<{ workflows: WorkflowEconomics[] }>(
      '/api/v1/workflows?attr.unusual_documents=no',
    );
    expect(no.body.workflows.map((w) => [w.units, w.attempts, w.tokenCostUsd])).toEqual([
      [10, 10, 0.035],
    ]);
    const detail = await server.getJson<WorkflowDetail>(
      '/api/v1/workflows/claims?attr.unusual_documents=yes',
    );
    expect([detail.body.workflow.units, detail.body.workflow.tokenCostUsd]).toEqual([10, 0.105]);
    const two = await server.getJson<{ error: string }>('/api/v1/workflows?attr.a=1&attr.b=2');
    expect(two.status).toBe(400);
  });

  it('spreads the claims over cost bands: one attempt in the cheap band, three in the dear', async () => {
    // 10 claims at $0.0035, 10 at 3 × $0.0035 = $0.0105; two bands split at 0.0035 × √3 ≈ $0.00606.
    const { status, body } = await server.getJson<CostDistributionView>(
      '/api/v1/workflows/claims/cost-distribution?bands=2',
    );
    expect(status).toBe(200);
    expect(body).toMatchObject({ workflow: 'claims', units: 20, zeroCostUnits: 0 });
    expect(body.tokenCostUsdExact).toBe('0.14');
    expect(
      body.bands.map((b) => [b.fromUsdExact, b.units, b.resolvedUnits, b.tokenCostUsdExact]),
    ).toEqual([
      ['0.0035', 10, 10, '0.035'],
      [body.bands[1]?.fromUsdExact, 10, 10, '0.105'],
    ]);
    expect(body.bands[1]?.fromUsd).toBeCloseTo(0.0035 * Math.sqrt(3), 12);
    expect(body.bands.map((b) => [b.unitShare, b.costShare])).toEqual([
      [0.5, 0.25],
      [0.5, 0.75],
    ]);
    const bad = await server.getJson<{ error: string }>(
      '/api/v1/workflows/claims/cost-distribution?bands=0',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('bands must be a whole number from 1 to 100');
  });

  it('reports spend with nothing unattributed, and refuses a malformed range', async () => {
    const { body } = await server.getJson<{ costUsd: number; unattributedCostUsd: number }>(
      '/api/v1/spend',
    );
    expect(body).toMatchObject({ costUsd: 0.14, unattributedCostUsd: 0, attributedCostUsd: 0.14 });
    const bad = await server.getJson<{ error: string }>('/api/v1/workflows?from=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/from must be an ISO-8601 time/);
    expect((await server.getJson('/api/v1/workflows/nope')).status).toBe(404);
  });

  it('reads and updates the baseline through the API, and the report follows at once', async () => {
    const current = await server.getJson<Record<string, unknown>>(
      '/api/v1/workflows/claims/baseline',
    );
    expect(current.body).toMatchObject({
      bpoPricePerUnitUsd: '4',
      loadedHourlyRateUsd: '60',
      unitName: 'claim',
    });
    const put = (body: unknown) =>
      fetch(`${server.url}/api/v1/workflows/claims/baseline`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const bad = await put({ bpoPricePerUnitUsd: '-3' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'bpoPricePerUnitUsd: must be a non-negative decimal amount',
    );
    const ok = await put({
      team: 'claims-ops',
      unitName: 'claim',
      bpoPricePerUnitUsd: '3.00',
      laborMinutesPerUnit: 12,
      loadedHourlyRateUsd: '60',
    });
    expect(ok.status).toBe(200);
    const { body } = await server.getJson<{ workflows: WorkflowEconomics[] }>('/api/v1/workflows');
    expect(body.workflows[0]).toMatchObject({ bpoPricePerUnitUsd: 3, savingPerUnitUsd: -0.507 }); // 3.00 − 3.507
  });
});
