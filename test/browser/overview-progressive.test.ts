/**
 * The overview renders progressively in Chromium: with the waste analysis held back, the cards,
 * the workflows and the spend flow show their figures while the waste panel says it is counting
 * (aria-busy); released, the waste split appears with the API's figures.
 */
import { describe, expect, it } from 'vitest';
import type { SpendTotals, WasteSplit } from '../../src/web/api.js';
import { formatUsd } from '../../src/web/format.js';
import { page, registerDashboardSession, server } from '../support/dashboard-session.js';

registerDashboardSession();

describe('the overview renders each panel as its answer arrives', () => {
  it('shows the cards while a slow waste read is still counting', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/waste', async (route) => {
      await held;
      await route.continue();
    });
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
      release();
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
      release();
      await page.unroute('**/api/v1/waste');
    }
  });

  it('shows every card as counting before any answer, each labelled', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/**', async (route) => {
      await held;
      await route.continue();
    });
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
      release();
      await page.getByTestId('cost-series-chart').locator('svg').waitFor();
      expect(await page.locator('[aria-busy="true"]').count()).toBe(0);
    } finally {
      release();
      await page.unroute('**/api/v1/**');
    }
  });
});
