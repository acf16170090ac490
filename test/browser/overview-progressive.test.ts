/**
 * The overview renders progressively in Chromium: with the waste analysis held back, the cards,
 * the workflows and the spend flow show their figures while the waste panel says it is counting
 * (aria-busy); released, the waste split appears with the API's figures. The spend flow's resolved
 * spend is split into productive and the waste inside successful attempts, as /api/v1/waste has it.
 */
import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../src/domain/index.js';
import type { SpendFlow, SpendTotals, WasteSplit } from '../../src/web/api.js';
import { formatUsd } from '../../src/web/format.js';
import {
  ignoreProblems,
  page,
  registerDashboardSession,
  server,
} from '../support/dashboard-session.js';

registerDashboardSession();

/** Holds the page's requests matching `pattern` until `release()`; `stop()` releases and unroutes. */
async function hold(pattern: string) {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return {
    release,
    stop: async () => {
      release();
      await page.unroute(pattern);
    },
  };
}

describe('the overview renders each panel as its answer arrives', () => {
  it('shows the cards while a slow waste read is still counting', async () => {
    const held = await hold('**/api/v1/waste/split');
    try {
      await page.goto(`${server.url}/`);
      const totals = (await server.getJson<SpendTotals>('/api/v1/spend/totals')).body;
      const spend = page.getByTestId('card-spend');
      await expect
        .poll(() => spend.locator('.figure').textContent())
        .toBe(formatUsd(totals.costUsd));
      expect(await spend.getAttribute('aria-busy')).toBe('false');
      await page.getByTestId('overview-workflows').waitFor();
      await page.getByTestId('spend-flow-chart').locator('svg').waitFor();
      const waiting = page.getByTestId('panel-waste').getByTestId('counting');
      expect(await waiting.textContent()).toBe('Counting the waste split…');
      expect(await waiting.getAttribute('aria-busy')).toBe('true');
      expect(await page.getByTestId('waste-split').count()).toBe(0);
      held.release();
      const waste = (await server.getJson<{ workflows: WasteSplit[] }>('/api/v1/waste')).body;
      const first = waste.workflows[0];
      const row = page.locator(
        `[data-testid="waste-split"] tr[data-workflow="${first?.workflow ?? 'none'}"]`,
      );
      await expect
        .poll(() => row.locator('td[data-part="Productive"]').textContent())
        .toBe(formatUsd(first?.productive.usdNumber));
      expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    } finally {
      await held.stop();
    }
  });

  it('shows every card as counting before any answer, each labelled', async () => {
    const api = await hold('**/api/v1/**');
    try {
      await page.goto(`${server.url}/`);
      const cards = page.locator('[data-testid="cards"] .card');
      await expect.poll(() => cards.count()).toBe(4);
      for (const card of await cards.all()) {
        expect(await card.getAttribute('aria-busy')).toBe('true');
        expect(await card.locator('.figure').textContent()).toBe('counting…');
      }
      expect(await page.getByTestId('counting').allTextContents()).toEqual([
        'Counting the waste split…',
        'Counting the spend flow…',
        'Counting the workflows…',
        'Counting the daily trend…',
      ]);
      api.release();
      await page.getByTestId('cost-series-chart').locator('svg').waitFor();
      expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    } finally {
      await api.stop();
    }
  });
});

describe('the spend flow agrees with the waste split', () => {
  it('leads resolved spend on to productive, loops, over-powered routing, bloat and cache misses', async () => {
    await page.goto(`${server.url}/`);
    const table = page.getByTestId('spend-flow-split');
    await table.waitFor({ state: 'attached' });
    const waste = (await server.getJson<{ workflows: WasteSplit[] }>('/api/v1/waste')).body;
    const flow = (await server.getJson<SpendFlow>('/api/v1/spend/flow')).body;
    const parts: [string, (w: WasteSplit) => string | undefined][] = [
      ['Productive', (w) => w.productive.usd],
      ['Loops', (w) => w.classes.loops?.usd],
      ['Over-powered routing', (w) => w.classes.overPoweredRouting?.usd],
      ['Context bloat', (w) => w.classes.contextBloat?.usd],
      ['Cache misses', (w) => w.classes.cacheMisses?.usd],
    ];
    let inAttemptWaste = 0n;
    for (const w of waste.workflows) {
      let shown = 0n;
      for (const [part, expected] of parts) {
        const cell = table.locator(
          `tr[data-workflow="${w.workflow}"][data-part="${part}"] td[data-usd]`,
        );
        const usd = (await cell.getAttribute('data-usd')) ?? 'missing';
        expect(usd, `${w.workflow} ${part}`).toBe(expected(w));
        shown += usdToFemto(usd);
        if (part !== 'Productive') inAttemptWaste += usdToFemto(usd);
      }
      // Resolved spend of the flow = productive + the four in-attempt classes, to the femto-dollar.
      const resolved = flow.links
        .filter((l) => l.workflow === w.workflow && l.outcome === 'resolved')
        .reduce((sum, l) => sum + usdToFemto(l.usd), 0n);
      expect(shown, w.workflow).toBe(resolved);
    }
    // The demo seeds loops, bloat and routing waste: the split is not all productive.
    expect(inAttemptWaste).toBeGreaterThan(0n);
    const caption = await page.getByTestId('spend-flow-chart').locator('figcaption').textContent();
    expect(caption).toContain('resolved → Loops');
  });

  it('still shows the figures, and says so, when the charts script cannot load', async () => {
    await page.route('**/assets/echarts-view-*.js', (route) => route.abort());
    try {
      await page.goto(`${server.url}/`);
      const totals = (await server.getJson<SpendTotals>('/api/v1/spend/totals')).body;
      await expect
        .poll(() => page.getByTestId('card-spend').locator('.figure').textContent())
        .toBe(formatUsd(totals.costUsd));
      const failed = page.getByTestId('spend-flow-chart').getByRole('alert');
      await expect.poll(() => failed.textContent()).toMatch(/^The chart could not be drawn\./);
      expect(await page.getByTestId('spend-flow-chart').locator('svg').count()).toBe(0);
      await page.getByTestId('overview-workflows').waitFor();
    } finally {
      await page.unroute('**/assets/echarts-view-*.js');
      // The aborted script, and React reporting the error each chart caught: the test asked for it.
      ignoreProblems(
        (p) =>
          p.startsWith('console: Failed to load resource') ||
          p.includes('Failed to fetch dynamically imported module'),
      );
    }
  });
});
