/**
 * Report answers over HTTP are cached until the store writes: a repeated question gets the same
 * answer (same computed-at), a write through the API is visible to the very next read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;

async function attempt(unit: string): Promise<void> {
  const spans = buildTrace({
    name: 'resolve-claim',
    attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': 'claims' },
    children: [chatSpan('gpt-4o', 1000, 100)],
  });
  const response = await server.post('/v1/traces', toProtobuf(spans), {
    'content-type': 'application/x-protobuf',
  });
  expect(response.status).toBe(200);
}

async function workflows(): Promise<{
  units: number;
  computedAt: string | null;
  stale: string | null;
}> {
  const response = await fetch(`${server.url}/api/v1/workflows`);
  const body = (await response.json()) as { workflows: { units: number }[] };
  return {
    units: body.workflows[0]?.units ?? 0,
    computedAt: response.headers.get('x-tokenledger-computed-at'),
    stale: response.headers.get('x-tokenledger-stale'),
  };
}

beforeAll(async () => {
  server = await startTestServer();
  await attempt('C-1');
});
afterAll(async () => {
  await server.dispose();
});

describe('cached reports', () => {
  it('answers a repeated question from the cache and a question after a write afresh', async () => {
    const first = await workflows();
    expect(first).toMatchObject({ units: 1, stale: 'false' });
    expect(Number.isNaN(Date.parse(first.computedAt ?? ''))).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect((await workflows()).computedAt).toBe(first.computedAt);

    await attempt('C-2');
    const afterSpans = await workflows();
    expect(afterSpans).toMatchObject({ units: 2, stale: 'false' });
    expect(afterSpans.computedAt).not.toBe(first.computedAt);

    const outcome = { workUnitId: 'C-3', workflow: 'claims', status: 'resolved', resolvedBy: 'ai' };
    const posted = await server.post('/v1/outcomes', JSON.stringify(outcome), {
      'content-type': 'application/json',
    });
    expect(posted.status).toBe(200);
    expect((await workflows()).units).toBe(3);
  });

  it('keeps a 404 for a workflow until it has units', async () => {
    const missing = await fetch(`${server.url}/api/v1/workflows/support`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toContain('"support"');
    const outcome = { workUnitId: 'T-1', workflow: 'support', status: 'failed' };
    await server.post('/v1/outcomes', JSON.stringify(outcome), {
      'content-type': 'application/json',
    });
    expect((await fetch(`${server.url}/api/v1/workflows/support`)).status).toBe(200);
  });
});
