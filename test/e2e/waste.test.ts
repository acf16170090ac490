/**
 * The waste proof over real HTTP: the simulated enterprise (planted waste of every class, computed
 * independently by the demo's ledger into the truth file) goes into a real server; the waste API
 * must find each workflow's dollars per class as the truth states them, and the routing
 * counterfactual must price the planted over-powered step.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waste } from '../../src/analysis/index.js';
import { demoCommand } from '../../src/cli/demo-command.js';
import { runCli } from '../../src/cli/main.js';
import { type Truth, toWorkflowBaseline, WORKFLOWS } from '../../src/demo/index.js';
import { usdToFemto } from '../../src/domain/index.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Amount {
  usd: string;
  usdNumber: number;
}
interface WasteView {
  workflow: string;
  total: Amount;
  productive: Amount;
  awaitingOutcome: Amount;
  classes: Record<string, Amount & { count: number }>;
  sentence: string;
}

let server: TestServer;
let truth: Truth;
const CLASSES = waste.WASTE_CLASSES;

beforeAll(async () => {
  server = await startTestServer({ workflows: WORKFLOWS.map(toWorkflowBaseline) });
  const truthPath = join(server.dir, 'truth.json');
  const code = await demoCommand(
    ['--url', server.url, '--scale', '4000', '--seed', '9', '--emit-truth', truthPath],
    { out: () => {}, err: () => {} },
  );
  expect(code).toBe(0);
  truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

describe('waste over HTTP against the truth file', () => {
  it('finds every planted class per workflow, and the parts add up to the total exactly', async () => {
    const { status, body } = await server.getJson<{ workflows: WasteView[] }>('/api/v1/waste');
    expect(status).toBe(200);
    for (const w of truth.workflows) {
      const view = body.workflows.find((v) => v.workflow === w.workflow);
      expect(view, w.workflow).toBeDefined();
      if (!view) continue;
      // The ledger and the product price the same femto-dollars: equal, not merely within 1%.
      for (const c of CLASSES)
        expect(view.classes[c]?.usdNumber, `${w.workflow} ${c}`).toBe(w.waste[c]);
      expect(view.awaitingOutcome.usd).toBe('0');
      expect(view.productive.usdNumber).toBe(w.waste.productive);
      const parts = [
        view.productive,
        view.awaitingOutcome,
        ...CLASSES.map((c) => view.classes[c] as Amount),
      ];
      expect(parts.reduce((s, p) => s + usdToFemto(p.usd), 0n)).toBe(usdToFemto(view.total.usd));
    }
    for (const c of CLASSES) expect(truth.waste[c], c).toBeGreaterThan(0);
  });

  it("serves the overview's split: the same amounts and counts as the analysis, no evidence", async () => {
    for (const filter of [
      '',
      '?workflow=contract-review',
      '?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z',
    ]) {
      const full = await server.getJson<{ workflows: WasteView[] }>(`/api/v1/waste${filter}`);
      const split = await server.getJson<{ workflows: WasteView[] }>(
        `/api/v1/waste/split${filter}`,
      );
      expect(split.status, filter).toBe(200);
      expect(
        split.body.workflows.map((w) => w.workflow),
        filter,
      ).toEqual(full.body.workflows.map((w) => w.workflow));
      for (const [i, w] of split.body.workflows.entries()) {
        const f = full.body.workflows[i] as WasteView;
        expect([w.total, w.productive, w.awaitingOutcome, w.sentence]).toEqual([
          f.total,
          f.productive,
          f.awaitingOutcome,
          f.sentence,
        ]);
        for (const c of CLASSES) {
          const { usd, usdNumber, count } = f.classes[c] as Amount & { count: number };
          expect(w.classes[c], `${w.workflow} ${c}`).toEqual({ usd, usdNumber, count });
        }
      }
    }
    // The truth's workflows, every class found: the split is not vacuously equal.
    const all = await server.getJson<{ workflows: WasteView[] }>('/api/v1/waste/split');
    expect(all.body.workflows.length).toBe(truth.workflows.length);
    const none = await server.getJson<{ workflows: WasteView[] }>(
      '/api/v1/waste/split?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z',
    );
    expect(none.body.workflows).toEqual([]);
    const twoAttributes = await server.getJson<{ error: string }>(
      '/api/v1/waste/split?attr.a=1&attr.b=2',
    );
    expect(twoAttributes.status).toBe(400);
    expect(twoAttributes.body.error).toContain('at most one business attribute');
  });

  it('states the evidence: the over-powered route and the bloat reference', async () => {
    const { body } = await server.getJson<{
      classes: {
        overPoweredRouting: { routes: { step: string; model: string; cheaperModel: string }[] };
      };
      sentence: string;
    }>('/api/v1/workflows/sales-lead-research/waste');
    expect(body.classes.overPoweredRouting.routes).toMatchObject([
      { step: 'classify-lead', model: 'claude-opus-4-1', cheaperModel: 'claude-haiku-4-5' },
    ]);
    expect(body.sentence).toContain('over-powered routing');
    const contracts = await server.getJson<{
      classes: { contextBloat: { count: number; references: { step: string; model: string }[] } };
    }>('/api/v1/workflows/contract-review/waste');
    expect(contracts.body.classes.contextBloat.count).toBeGreaterThan(0);
    expect(contracts.body.classes.contextBloat.references).toContainEqual(
      expect.objectContaining({ step: 'review-clauses', model: 'claude-opus-4-1' }),
    );
  });

  it('prices the planted step on the cheaper model with its evidence', async () => {
    const { status, body } = await server.getJson<{
      costTodayUsd: string;
      costOnModelUsd: string;
      evidence: { attempts: number; successRate: number | null };
      successRateSource: string;
    }>('/api/v1/workflows/sales-lead-research/routing?step=classify-lead&model=claude-haiku-4-5');
    expect(status).toBe(200);
    expect(Number(body.costOnModelUsd)).toBeLessThan(Number(body.costTodayUsd));
    expect(body.evidence.attempts).toBeGreaterThan(0);
    expect(body.successRateSource).toBe('observed');
    const unknown = await server.getJson<{ error: string }>(
      '/api/v1/workflows/sales-lead-research/routing?step=classify-lead&model=claude-haiku-45',
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toContain('claude-haiku-4-5');
    const routing = '/api/v1/workflows/sales-lead-research/routing';
    const noStep = await server.getJson<{ error: string }>(`${routing}?model=claude-haiku-4-5`);
    expect(noStep.status).toBe(400);
    expect(noStep.body.error).toMatch(/^step: step is required/);
    const badRate = await server.getJson<{ error: string }>(
      `${routing}?step=classify-lead&model=claude-haiku-4-5&successRate=1.5`,
    );
    expect(badRate.status).toBe(400);
    expect(badRate.body.error).toBe('successRate: successRate must be between 0 and 1');
    const badRange = await server.getJson<{ error: string }>('/api/v1/waste?from=yesterday');
    expect(badRange.status).toBe(400);
    expect(badRange.body.error).toContain('from must be');
  });

  it('prints the same through the CLI: a table with the split bar, and the what-if', async () => {
    let out = '';
    let err = '';
    const io = { out: (t: string) => (out += t), err: (t: string) => (err += t) };
    expect(await runCli(['waste', '--url', server.url], io)).toBe(0);
    for (const w of truth.workflows) expect(out).toContain(w.workflow);
    const sales = out.split('\n').find((l) => l.startsWith('sales-lead-research'));
    expect(sales).toMatch(/\[[=FLRBCA.]{30}\]/);
    expect(sales).toContain('R');
    out = '';
    const whatIf = ['what-if', '--url', server.url, '--workflow', 'sales-lead-research'];
    expect(
      await runCli(
        [
          ...whatIf,
          '--step',
          'classify-lead',
          '--model',
          'claude-haiku-4-5',
          '--success-rate',
          '0.7',
        ],
        io,
      ),
    ).toBe(0);
    expect(out).toContain('success rate used: 70.0% (assumed)');
    expect(out).toMatch(/cost on model: \$[\d.]+ \(\$[\d.]+ less\)/);
    expect(out).toMatch(/token cost per attempt: today \$\d+\.\d{6}, on model \$\d+\.\d{6}\n/);
    expect(
      await runCli([...whatIf, '--step', 'classify-lead', '--model', 'claude-haiku-45'], io),
    ).toBe(1);
    expect(err).toContain('close matches');
  });
});
