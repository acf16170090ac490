/**
 * The report warm-up over HTTP: a server started on a filled store computes the dashboard's
 * default reports in the background, so the overview's routes answer from the cache (computed
 * before the request was made); it does not hold off OTLP, and a close in the middle of it is clean.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, loadConfig } from '../../src/config/index.js';
import { startServer } from '../../src/server/index.js';
import { snapshotPathFor } from '../../src/server/report-snapshots.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let filled: TestServer;

const trace = (unit: string, workflow: string, model: string, tokens: number) =>
  toProtobuf(
    buildTrace({
      name: 'resolve',
      attributes: { 'tokenledger.work_unit.id': unit, 'tokenledger.workflow': workflow },
      children: [chatSpan(model, tokens, 100)],
    }),
  );

const PROTOBUF = { 'content-type': 'application/x-protobuf' };

/** Report answers a closed server kept beside the file (report-snapshots.test.ts covers them). */
const forgetKeptReports = () => rm(snapshotPathFor(filled.dbPath) ?? '', { force: true });

/**
 * The overview's default requests, then the page of its costliest workflow as the page asks for
 * it (claims: gpt-4o, 5,000 tokens a unit, outspends support), then the allocation page's
 * recommendations.
 */
const OVERVIEW = [
  '/api/v1/spend/totals',
  '/api/v1/workflows',
  '/api/v1/workflows/claims/daily',
  '/api/v1/spend/flow',
  '/api/v1/waste/split',
  '/api/v1/workflows/claims',
  '/api/v1/workflows/claims/waste',
  '/api/v1/work-units?workflow=claims&sort=-cost&limit=10',
  '/api/v1/workflows/claims/compare',
  '/api/v1/recommendations',
];

beforeAll(async () => {
  filled = await startTestServer();
  for (const unit of ['C-1', 'C-2'])
    expect(
      (await filled.post('/v1/traces', trace(unit, 'claims', 'gpt-4o', 5000), PROTOBUF)).status,
    ).toBe(200);
  expect(
    (await filled.post('/v1/traces', trace('S-1', 'support', 'gpt-4o-mini', 100), PROTOBUF)).status,
  ).toBe(200);
  // Closed, not disposed: the servers below reopen its file.
  await filled.close();
}, 60_000);
afterAll(async () => {
  await filled.dispose();
});

describe('the report warm-up', () => {
  it('answers the overview’s routes from the cache once it is over', async () => {
    const server = await startServer(defaultConfig({ port: 0, dbPath: filled.dbPath }));
    try {
      await server.warmedUp;
      const asked = Date.now();
      for (const path of OVERVIEW) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status, path).toBe(200);
        const computedAt = Date.parse(response.headers.get('x-tokenledger-computed-at') ?? '');
        expect(computedAt, path).toBeLessThanOrEqual(asked);
        expect(response.headers.get('x-tokenledger-stale'), path).toBe('false');
      }
      const workflows = (await (await fetch(`${server.url}/api/v1/workflows`)).json()) as {
        workflows: { workflow: string; units: number }[];
      };
      expect(workflows.workflows.map((w) => [w.workflow, w.units]).sort()).toEqual([
        ['claims', 2],
        ['support', 1],
      ]);
    } finally {
      await server.close();
    }
  });

  it('computes nothing ahead when turned off', async () => {
    await forgetKeptReports();
    const server = await startServer(
      defaultConfig({ port: 0, dbPath: filled.dbPath, warmReports: false }),
    );
    try {
      await server.warmedUp;
      const asked = Date.now();
      const response = await fetch(`${server.url}/api/v1/workflows`);
      const computedAt = Date.parse(response.headers.get('x-tokenledger-computed-at') ?? '');
      expect(computedAt).toBeGreaterThanOrEqual(asked);
    } finally {
      await server.close();
    }
  });

  it('accepts OTLP at once and closes cleanly in the middle of a warm-up', async () => {
    const server = await startServer(defaultConfig({ port: 0, dbPath: filled.dbPath }));
    const sent = await fetch(`${server.url}/v1/traces`, {
      method: 'POST',
      body: trace('C-3', 'claims', 'gpt-4o', 5000),
      headers: PROTOBUF,
    });
    expect(sent.status).toBe(200);
    await expect(server.close()).resolves.toBeUndefined();
    await expect(server.warmedUp).resolves.toBeUndefined();
    // The unit written during the warm-up was kept (asked afresh, not from the answers kept at close).
    await forgetKeptReports();
    const reopened = await startServer(
      defaultConfig({ port: 0, dbPath: filled.dbPath, warmReports: false }),
    );
    try {
      const workflows = (await (await fetch(`${reopened.url}/api/v1/workflows`)).json()) as {
        workflows: { workflow: string; units: number }[];
      };
      expect(workflows.workflows.find((w) => w.workflow === 'claims')?.units).toBe(3);
    } finally {
      await reopened.close();
    }
  });

  it('is on by default and turned off by warmReports: false in the config file', async () => {
    expect((await loadConfig({}, {})).warmReports).toBe(true);
    const path = join(filled.dir, 'config.json');
    await writeFile(path, JSON.stringify({ warmReports: false }));
    expect((await loadConfig({ configPath: path }, {})).warmReports).toBe(false);
    await writeFile(path, JSON.stringify({ warmReports: 'yes' }));
    await expect(loadConfig({ configPath: path }, {})).rejects.toThrow(/warmReports/);
  });
});
