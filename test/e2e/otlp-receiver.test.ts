import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TraceReport } from '../../src/analysis/index.js';
import { readStatus, readTraceResponse } from '../support/otlp-response.js';
import { buildTrace, chatSpan, toJson, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PROTOBUF = { 'content-type': 'application/x-protobuf' };
const JSON_UTF8 = { 'content-type': 'application/json; charset=utf-8' };

// gpt-4o at $2.50 input / $10 output per million tokens:
//   1000 in + 100 out = 0.0025 + 0.001 = $0.0035
//   500 in + 200 out  = 0.00125 + 0.002 = $0.00325      trace total $0.00675
function agentTrace() {
  return buildTrace({
    name: 'invoke_agent claims-bot',
    attributes: {
      'gen_ai.operation.name': 'invoke_agent',
      'gen_ai.agent.name': 'claims-bot',
      'gen_ai.usage.input_tokens': 1500,
      'gen_ai.usage.output_tokens': 300,
      'tokenledger.work_unit.id': 'C-1042',
      'tokenledger.workflow': 'claims-adjudication',
    },
    children: [
      chatSpan('gpt-4o', 1000, 100, { 'gen_ai.response.id': 'chatcmpl-1' }),
      {
        name: 'execute_tool lookup_policy',
        attributes: {
          'gen_ai.operation.name': 'execute_tool',
          'gen_ai.tool.name': 'lookup_policy',
        },
      },
      chatSpan('gpt-4o', 500, 200, { 'gen_ai.response.id': 'chatcmpl-2' }),
    ],
  });
}

describe('OTLP/HTTP receiver over real HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.dispose();
  });

  async function getTrace(traceId: string) {
    return server.getJson<TraceReport>(`/api/v1/traces/${traceId}`);
  }

  it('accepts protobuf from the SDK serializer, prices each call and counts the agent roll-up once', async () => {
    const spans = agentTrace();
    const traceId = spans[0]?.spanContext().traceId ?? '';
    const response = await server.post('/v1/traces', toProtobuf(spans), PROTOBUF);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-protobuf');
    expect(readTraceResponse(new Uint8Array(await response.arrayBuffer()))).toBeNull();

    const { status, body } = await getTrace(traceId);
    expect(status).toBe(200);
    expect(body.steps).toHaveLength(4);
    const agent = body.steps.find((s) => s.kind === 'agent');
    expect(agent).toMatchObject({
      usageCounted: false,
      usageExclusion: 'rolled_up',
      inputTokens: 1500,
    });
    const chats = body.steps.filter((s) => s.kind === 'llm');
    expect(chats.map((s) => s.costUsd).sort()).toEqual([0.00325, 0.0035]);
    expect(chats.every((s) => s.priced && s.usageCounted && s.convention === 'gen-ai')).toBe(true);
    expect(body.steps.find((s) => s.kind === 'tool')?.toolName).toBe('lookup_policy');
    expect(body.totals).toMatchObject({
      inputTokens: 1500,
      outputTokens: 300,
      costUsdExact: '0.00675',
      unpricedSteps: 0,
    });
    expect(agent?.attributes['tokenledger.work_unit.id']).toBe('C-1042');
  });

  it('accepts JSON (with a charset parameter) and gzip bodies', async () => {
    const jsonSpans = agentTrace();
    const jsonResponse = await server.post('/v1/traces', toJson(jsonSpans), JSON_UTF8);
    expect(jsonResponse.status).toBe(200);
    expect(await jsonResponse.json()).toEqual({});
    expect(
      (await getTrace(jsonSpans[0]?.spanContext().traceId ?? '')).body.totals.costUsdExact,
    ).toBe('0.00675');

    const gzSpans = agentTrace();
    const gz = await server.post('/v1/traces', gzipSync(toProtobuf(gzSpans)), {
      ...PROTOBUF,
      'content-encoding': 'gzip',
    });
    expect(gz.status).toBe(200);
    expect((await getTrace(gzSpans[0]?.spanContext().traceId ?? '')).body.steps).toHaveLength(4);
  });

  it('stores each span once when an exporter retries the same request', async () => {
    const spans = agentTrace();
    const body = toProtobuf(spans);
    for (let i = 0; i < 3; i++)
      expect((await server.post('/v1/traces', body, PROTOBUF)).status).toBe(200);
    const { body: report } = await getTrace(spans[0]?.spanContext().traceId ?? '');
    expect(report.steps).toHaveLength(4);
    expect(report.totals.costUsdExact).toBe('0.00675');
  });

  describe('bad input gets its documented answer, and nothing accepted earlier is lost', () => {
    const kept = agentTrace();
    const keptId = kept[0]?.spanContext().traceId ?? '';
    beforeAll(async () => {
      expect((await server.post('/v1/traces', toProtobuf(kept), PROTOBUF)).status).toBe(200);
    });

    it('415 for another content type', async () => {
      const response = await server.post('/v1/traces', 'hello', { 'content-type': 'text/plain' });
      expect(response.status).toBe(415);
      expect(((await response.json()) as { message: string }).message).toMatch(
        /application\/x-protobuf or application\/json/,
      );
    });

    it('400 naming the problem for truncated protobuf', async () => {
      const bytes = toProtobuf(agentTrace());
      const response = await server.post('/v1/traces', bytes.slice(0, bytes.length - 7), PROTOBUF);
      expect(response.status).toBe(400);
      const status = readStatus(new Uint8Array(await response.arrayBuffer()));
      expect(status.code).toBe(3);
      expect(status.message.length).toBeGreaterThan(10);
    });

    it('400 for malformed JSON and for invalid gzip', async () => {
      const json = await server.post('/v1/traces', '{"resourceSpans": [', JSON_UTF8);
      expect(json.status).toBe(400);
      expect(((await json.json()) as { message: string }).message).toMatch(/JSON/i);
      const gz = await server.post('/v1/traces', 'not gzip', {
        ...PROTOBUF,
        'content-encoding': 'gzip',
      });
      expect(gz.status).toBe(400);
      expect(readStatus(new Uint8Array(await gz.arrayBuffer())).message).toMatch(/gzip/);
    });

    it('413 above the size limit, compressed or decompressed', async () => {
      const big = new Uint8Array(5 * 1024 * 1024);
      expect((await server.post('/v1/traces', big, PROTOBUF)).status).toBe(413);
      const bomb = gzipSync(new Uint8Array(6 * 1024 * 1024));
      expect(
        (await server.post('/v1/traces', bomb, { ...PROTOBUF, 'content-encoding': 'gzip' })).status,
      ).toBe(413);
    });

    it('rejects only the span with a negative token count, as partial success', async () => {
      const spans = buildTrace({
        name: 'root',
        children: [chatSpan('gpt-4o', -5, 10), chatSpan('gpt-4o', 1000, 100)],
      });
      const response = await server.post('/v1/traces', toProtobuf(spans), PROTOBUF);
      expect(response.status).toBe(200);
      const partial = readTraceResponse(new Uint8Array(await response.arrayBuffer()));
      expect(partial?.rejectedSpans).toBe(1);
      expect(partial?.errorMessage).toMatch(/gen_ai\.usage\.input_tokens/);
      const { body } = await getTrace(spans[0]?.spanContext().traceId ?? '');
      expect(body.steps).toHaveLength(2);
      expect(body.totals.costUsdExact).toBe('0.0035');
    });

    it('accepts absurd attribute values without losing the span', async () => {
      const spans = buildTrace(
        chatSpan('gpt-4o', 1000, 100, {
          'gen_ai.input.messages': 'x'.repeat(1_000_000),
          'gen_ai.request.model': 12345 as unknown as string,
          'customer.tier': 'gold',
        }),
      );
      const response = await server.post('/v1/traces', toProtobuf(spans), PROTOBUF);
      expect(response.status).toBe(200);
      const { body } = await getTrace(spans[0]?.spanContext().traceId ?? '');
      expect(body.steps[0]).toMatchObject({ model: 'gpt-4o', costUsd: 0.0035 });
      expect(body.steps[0]?.attributes['customer.tier']).toBe('gold');
    });

    it('still serves the trace accepted before the bad requests', async () => {
      const { status, body } = await getTrace(keptId);
      expect(status).toBe(200);
      expect(body.totals.costUsdExact).toBe('0.00675');
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  });

  it('404 for an unknown trace and 400 for a malformed id', async () => {
    expect((await getTrace('0123456789abcdef0123456789abcdef')).status).toBe(404);
    expect((await getTrace('nothex')).status).toBe(400);
  });
});
