/**
 * The receiver with capture worker threads (config `captureWorkers`): decoding, normalising and
 * pricing run off the main thread, and a user sees exactly what the main thread would give them —
 * the price file's prices, a 400 naming the problem, and retries stored once.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceReport } from '../../src/analysis/index.js';
import { readStatus } from '../support/otlp-response.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const PRICES = fileURLToPath(new URL('../fixtures/pricing/contract-prices.json', import.meta.url));

// The price file's self-hosted llama at $0.02 input / $0.04 output per million tokens (the
// catalog has no such model, so only the workers' own price book built from the file prices it):
//   1000 in + 500 out = 0.00002 + 0.00002 = $0.00004
// gpt-4o at the file's contract price from 2025-07-01, $2 / $8 per million (a model's own price
// wins over the provider-wide 10% discount, which applies to catalog prices); the SDK's clock is
// today: 200 in + 100 out = 0.0004 + 0.0008 = $0.0012 (the catalog's $2.50 / $10 would give
// $0.0015).                                                            trace total $0.00124
function trace() {
  return buildTrace({
    name: 'invoke_agent triage',
    attributes: { 'gen_ai.operation.name': 'invoke_agent' },
    children: [
      chatSpan('llama-3.1-8b-local', 1000, 500, { 'gen_ai.provider.name': 'vllm' }),
      chatSpan('gpt-4o', 200, 100),
    ],
  });
}

describe('receiver with capture workers', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ captureWorkers: 2, pricesPath: PRICES });
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('prices with the price file in the workers and stores a retried request once', async () => {
    const spans = trace();
    const traceId = spans[0]?.spanContext().traceId ?? '';
    const body = toProtobuf(spans);
    const [first, retry] = await Promise.all([
      server.post('/v1/traces', body, PROTOBUF),
      server.post('/v1/traces', body, PROTOBUF),
    ]);
    expect([first.status, retry.status]).toEqual([200, 200]);

    const { status, body: report } = await server.getJson<TraceReport>(`/api/v1/traces/${traceId}`);
    expect(status).toBe(200);
    expect(report.steps).toHaveLength(3);
    const costs = Object.fromEntries(
      report.steps.filter((s) => s.kind === 'llm').map((s) => [s.model, s.costUsd]),
    );
    expect(costs).toEqual({ 'llama-3.1-8b-local': 0.00004, 'gpt-4o': 0.0012 });
    expect(report.totals).toMatchObject({ costUsdExact: '0.00124', unpricedSteps: 0 });
  });

  it('answers 400 naming the problem for a truncated body, and keeps serving', async () => {
    const bytes = toProtobuf(trace());
    const bad = await server.post('/v1/traces', bytes.slice(0, bytes.length - 7), PROTOBUF);
    expect(bad.status).toBe(400);
    const problem = readStatus(new Uint8Array(await bad.arrayBuffer()));
    expect(problem.code).toBe(3);
    expect(problem.message.length).toBeGreaterThan(10);
    expect((await server.post('/v1/traces', toProtobuf(trace()), PROTOBUF)).status).toBe(200);
  });
});
