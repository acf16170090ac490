import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dashboardUsd } from '../support/dashboard-money.js';
import {
  ignoreProblems,
  page,
  registerDashboardSession,
  SCREENSHOTS,
  server,
  truth,
} from '../support/dashboard-session.js';
import { buildTrace, chatSpan, toProtobuf } from '../support/sdk-spans.js';
import { startTestServer } from '../support/test-server.js';

/** Two decimals at and above ten cents (the dashboard's rule; the figures used here are above). */
const usd = (value: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(value);

function workflowTruth(name: string) {
  const found = truth.workflows.find((w) => w.workflow === name);
  if (!found) throw new Error(`the demo has no workflow ${name}`);
  return found;
}

registerDashboardSession();

const range = () => `since=${encodeURIComponent(truth.from)}&until=${encodeURIComponent(truth.to)}`;

describe('the dashboard in Chromium', () => {
  it('shows each workflow’s fully loaded cost per resolved outcome as the truth file has it', async () => {
    await page.goto(`${server.url}/?${range()}`);
    const claims = workflowTruth('claims-adjudication');
    const expected = claims.fullyLoadedCostPerResolvedUsd ?? Number.NaN;
    expect(expected).toBeGreaterThan(0.1);
    const cell = page.locator(
      '[data-testid="overview-workflows"] tr[data-workflow="claims-adjudication"] [data-testid="cost-per-resolved"]',
    );
    await expect.poll(() => cell.textContent()).toBe(usd(expected));
    const resolved = truth.workflows.reduce((sum, w) => sum + w.resolvedUnits, 0);
    expect(await page.getByTestId('card-resolved').locator('.figure').textContent()).toBe(
      resolved.toLocaleString('en-US'),
    );
    const chart = page.getByTestId('cost-vs-bpo-chart');
    expect(await chart.locator('[role="img"]').getAttribute('aria-label')).toContain(
      'cost per resolved outcome',
    );
    expect(await chart.locator('figcaption').textContent()).toContain(
      `claims-adjudication: ${usd(expected)} per resolved outcome`,
    );
    await page.getByTestId('cost-series-chart').locator('svg').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'overview.png'), fullPage: true });
  });

  it('narrows the figures to one workflow when the workflow filter is set', async () => {
    await page.goto(`${server.url}/?${range()}`);
    await page.getByTestId('overview-workflows').waitFor();
    const invoices = workflowTruth('invoice-processing');
    await page.selectOption('select[name="workflow"]', 'invoice-processing');
    await page.waitForURL(/workflow=invoice-processing/);
    expect(new URL(page.url()).searchParams.get('since')).toBe(truth.from);
    const rows = page.locator('[data-testid="overview-workflows"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-workflow')).toBe('invoice-processing');
    await expect
      .poll(() => page.getByTestId('card-resolved').locator('.figure').textContent())
      .toBe(invoices.resolvedUnits.toLocaleString('en-US'));
    await expect
      .poll(() => page.getByTestId('card-spend').locator('.figure').textContent())
      .toBe(usd(invoices.tokenCostUsd));
  });

  it('sorts the workflows table by a clicked header', async () => {
    await page.goto(`${server.url}/workflows?${range()}`);
    const header = page.locator('th', { hasText: 'Token spend' });
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const firstRow = page.locator('[data-testid="workflows-table"] tbody tr:first-child td a');
    const bySpend = [...truth.workflows].sort((a, b) => a.tokenCostUsd - b.tokenCostUsd);
    expect(await firstRow.textContent()).toBe(bySpend.at(-1)?.workflow);
    await header.locator('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    expect(await firstRow.textContent()).toBe(bySpend[0]?.workflow);
  });

  it('navigates overview → workflow → work unit', async () => {
    await page.goto(`${server.url}/?${range()}`);
    await page
      .locator('[data-testid="overview-workflows"] a', { hasText: 'claims-adjudication' })
      .click();
    await page.waitForURL(/\/workflows\/claims-adjudication\?/);
    await page.getByRole('heading', { name: 'Workflow: claims-adjudication' }).waitFor();
    const claims = workflowTruth('claims-adjudication');
    const loaded = page.locator('.card', { hasText: 'Fully loaded cost per resolved' });
    expect(await loaded.locator('.figure').textContent()).toBe(
      usd(claims.fullyLoadedCostPerResolvedUsd ?? Number.NaN),
    );
    const drivers = page.locator('[data-testid="drivers"] li');
    await drivers.first().waitFor();
    const first = claims.drivers[0];
    expect(await drivers.first().textContent()).toContain(`${first?.attribute}=${first?.value}`);
    const spread = await server.getJson<{ units: number; bands: { units: number }[] }>(
      `/api/v1/workflows/claims-adjudication/cost-distribution?from=${encodeURIComponent(truth.from)}&to=${encodeURIComponent(truth.to)}&bands=12`,
    );
    expect(spread.body.units).toBe(claims.units);
    const bandUnits = page.locator('[data-testid="cost-distribution"] tbody td:nth-child(2)');
    await bandUnits.first().waitFor();
    expect(await bandUnits.allTextContents()).toEqual(
      spread.body.bands.filter((b) => b.units > 0).map((b) => b.units.toLocaleString('en-US')),
    );
    const waste = await server.getJson<{
      sentence: string;
      classes: Record<string, { usdNumber: number }>;
    }>(
      `/api/v1/workflows/claims-adjudication/waste?from=${encodeURIComponent(truth.from)}&to=${encodeURIComponent(truth.to)}`,
    );
    await page.getByTestId('workflow-waste').waitFor();
    expect(await page.getByTestId('workflow-waste-sentence').textContent()).toBe(
      waste.body.sentence,
    );
    for (const [wasteClass, amount] of Object.entries(waste.body.classes))
      expect(
        await page
          .locator(`[data-testid="workflow-waste"] tr[data-class="${wasteClass}"] td`)
          .first()
          .textContent(),
      ).toBe(dashboardUsd(amount.usdNumber));
    const unitLink = page.locator('[data-testid="costliest-units"] tbody a').first();
    await unitLink.waitFor();
    await page.getByTestId('cost-series-chart').locator('svg').waitFor();
    expect(
      await page.getByTestId('cost-series-chart').locator('figcaption').textContent(),
    ).toContain(
      `against a BPO price of ${usd(claims.bpoPricePerUnitUsd)} and an internal labour cost of ${usd(claims.laborCostPerUnitUsd)}`,
    );
    await page.screenshot({ path: join(SCREENSHOTS, 'workflow.png'), fullPage: true });

    const unitId = (await unitLink.textContent()) ?? '';
    await unitLink.click();
    await page.getByRole('heading', { name: `Work unit: ${unitId}` }).waitFor();
    const api = await server.getJson<{ tokenCostUsd: number; attempts: unknown[] }>(
      `/api/v1/work-units/${encodeURIComponent(unitId)}?workflow=claims-adjudication`,
    );
    expect(await page.getByTestId('unit-cost').textContent()).toBe(usd(api.body.tokenCostUsd));
    expect(await page.locator('[data-testid^="attempt-"]').count()).toBe(api.body.attempts.length);
  });

  it('narrows a workflow page and its units to a business attribute from the URL', async () => {
    const filter = 'attr.unusual_documents=yes';
    type Detail = { workflow: { units: number } };
    const all = await server.getJson<Detail>('/api/v1/workflows/claims-adjudication');
    const narrowed = await server.getJson<Detail>(
      `/api/v1/workflows/claims-adjudication?${filter}`,
    );
    const units = narrowed.body.workflow.units;
    expect(units).toBeGreaterThan(0);
    expect(units).toBeLessThan(all.body.workflow.units);
    await page.goto(`${server.url}/workflows/claims-adjudication?${filter}`);
    await page
      .getByRole('heading', { name: 'Workflow: claims-adjudication: unusual_documents = yes' })
      .waitFor();
    const card = page
      .locator('.card')
      .filter({ has: page.locator('.label', { hasText: /^Units$/ }) });
    expect(await card.locator('.figure').textContent()).toBe(units.toLocaleString('en-US'));
    // The spread, the waste and the costliest units are of the same units.
    const bandUnits = page.locator('[data-testid="cost-distribution"] tbody td:nth-child(2)');
    await bandUnits.first().waitFor();
    const banded = (await bandUnits.allTextContents()).map((t) => Number(t.replaceAll(',', '')));
    expect(banded.reduce((sum, n) => sum + n, 0)).toBe(units);
    const waste = await server.getJson<{ sentence: string }>(
      `/api/v1/workflows/claims-adjudication/waste?${filter}`,
    );
    await expect
      .poll(() => page.getByTestId('workflow-waste-sentence').textContent())
      .toBe(waste.body.sentence);
    await expect
      .poll(() => page.getByTestId('costliest-units').locator('caption').textContent())
      .toContain(`of ${units.toLocaleString('en-US')} work units`);
    // The workflows table too; the allocation page says the filter does not apply to it.
    await page.goto(`${server.url}/workflows?${filter}`);
    await page.getByRole('heading', { name: 'Workflows: unusual_documents = yes' }).waitFor();
    const claimsRow = page.locator('[data-testid="workflows-table"] tbody tr', {
      hasText: 'claims-adjudication',
    });
    await expect
      .poll(() => claimsRow.locator('td').nth(2).textContent())
      .toBe(units.toLocaleString('en-US'));
    await page.goto(`${server.url}/allocation?${filter}`);
    await page.getByTestId('allocation-unfiltered').waitFor();
  });

  it('tells a new user what to send when the store is empty', async () => {
    const empty = await startTestServer();
    try {
      await page.goto(`${empty.url}/`);
      const state = page.getByTestId('empty-state');
      await state.waitFor();
      const text = (await state.textContent()) ?? '';
      expect(text).toContain(`${empty.url}/v1/traces`);
      expect(text).toContain(`${empty.url}/v1/outcomes`);
      expect(text).toContain(`tokenledger demo --url ${empty.url}`);
    } finally {
      await empty.dispose();
    }
  });

  it('says when its figures predate the latest data while a slow report refreshes', async () => {
    // Every report counts as slow here, so after a write the page gets the last answers at once.
    const slow = await startTestServer({ staleReportsAfterMs: 0 });
    try {
      const spans = buildTrace({
        name: 'resolve-claim',
        attributes: { 'tokenledger.work_unit.id': 'C-1', 'tokenledger.workflow': 'claims' },
        children: [chatSpan('gpt-4o', 1000, 100)],
      });
      const sent = await slow.post('/v1/traces', toProtobuf(spans), {
        'content-type': 'application/x-protobuf',
      });
      expect(sent.status).toBe(200);
      await page.goto(`${slow.url}/`);
      await page.getByTestId('overview-workflows').waitFor();
      expect(await page.getByTestId('stale-note').count()).toBe(0);
      const outcome = {
        workUnitId: 'C-1',
        workflow: 'claims',
        status: 'resolved',
        resolvedBy: 'ai',
      };
      await slow.post('/v1/outcomes', JSON.stringify(outcome), {
        'content-type': 'application/json',
      });
      await page.reload();
      const note = page.getByTestId('stale-note').first();
      await note.waitFor();
      expect(await note.textContent()).toMatch(
        /^Figures as of (\d{4}-\d\d-\d\d )?\d\d:\d\d:\d\d UTC: being brought up to date/,
      );
      await expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    } finally {
      await slow.dispose();
    }
  });

  it('shows an API error in an alert instead of swallowing it', async () => {
    await page.goto(`${server.url}/workflows/no-such-workflow`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('no-such-workflow');
    // The browser itself logs the failed fetch; that one is the point of this test.
    ignoreProblems((p) => p.includes('404'));
  });
});
