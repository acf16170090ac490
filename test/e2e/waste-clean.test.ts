/**
 * Waste over real HTTP on hand-built trajectories sent as OTLP protobuf from the OpenTelemetry SDK:
 * clean ones (distinct tool arguments and prompts, inputs near their step's median, one attempt,
 * resolved by AI) must report no waste in any class, and a prompt sent twice in one attempt must
 * come back as a loop worth exactly the repeated call.
 */
import { SpanKind } from '@opentelemetry/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waste } from '../../src/analysis/index.js';
import { buildTrace, chatSpan, type SpanSpec, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Amount {
  usd: string;
}
interface WasteView {
  total: Amount;
  productive: Amount;
  classes: Record<string, Amount & { count: number }>;
  sentence: string;
}

let server: TestServer;
const T0 = Date.UTC(2026, 0, 15, 9);

const chat = (at: number, step: string, input: number, prompt: string): SpanSpec => ({
  ...chatSpan('gpt-4o-mini', input, 100, {
    'tokenledger.step.name': step,
    'gen_ai.input.messages': JSON.stringify([{ role: 'user', content: prompt }]),
  }),
  startTime: at,
  durationMs: 100,
});
const tool = (at: number, args: string): SpanSpec => ({
  name: 'execute_tool lookup',
  kind: SpanKind.INTERNAL,
  startTime: at,
  durationMs: 50,
  attributes: {
    'gen_ai.operation.name': 'execute_tool',
    'gen_ai.tool.name': 'lookup',
    'gen_ai.tool.call.arguments': args,
  },
});

async function send(workflow: string, unit: string, at: number, children: SpanSpec[]) {
  const root: SpanSpec = {
    name: 'handle',
    startTime: at,
    durationMs: 1000,
    attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': workflow },
    children,
  };
  const response = await server.post('/v1/traces', toProtobuf(buildTrace(root)), {
    'content-type': 'application/x-protobuf',
  });
  expect(response.status).toBe(200);
}

beforeAll(async () => {
  server = await startTestServer();
  const records: unknown[] = [];
  for (let i = 0; i < 5; i++) {
    const at = T0 + i * 60_000;
    await send('clean', `K-${i}`, at, [
      chat(at + 10, 'plan', 1000 + i * 10, `plan unit ${i}`),
      tool(at + 20, JSON.stringify({ id: i })),
      chat(at + 30, 'respond', 2000 + i, `respond unit ${i}`),
    ]);
    records.push({ workUnitId: `K-${i}`, workflow: 'clean', status: 'resolved', resolvedBy: 'ai' });
  }
  // gpt-4o-mini 1,000 in / 100 out = $0.00015 + $0.00006 = $0.00021, the same prompt twice.
  await send('repeats', 'P-1', T0, [
    chat(T0 + 10, 'plan', 1000, 'the same question'),
    chat(T0 + 20, 'plan', 1000, 'the same question'),
  ]);
  records.push({ workUnitId: 'P-1', workflow: 'repeats', status: 'resolved', resolvedBy: 'ai' });
  const response = await server.post(
    '/v1/outcomes',
    records
      .map((r) => JSON.stringify({ ...(r as object), occurredAt: '2026-01-16T00:00:00Z' }))
      .join('\n'),
    { 'content-type': 'application/x-ndjson' },
  );
  expect(((await response.json()) as { accepted: number }).accepted).toBe(records.length);
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

describe('waste over HTTP on hand-built trajectories', () => {
  it('reports none on clean trajectories', async () => {
    const { status, body } = await server.getJson<WasteView>('/api/v1/workflows/clean/waste');
    expect(status).toBe(200);
    for (const c of waste.WASTE_CLASSES) expect(body.classes[c]?.usd, c).toBe('0');
    // plan 1000..1040 and respond 2000..2004 tokens in, 100 out each, on gpt-4o-mini.
    expect(body.productive.usd).toBe(body.total.usd);
    expect(Number(body.total.usd)).toBeGreaterThan(0);
    expect(body.sentence).toContain('No waste found');
  });

  it('finds the prompt sent twice as a loop worth the second call', async () => {
    const { body } = await server.getJson<WasteView>('/api/v1/workflows/repeats/waste');
    expect(body.total.usd).toBe('0.00042');
    expect(body.classes.loops).toMatchObject({ usd: '0.00021', count: 1 });
    expect(body.productive.usd).toBe('0.00021');
  });
});
