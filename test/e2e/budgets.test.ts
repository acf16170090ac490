/**
 * Budgets over real HTTP: spans linked to claims, budgets from the config file and the API,
 * status, the gateway check, and alerts delivered to real local webhook receivers — one of which
 * fails twice first — exactly once per threshold per period, also across a restart.
 * gpt-4o at $2.50 / $10 per million: one attempt = 1,000 in + 100 out = $0.0025 + $0.001 = $0.0035.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/index.js';
import { usdToFemto } from '../../src/domain/index.js';
import { type RunningServer, startServer } from '../../src/server/index.js';
import { teamBaseline } from '../support/baseline.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-server.js';

let server: TestServer;
let flaky: WebhookReceiver;
let fallback: WebhookReceiver;

interface Status {
  id: string;
  burnUsd: string;
  unpricedSteps: number;
  remainingUsd: string;
  percent: number;
  crossed: string[];
}
interface Check {
  decision: string;
  reason: string;
  remainingUsd: string | null;
  budgets: Status[];
}

const alertSettings = (url: string) => ({
  webhookUrl: url,
  retryBaseMs: 5,
  cacheRefreshMs: 50,
  evaluateIntervalMs: 3_600_000,
});

interface Reply {
  error?: string;
  delivered?: unknown[];
  failed?: unknown[];
}

async function send(path: string, method: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const reply = (response.status === 204 ? {} : await response.json()) as Reply;
  return { status: response.status, body: reply };
}

beforeAll(async () => {
  flaky = await startWebhookReceiver(2);
  fallback = await startWebhookReceiver();
  server = await startTestServer({
    workflows: [teamBaseline('claims', 'claims-ops')],
    budgets: [
      {
        id: 'claims-day',
        team: null,
        workflow: 'claims',
        period: 'day',
        amountFemto: usdToFemto('0.01'),
        thresholds: [0.5, 0.8, 1],
        webhookUrl: flaky.url,
      },
    ],
    budgetAlerts: alertSettings(fallback.url),
  });
  // Three attempts on claims (link on the root span, cost on the child): $0.0105 today.
  for (const unit of ['C-1', 'C-2', 'C-3']) {
    const spans = buildTrace({
      name: 'resolve-claim',
      attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': 'claims' },
      children: [
        chatSpan('gpt-4o', 1000, 100),
        // C-3 also calls a model without a price: flagged on the status, not burned as $0.
        ...(unit === 'C-3' ? [chatSpan('acme-private-7b', 500, 50)] : []),
      ],
    });
    const response = await server.post('/v1/traces', toProtobuf(spans), {
      'content-type': 'application/x-protobuf',
    });
    expect(response.status).toBe(200);
  }
  // Unlinked spend counts towards no budget.
  const stray = buildTrace(chatSpan('gpt-4o', 1000, 100));
  await server.post('/v1/traces', toProtobuf(stray), { 'content-type': 'application/x-protobuf' });
});

afterAll(async () => {
  await server.dispose();
  await flaky.close();
  await fallback.close();
});

describe('budgets over HTTP', () => {
  it('creates a team budget by API and validates bodies naming the field', async () => {
    const put = await send('/api/v1/budgets/claims-ops-month', 'PUT', {
      team: 'claims-ops',
      period: 'month',
      amountUsd: '1',
    });
    expect(put).toEqual({
      status: 200,
      body: {
        id: 'claims-ops-month',
        team: 'claims-ops',
        workflow: null,
        period: 'month',
        amountUsd: '1',
        thresholds: [0.5, 0.8, 1],
        webhookUrl: null,
      },
    });
    const badPeriod = await send('/api/v1/budgets/x', 'PUT', {
      team: 't',
      period: 'year',
      amountUsd: 1,
    });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.body.error).toMatch(/^period: /);
    const nobody = await send('/api/v1/budgets/x', 'PUT', { period: 'day', amountUsd: 1 });
    expect(nobody.body.error).toContain('a budget needs a team, a workflow or both');
    const list = await server.getJson<{ budgets: { id: string }[] }>('/api/v1/budgets');
    expect(list.body.budgets.map((b) => b.id)).toEqual(['claims-day', 'claims-ops-month']);
  });

  it('reports burn, remaining and crossed thresholds exactly', async () => {
    const { body } = await server.getJson<{ budgets: Status[] }>('/api/v1/budgets/status');
    const day = body.budgets.find((b) => b.id === 'claims-day');
    // $0.0105 of $0.01: 105%, every threshold, and a forecast at least the burn.
    expect(day).toMatchObject({
      burnUsd: '0.0105',
      unpricedSteps: 1,
      remainingUsd: '-0.0005',
      percent: 105,
      crossed: ['0.5', '0.8', '1', 'forecast-over'],
    });
    const month = body.budgets.find((b) => b.id === 'claims-ops-month');
    expect(month).toMatchObject({ burnUsd: '0.0105', remainingUsd: '0.9895', percent: 1.05 });
  });

  it('answers the gateway check: deny, allow, and no budget', async () => {
    const deny = await server.getJson<Check>('/api/v1/budgets/check?workflow=claims');
    expect(deny.body.decision).toBe('deny');
    expect(deny.body.reason).toBe(
      'budget claims-day is exhausted: $0.0105 of $0.01 spent this day',
    );
    expect(deny.body.remainingUsd).toBe('-0.0005');
    const team = await server.getJson<Check>('/api/v1/budgets/check?team=claims-ops');
    expect(team.body).toMatchObject({ decision: 'allow', remainingUsd: '0.9895' });
    const unknown = await server.getJson<Check>('/api/v1/budgets/check?team=nobody');
    expect(unknown.body).toEqual({
      decision: 'allow',
      reason: 'no budget applies to team "nobody"',
      remainingUsd: null,
      budgets: [],
    });
  });

  it('delivers each threshold once, through a webhook that fails twice first', async () => {
    const first = await send('/api/v1/budgets/evaluate', 'POST');
    expect(first.body.failed).toEqual([]);
    expect(first.body.delivered).toEqual([
      { budgetId: 'claims-day', threshold: '0.5' },
      { budgetId: 'claims-day', threshold: '0.8' },
      { budgetId: 'claims-day', threshold: '1' },
      { budgetId: 'claims-day', threshold: 'forecast-over' },
    ]);
    // 2 refused + 4 delivered calls; the month budget (1%) crossed nothing, so the default is idle.
    expect(flaky.calls).toBe(6);
    expect(flaky.received).toHaveLength(4);
    expect(flaky.received[0]).toMatchObject({
      type: 'tokenledger.budget.alert',
      threshold: '0.5',
      budget: { id: 'claims-day', burnUsd: '0.0105', amountUsd: '0.01' },
    });
    expect(fallback.calls).toBe(0);
    const again = await send('/api/v1/budgets/evaluate', 'POST');
    expect(again.body).toEqual({ delivered: [], failed: [] });
    expect(flaky.calls).toBe(6);
  });

  it('sends to the default webhook and remembers deliveries across a restart', async () => {
    // A $0.02 budget without a webhook: 52.5% → 0.5 goes to the config's default webhook.
    await send('/api/v1/budgets/claims-small', 'PUT', {
      workflow: 'claims',
      period: 'month',
      amountUsd: '0.02',
    });
    await server.close();
    let restarted: RunningServer | null = null;
    try {
      restarted = await startServer(
        defaultConfig({
          port: 0,
          dbPath: server.dbPath,
          budgetAlerts: alertSettings(fallback.url),
        }),
      );
      const response = await fetch(`${restarted.url}/api/v1/budgets/evaluate`, { method: 'POST' });
      expect(await response.json()).toEqual({
        delivered: [{ budgetId: 'claims-small', threshold: '0.5' }],
        failed: [],
      });
      expect(flaky.calls).toBe(6);
      expect(fallback.received).toHaveLength(1);
      const deleted = await fetch(`${restarted.url}/api/v1/budgets/claims-small`, {
        method: 'DELETE',
      });
      expect(deleted.status).toBe(204);
      const missing = await fetch(`${restarted.url}/api/v1/budgets/claims-small`, {
        method: 'DELETE',
      });
      expect(missing.status).toBe(404);
    } finally {
      await restarted?.close();
      await rm(server.dir, { recursive: true, force: true });
    }
  });
});
