/** The CLI's read commands in-process, against a running server (--url) and the DuckDB file (--db). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let traceId = '';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

beforeAll(async () => {
  server = await startTestServer();
  // One priced call (gpt-4o: 1,000 in + 100 out = $0.0035) and one unknown model.
  const spans = buildTrace({
    name: 'resolve-ticket',
    attributes: { 'tokenledger.work_unit.id': 'T-1', 'tokenledger.workflow': 'support' },
    children: [chatSpan('gpt-4o', 1000, 100), chatSpan('acme-private-7b', 500, 50)],
  });
  traceId = spans[0]?.spanContext().traceId ?? '';
  expect(
    (
      await server.post('/v1/traces', toProtobuf(spans), {
        'content-type': 'application/x-protobuf',
      })
    ).status,
  ).toBe(200);
  const outcome = { workUnitId: 'T-1', workflow: 'support', status: 'resolved', resolvedBy: 'ai' };
  expect(
    (
      await server.post('/v1/outcomes', JSON.stringify(outcome), {
        'content-type': 'application/json',
      })
    ).status,
  ).toBe(200);
});
afterAll(async () => {
  await server.dispose();
});

describe('tokenledger CLI', () => {
  it('trace prints every step and the exact total', async () => {
    const { code, out } = await cli(['trace', traceId, '--url', server.url]);
    expect(code).toBe(0);
    expect(out).toMatch(/chat gpt-4o/);
    expect(out).toMatch(/unpriced/);
    expect(out).toMatch(/1500 input \+ 150 output tokens, \$0\.003500 \(\+ 1 unpriced step\(s\)\)/);
  });

  it('prices check lists the unpriced model and exits 2', async () => {
    const { code, out } = await cli(['prices', 'check', '--url', server.url]);
    expect(code).toBe(2);
    expect(out).toMatch(/acme-private-7b\s+openai\s+1\s+500\s+50/);
  });

  it('report prints the workflow as CSV and JSON with the API figures', async () => {
    const csv = await cli(['report', '--url', server.url, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[1]).toBe(
      'support,1,1,100.0%,1,$0.003500,$0.003500,,,,0.0%,$0.003500',
    );
    const json = await cli(['report', '--url', server.url, '--format', 'json']);
    expect(JSON.parse(json.out).workflows[0]).toMatchObject({
      workflow: 'support',
      tokenCostPerResolvedUsd: 0.0035,
      unpricedSteps: 1,
    });
  });

  it('explains bad input and exits 1', async () => {
    expect((await cli(['report', '--url', server.url, '--since', 'last tuesday'])).err).toMatch(
      /from must be an ISO-8601 time/,
    );
    expect((await cli(['report', '--format', 'xml'])).code).toBe(1);
    expect((await cli(['frobnicate'])).err).toMatch(/unknown command "frobnicate"/);
  });
});
