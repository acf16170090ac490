/**
 * The work unit page and the unit search in Debian's Chromium against a real server filled by
 * `tokenledger demo`: a unit the API says was retried (and looped, when the demo planted one)
 * shows its markers, the API's cost per step and total; the search filters (kept in the URL)
 * change the list as the API says; workflow → units → unit navigation works; no console errors.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand } from '../../src/cli/demo-command.js';
import { toWorkflowBaseline, WORKFLOWS } from '../../src/demo/index.js';
import { formatUsd } from '../../src/web/format.js';
import type {
  Trajectory,
  TrajectoryStep,
  WorkUnitSearchView,
} from '../../src/web/pages/trajectory-types.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const WORKFLOW = 'claims-adjudication';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ workflows: WORKFLOWS.map(toWorkflowBaseline) });
  const code = await demoCommand(['--url', server.url, '--scale', '2000', '--seed', '9'], {
    out: () => {},
    err: () => {},
  });
  expect(code).toBe(0);
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}, 120_000);

afterEach(() => {
  expect(problems).toEqual([]);
  problems = [];
});

afterAll(async () => {
  await browser?.close();
  await server?.dispose();
});

const search = async (params: string) =>
  (await server.getJson<WorkUnitSearchView>(`/api/v1/work-units?workflow=${WORKFLOW}&${params}`))
    .body;

function flatten(steps: TrajectoryStep[]): TrajectoryStep[] {
  return steps.flatMap((s) => [s, ...flatten(s.children)]);
}

/** A retried unit, preferring one with a loop (a repeated fingerprint), as the API reports it. */
async function retriedUnit(): Promise<Trajectory> {
  const units = (await search('sort=-cost&limit=500')).units.filter((u) => u.attempts > 1);
  expect(units.length).toBeGreaterThan(0);
  let retried: Trajectory | null = null;
  for (const u of units.slice(0, 80)) {
    const { body } = await server.getJson<Trajectory>(
      `/api/v1/work-units/${encodeURIComponent(u.workUnitId)}/trajectory?workflow=${WORKFLOW}`,
    );
    const steps = body.attempts.flatMap((a) => flatten(a.steps));
    if (steps.some((s) => s.markers.includes('repeat'))) return body;
    retried ??= body;
  }
  if (!retried) throw new Error('no retried unit');
  return retried;
}

describe('the work unit page in Chromium', () => {
  it('goes workflow → searched units → unit, with the filters in the URL', async () => {
    await page.goto(`${server.url}/workflows/${WORKFLOW}`);
    await page.getByRole('link', { name: `Search all work units of ${WORKFLOW}` }).click();
    await page.waitForURL(new RegExp(`/workflows/${WORKFLOW}/units`));
    const matched = page.getByTestId('unit-search-matched');
    const all = await search('limit=1');
    await expect.poll(() => matched.textContent()).toBe(all.matched.toLocaleString('en-US'));

    // A cost band: from the 10th costliest unit up to the 3rd (the API's own figures).
    const byCost = await search('sort=-cost&limit=500');
    const floor = byCost.units[9]?.tokenCostUsd ?? 0;
    const ceiling = byCost.units[2]?.tokenCostUsd ?? 0;
    const above = await search(`minCostUsd=${floor}`);
    expect(above.matched).toBeGreaterThan(1);
    expect(above.matched).toBeLessThan(all.matched);
    await page.getByLabel('Min cost (USD)').fill(String(floor));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('minCostUsd') === String(floor));
    await expect.poll(() => matched.textContent()).toBe(above.matched.toLocaleString('en-US'));
    const rows = page.locator('[data-testid="unit-search-results"] tbody tr');
    expect(await rows.count()).toBe(above.units.length);

    const band = await search(`minCostUsd=${floor}&maxCostUsd=${ceiling}&sort=-cost`);
    expect(band.matched).toBeLessThan(above.matched);
    await page.getByLabel('Max cost (USD)').fill(String(ceiling));
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.searchParams.get('maxCostUsd') === String(ceiling));
    await expect.poll(() => matched.textContent()).toBe(band.matched.toLocaleString('en-US'));
    expect(new URL(page.url()).searchParams.get('minCostUsd')).toBe(String(floor));
    // The filters live in the URL: reloading shows the same list.
    await page.reload();
    await expect.poll(() => matched.textContent()).toBe(band.matched.toLocaleString('en-US'));

    const first = band.units[0];
    if (!first) throw new Error('no unit in the cost band');
    await rows.first().getByRole('link').click();
    await page.getByRole('heading', { name: `Work unit: ${first.workUnitId}` }).waitFor();
    expect(await page.getByTestId('unit-cost').textContent()).toBe(formatUsd(first.tokenCostUsd));
  });

  it('marks a retried (and looping) unit and shows the API cost per step and total', async () => {
    const t = await retriedUnit();
    await page.goto(
      `${server.url}/work-units/${encodeURIComponent(t.workUnitId)}?workflow=${WORKFLOW}`,
    );
    await page.getByRole('heading', { name: `Work unit: ${t.workUnitId}` }).waitFor();
    expect(await page.getByTestId('unit-cost').textContent()).toBe(formatUsd(t.tokenCostUsd));
    expect(await page.locator('[data-testid^="attempt-"]').count()).toBe(t.attempts.length);
    for (const attempt of t.attempts) {
      const section = page.getByTestId(`attempt-${attempt.attempt}`);
      expect(await section.getByTestId('cost-of-attempt').textContent()).toBe(
        formatUsd(attempt.costUsd),
      );
      expect(await section.locator('h2 .badge-retry').count()).toBe(attempt.retry ? 1 : 0);
      const steps = flatten(attempt.steps);
      const cells = await section.getByTestId('step-cost').allTextContents();
      expect(cells.length).toBe(steps.length);
      steps.forEach((s, i) => {
        const expected = s.costUsd === null ? 'unpriced' : formatUsd(s.costUsd);
        expect(cells[i], s.spanId).toContain(expected);
      });
      const repeats = steps.filter((s) => s.markers.includes('repeat')).length;
      expect(await section.locator('tbody .badge-repeat').count()).toBe(repeats);
      const errors = steps.filter((s) => s.markers.includes('error')).length;
      expect(await section.locator('tbody .badge-error').count()).toBe(errors);
    }
    const retries = t.attempts.filter((a) => a.retry).length;
    expect(await page.getByTestId('unit-marks').textContent()).toContain(`${retries} retries`);
    const timeline = page.getByTestId('trajectory-timeline');
    await timeline.locator('svg').waitFor();
    expect(await timeline.locator('[role="img"]').getAttribute('aria-label')).toContain(
      'coloured by marker',
    );
    await page.getByRole('list', { name: 'Legend of step markers' }).waitFor();

    const waste = await server.getJson<{ total: { usdNumber: number } }>(
      `/api/v1/work-units/${encodeURIComponent(t.workUnitId)}/waste?workflow=${WORKFLOW}`,
    );
    if (waste.status === 200)
      await expect
        .poll(() => page.getByTestId('unit-waste-total').textContent())
        .toBe(formatUsd(waste.body.total.usdNumber));
    const compare = page.getByTestId('workflow-compare');
    await compare.waitFor();
    expect(await compare.textContent()).toContain('Successful vs failed trajectories');
    await page.screenshot({ path: join(SCREENSHOTS, 'work-unit.png'), fullPage: true });
  });
});
