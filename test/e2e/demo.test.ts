/**
 * `tokenledger demo` over real HTTP: a real server with its own DuckDB file receives the simulated
 * enterprise; its trace, spend and workflow APIs must show what the truth file says.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkflowEconomics } from '../../src/analysis/index.js';
import { demoCommand } from '../../src/cli/demo-command.js';
import { defaultConfig } from '../../src/config/index.js';
import { type Truth, toWorkflowBaseline, traceIdOf, WORKFLOWS } from '../../src/demo/index.js';
import { startServer } from '../../src/server/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let server: TestServer;
let truth: Truth;
let printed = '';

beforeAll(async () => {
  server = await startTestServer({ workflows: WORKFLOWS.map(toWorkflowBaseline) });
  const truthPath = join(server.dir, 'truth.json');
  const code = await demoCommand(
    ['--url', server.url, '--scale', '4000', '--seed', '9', '--emit-truth', truthPath],
    { out: (t) => (printed += t), err: () => {} },
  );
  expect(code).toBe(0);
  truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
}, 60_000);

afterAll(async () => {
  await server?.dispose();
});

describe('tokenledger demo over HTTP', () => {
  it('stores spend equal to the truth, to the femto-dollar', async () => {
    const spend = await server.getJson<{ costUsdExact: string; unattributedCostUsd: number }>(
      '/api/v1/spend/totals',
    );
    expect(spend.body.costUsdExact).toBe(truth.totals.tokenCostUsdExact);
    expect(spend.body.unattributedCostUsd).toBe(truth.totals.unattributedCostUsd);
    expect(truth.totals.unattributedCostUsd).toBeGreaterThan(0);
  });

  it("shows the first unit's first attempt as its intended steps", async () => {
    const traceId = traceIdOf(9, 0, 1);
    const { status, body } = await server.getJson<{
      steps: {
        kind: string;
        model: string | null;
        usageCounted: boolean;
        inputTokens: number | null;
      }[];
    }>(`/api/v1/traces/${traceId}`);
    expect(status).toBe(200);
    const kinds = body.steps.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'llm').length).toBeGreaterThan(0);
    expect(new Set(kinds).size).toBeGreaterThan(2);
    for (const step of body.steps.filter((s) => s.kind === 'llm')) {
      expect(step.model).not.toBeNull();
      expect(step.usageCounted).toBe(true);
    }
  });

  it('recovers the truth in the workflow report: cost per resolved outcome and the first driver', async () => {
    const { body } = await server.getJson<{ workflows: WorkflowEconomics[] }>(
      `/api/v1/workflows?from=${truth.from}&to=${truth.to}`,
    );
    for (const t of truth.workflows) {
      const api = body.workflows.find((w) => w.workflow === t.workflow);
      expect(api, t.workflow).toBeDefined();
      expect(api?.units).toBe(t.units);
      expect(api?.attempts).toBe(t.attempts);
      expect(api?.tokenCostPerResolvedUsd).toBeCloseTo(t.tokenCostPerResolvedUsd ?? 0, 9);
      expect(api?.fullyLoadedCostPerResolvedUsd).toBeCloseTo(
        t.fullyLoadedCostPerResolvedUsd ?? 0,
        9,
      );
      expect(api?.attemptSuccessRate).toBe(t.attemptSuccessRate);
      expect(api?.retryOverheadShare).toBe(t.retryOverheadShare);
    }
    const detail = await server.getJson<{
      drivers: { kind: string; attribute: string; value: string }[];
    }>(`/api/v1/workflows/claims-adjudication?from=${truth.from}&to=${truth.to}`);
    const first = detail.body.drivers.find((d) => d.kind === 'cost');
    expect(first).toMatchObject({ attribute: 'unusual_documents', value: 'yes' });
    expect(truth.workflows[0]?.drivers[0]).toMatchObject({
      attribute: 'unusual_documents',
      value: 'yes',
    });
  });

  it('prints the summary and where to look next', () => {
    expect(printed).toContain('contract-review');
    expect(printed).toContain('does NOT beat it');
    expect(printed).toContain('Give more budget to: invoice-processing');
    expect(printed).toContain('tokenledger serve');
  });
});

describe('tokenledger demo into a local database', () => {
  it("leaves the next server the dashboard's first reports with the demo's figures", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokenledger-demo-'));
    try {
      const dbPath = join(dir, 'demo.duckdb');
      const truthPath = join(dir, 'truth.json');
      const said: string[] = [];
      const code = await demoCommand(
        ['--db', dbPath, '--scale', '2000', '--seed', '9', '--emit-truth', truthPath],
        { out: () => {}, err: (t) => said.push(t) },
      );
      expect(code).toBe(0);
      expect(said.some((t) => t.startsWith('reports kept in'))).toBe(true);
      const kept = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
      // No warm-up here: what the first requests get is what the demo kept, served at once.
      const server = await startServer(defaultConfig({ port: 0, dbPath, warmReports: false }));
      try {
        const totals = await fetch(`${server.url}/api/v1/spend/totals`);
        expect(totals.headers.get('x-tokenledger-stale')).toBe('true');
        const spend = (await totals.json()) as { costUsdExact: string };
        expect(spend.costUsdExact).toBe(kept.totals.tokenCostUsdExact);
        const workflows = await fetch(`${server.url}/api/v1/workflows`);
        expect(workflows.headers.get('x-tokenledger-stale')).toBe('true');
        const listed = (await workflows.json()) as { workflows: WorkflowEconomics[] };
        expect(listed.workflows.map((w) => [w.workflow, w.units]).sort()).toEqual(
          kept.workflows.map((w) => [w.workflow, w.units]).sort(),
        );
        const split = await fetch(`${server.url}/api/v1/waste/split`);
        expect(split.headers.get('x-tokenledger-stale')).toBe('true');
        expect(((await split.json()) as { workflows: unknown[] }).workflows).toHaveLength(
          kept.workflows.length,
        );
      } finally {
        await server.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
