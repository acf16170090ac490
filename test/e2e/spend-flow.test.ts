/**
 * The spend flow and the view filters over HTTP on a real server and DuckDB file: the hand-worked
 * dataset of store-flow.contract.ts with claims owned by team ops and tickets by team care.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedFlowDataset } from '../../src/store/store-flow.contract.js';
import { teamBaseline } from '../support/baseline.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Flow {
  total: { usd: string };
  links: { team: string; workflow: string; model: string; outcome: string; usd: string }[];
}
interface Waste {
  workflows: {
    workflow: string;
    total: { usd: string };
    awaitingOutcome: { usd: string };
    classes: Record<string, { usd: string }>;
  }[];
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedFlowDataset(server.store);
  await server.store.saveBaselines([
    teamBaseline('claims', 'ops'),
    teamBaseline('tickets', 'care'),
  ]);
});
afterAll(async () => server.dispose());

const links = (flow: Flow) =>
  flow.links.map((l) => `${l.team} ${l.workflow} ${l.model} ${l.outcome} ${l.usd}`);

describe('GET /api/v1/spend/flow', () => {
  it('gives every link with its team; the links add up to the total and match /waste', async () => {
    const { status, body } = await server.getJson<Flow>('/api/v1/spend/flow');
    expect(status).toBe(200);
    expect(links(body)).toEqual([
      'ops claims claude-haiku-4-5 failedAttempts 0.05',
      'ops claims claude-haiku-4-5 awaitingOutcome 0.07',
      'ops claims gpt-4o abandoned 0.2',
      'ops claims gpt-4o failedAttempts 0.3',
      'ops claims gpt-4o resolved 0.1',
      'care tickets claude-haiku-4-5 failedAttempts 0.04',
    ]);
    // 0.05 + 0.07 + 0.20 + 0.30 + 0.10 + 0.04; the unlinked $1.00 trace is in no flow.
    expect(body.total.usd).toBe('0.76');
    const waste = (await server.getJson<Waste>('/api/v1/waste')).body;
    const claims = waste.workflows.find((w) => w.workflow === 'claims');
    expect(claims?.total.usd).toBe('0.72');
    expect(claims?.classes.failedAttempts?.usd).toBe('0.35');
    expect(claims?.classes.abandoned?.usd).toBe('0.2');
    expect(claims?.awaitingOutcome.usd).toBe('0.07');
  });

  it('narrows by team and by one business attribute, on the flow and on /waste', async () => {
    const care = (await server.getJson<Flow>('/api/v1/spend/flow?team=care')).body;
    expect(links(care)).toEqual(['care tickets claude-haiku-4-5 failedAttempts 0.04']);
    const wasteCare = (await server.getJson<Waste>('/api/v1/waste?team=care')).body;
    expect(wasteCare.workflows.map((w) => `${w.workflow} ${w.total.usd}`)).toEqual([
      'tickets 0.04',
    ]);
    // gold: C-1 ($0.45 in three links) and T-1; C-2's outcome says silver.
    const gold = (await server.getJson<Flow>('/api/v1/spend/flow?attr.segment=gold')).body;
    expect(gold.total.usd).toBe('0.49');
    const wasteGold = (await server.getJson<Waste>('/api/v1/waste?attr.segment=gold')).body;
    expect(wasteGold.workflows.map((w) => `${w.workflow} ${w.total.usd}`)).toEqual([
      'claims 0.45',
      'tickets 0.04',
    ]);
  });

  it('refuses two attribute filters with a 400 naming the rule', async () => {
    const { status, body } = await server.getJson<{ error: string }>(
      '/api/v1/spend/flow?attr.segment=gold&attr.region=eu',
    );
    expect(status).toBe(400);
    expect(body.error).toMatch(/at most one business attribute/);
  });
});
