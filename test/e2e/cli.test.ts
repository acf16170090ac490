/** The CLI's read commands in-process, against a running server (--url) and the DuckDB file (--db). */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkUnitReport } from '../../src/analysis/index.js';
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

  it('report --workflow draws the units per cost band', async () => {
    const { code, out } = await cli(['report', '--url', server.url, '--workflow', 'support']);
    expect(code).toBe(0);
    // One unit with a cost: a single band from $0.0035 to $0.0035 holding all of it.
    expect(out).toContain('Token cost per work unit (1 units with a cost, 0 without):');
    expect(out).toMatch(
      /\$0\.003500–\$0\.003500 {2}█{32} {2} {5}1 units {2}100\.0% of units {2}100\.0% of spend/,
    );
  });

  it('imports outcomes from CSV with a column mapping, through the server and into a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenledger-import-'));
    const csv = join(dir, 'outcomes.csv');
    await writeFile(
      csv,
      'claim_id,result,resolver,minutes,segment\r\nT-2,resolved,ai,1.5,"gold, plus"\r\nT-3,done,ai,0,x\r\nT-4,failed,,,silver\r\n',
    );
    const map = [
      '--map',
      'workUnitId=claim_id',
      '--map',
      'status=result',
      '--map',
      'resolvedBy=resolver',
      '--map',
      'humanMinutes=minutes',
    ];
    const viaServer = await cli([
      'import',
      'outcomes',
      csv,
      ...map,
      '--workflow',
      'support',
      '--url',
      server.url,
    ]);
    expect(viaServer.code).toBe(2);
    expect(viaServer.out).toMatch(
      /imported 2 outcome\(s\) into http:\/\/127\.0\.0\.1:\d+; rejected 1/,
    );
    expect(viaServer.out).toMatch(
      /row 3: status: must be one of resolved, failed, escalated, abandoned/,
    );
    const unit = await server.getJson<WorkUnitReport>('/api/v1/work-units/T-2');
    expect(unit.body.outcome).toMatchObject({
      status: 'resolved',
      resolvedBy: 'ai',
      humanMinutes: 1.5,
      attributes: { segment: 'gold, plus' },
    });
    const viaFile = await cli([
      'import',
      'outcomes',
      csv,
      ...map,
      '--workflow',
      'support',
      '--db',
      join(dir, 'x.duckdb'),
    ]);
    expect(viaFile.out).toMatch(/imported 2 outcome\(s\) into .*x\.duckdb; rejected 1/);
    await rm(dir, { recursive: true, force: true });
  });

  it('explains bad input and exits 1', async () => {
    expect((await cli(['report', '--url', server.url, '--since', 'last tuesday'])).err).toMatch(
      /from must be an ISO-8601 time/,
    );
    expect((await cli(['report', '--format', 'xml'])).code).toBe(1);
    expect((await cli(['frobnicate'])).err).toMatch(/unknown command "frobnicate"/);
  });
});
