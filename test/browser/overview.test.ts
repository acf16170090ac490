import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { usdToFemto } from '../../src/domain/index.js';
import type { SpendFlow, WasteSplit } from '../../src/web/api.js';
import { formatUsd } from '../../src/web/format.js';
import {
  page,
  registerDashboardSession,
  SCREENSHOTS,
  server,
} from '../support/dashboard-session.js';

registerDashboardSession();

const api = async <T>(path: string) => (await server.getJson<T>(path)).body;

async function attributes(locator: Locator, name: string): Promise<string[]> {
  const out: string[] = [];
  for (const element of await locator.all()) out.push((await element.getAttribute(name)) ?? '');
  return out;
}

/** The flow table's exact amounts, in row order, and the spend card. */
async function shown() {
  const table = page.getByTestId('spend-flow');
  await table.waitFor({ state: 'attached' });
  const amounts = await attributes(table.locator('td[data-usd]'), 'data-usd');
  const teams = await table.locator('tbody tr td:first-child').allTextContents();
  const spend = await page.getByTestId('card-spend').locator('.figure').textContent();
  return { amounts, teams, spend };
}

describe('the overview in Chromium', () => {
  it('shows the waste split and the spend flow with the API’s figures', async () => {
    await page.goto(`${server.url}/`);
    const waste = await api<{ workflows: WasteSplit[] }>('/api/v1/waste');
    const claims = waste.workflows.find((w) => w.workflow === 'claims-adjudication');
    const failed = claims?.classes.failedAttempts?.usdNumber ?? Number.NaN;
    expect(failed).toBeGreaterThan(0);
    const row = page.locator('[data-testid="waste-split"] tr[data-workflow="claims-adjudication"]');
    await expect
      .poll(() => row.locator('td[data-part="Failed attempts"]').textContent())
      .toBe(formatUsd(failed));
    expect(await row.locator('td[data-part="Productive"]').textContent()).toBe(
      formatUsd(claims?.productive.usdNumber),
    );
    const flow = await api<SpendFlow>('/api/v1/spend/flow');
    const { amounts } = await shown();
    expect(amounts).toEqual(flow.links.map((l) => l.usd));
    // The links add up exactly to the flow's total, and per workflow to the waste split's total.
    const sum = amounts.reduce((s, a) => s + usdToFemto(a), 0n);
    expect(sum).toBe(usdToFemto(flow.total.usd));
    const claimsFlow = flow.links
      .filter((l) => l.workflow === 'claims-adjudication')
      .reduce((s, l) => s + usdToFemto(l.usd), 0n);
    expect(claimsFlow).toBe(usdToFemto(claims?.total.usd ?? 'x'));
    await page.getByTestId('spend-flow-chart').locator('svg').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('narrows to a team and to a business attribute from the URL', async () => {
    const all = await api<SpendFlow>('/api/v1/spend/flow');
    await page.goto(`${server.url}/?team=claims-ops`);
    const team = await api<SpendFlow>('/api/v1/spend/flow?team=claims-ops');
    await expect.poll(async () => (await shown()).spend).toBe(formatUsd(team.total.usdNumber));
    const { amounts, teams } = await shown();
    expect(new Set(teams)).toEqual(new Set(['claims-ops']));
    expect(amounts).toEqual(team.links.map((l) => l.usd));
    expect(usdToFemto(team.total.usd)).toBeLessThan(usdToFemto(all.total.usd));
    const splits = page.locator('[data-testid="waste-split"] tbody tr');
    await expect.poll(() => attributes(splits, 'data-workflow')).toEqual(['claims-adjudication']);

    await page.goto(`${server.url}/?attr.region=emea`);
    const emea = await api<SpendFlow>('/api/v1/spend/flow?attr.region=emea');
    await expect.poll(async () => (await shown()).spend).toBe(formatUsd(emea.total.usdNumber));
    expect((await shown()).amounts).toEqual(emea.links.map((l) => l.usd));
    expect(usdToFemto(emea.total.usd)).toBeLessThan(usdToFemto(all.total.usd));
    expect(usdToFemto(emea.total.usd)).toBeGreaterThan(0n);
    const emeaUnits = await api<{ workflows: { resolvedUnits: number }[] }>(
      '/api/v1/workflows?attr.region=emea',
    );
    const resolved = emeaUnits.workflows.reduce((sum, w) => sum + w.resolvedUnits, 0);
    const everywhere = await api<{ workflows: { resolvedUnits: number }[] }>('/api/v1/workflows');
    expect(resolved).toBeLessThan(
      everywhere.workflows.reduce((sum, w) => sum + w.resolvedUnits, 0),
    );
    await expect
      .poll(() => page.getByTestId('card-resolved').locator('.figure').textContent())
      .toBe(resolved.toLocaleString('en-US'));
  });
});
