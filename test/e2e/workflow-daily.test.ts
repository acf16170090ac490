/**
 * GET /api/v1/workflows/{workflow}/daily over HTTP: the overview's trend is the workflow detail's
 * economics and daily series, figure for figure, without its segments and drivers; an unknown
 * workflow or an empty range is a 404 naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Two claims on gpt-4o: 4,000 and 6,000 input tokens, 100 output tokens each.
  for (const [unit, tokens] of [
    ['C-1', 4000],
    ['C-2', 6000],
  ] as const) {
    const body = toProtobuf(
      buildTrace({
        name: 'resolve',
        attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': 'claims' },
        children: [chatSpan('gpt-4o', tokens, 100)],
      }),
    );
    expect((await server.post('/v1/traces', body, PROTOBUF)).status).toBe(200);
  }
}, 60_000);
afterAll(async () => {
  await server.dispose();
});

interface Economics {
  group: string;
  units: number;
  tokenCostUsd: number;
}

describe('GET /api/v1/workflows/{workflow}/daily', () => {
  it('is the detail’s economics and series alone', async () => {
    const detail = await server.getJson<{ workflow: Economics; series: Economics[] }>(
      '/api/v1/workflows/claims',
    );
    const daily = await server.getJson<Record<string, unknown>>('/api/v1/workflows/claims/daily');
    expect(daily.status).toBe(200);
    expect(Object.keys(daily.body).sort()).toEqual(['series', 'workflow']);
    expect(daily.body.workflow).toEqual(detail.body.workflow);
    expect(daily.body.series).toEqual(detail.body.series);
    // gpt-4o at $2.50 input / $10 output per million: (4,000 + 6,000) × 2.5e-6 + 200 × 1e-5 = $0.027.
    expect(detail.body.workflow.units).toBe(2);
    expect(detail.body.workflow.tokenCostUsd).toBeCloseTo(0.027, 12);
    expect(detail.body.series.reduce((sum, day) => sum + day.units, 0)).toBe(2);
  });

  it('answers 404 naming an unknown workflow', async () => {
    const response = await fetch(`${server.url}/api/v1/workflows/nothing/daily`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('"nothing"');
  });
});
