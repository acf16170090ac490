import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/web/format.js';
import type {
  Trajectory,
  TrajectoryStep,
  WorkUnitSearchView,
} from '../../src/web/pages/trajectory-types.js';
import {
  page,
  registerDashboardSession,
  SCREENSHOTS,
  server,
} from '../support/dashboard-session.js';

const WORKFLOW = 'claims-adjudication';

registerDashboardSession();

const search = async (params: string, workflow = WORKFLOW) =>
  (await server.getJson<WorkUnitSearchView>(`/api/v1/work-units?workflow=${workflow}&${params}`))
    .body;

function flatten(steps: TrajectoryStep[]): TrajectoryStep[] {
  return steps.flatMap((s) => [s, ...flatten(s.children)]);
}

/**
 * A unit the API marks with `marker` on some step: among the costliest retried units of the
 * workflow for `retry`, the costliest units for `repeat` (the demo plants loops in
 * support-tickets: get_order called again with the same arguments).
 */
async function markedUnit(workflow: string, marker: 'retry' | 'repeat'): Promise<Trajectory> {
  const units = (await search('sort=-cost&limit=500', workflow)).units.filter(
    (u) => marker !== 'retry' || u.attempts > 1,
  );
  for (const u of units.slice(0, 80)) {
    const { body } = await server.getJson<Trajectory>(
      `/api/v1/work-units/${encodeURIComponent(u.workUnitId)}/trajectory?workflow=${workflow}`,
    );
    const steps = body.attempts.flatMap((a) => flatten(a.steps));
    if (steps.some((s) => s.markers.includes(marker))) return body;
  }
  throw new Error(`no unit of ${workflow} has a ${marker} step`);
}

/** The page of `t` shows the API's markers, cost per step, per attempt and in total. */
async function checkUnitPage(t: Trajectory, workflow: string) {
  await page.goto(
    `${server.url}/work-units/${encodeURIComponent(t.workUnitId)}?workflow=${workflow}`,
  );
  await page.getByRole('heading', { name: `Work unit: ${t.workUnitId}` }).waitFor();
  expect(await page.getByTestId('unit-cost').textContent()).toBe(formatUsd(t.tokenCostUsd));
  expect(await page.locator('[data-testid^="attempt-"]').count()).toBe(t.attempts.length);
  let loops = 0;
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
    loops += repeats;
    expect(await section.locator('tbody .badge-repeat').count()).toBe(repeats);
    const errors = steps.filter((s) => s.markers.includes('error')).length;
    expect(await section.locator('tbody .badge-error').count()).toBe(errors);
    const human = steps.filter((s) => s.kind === 'human').length;
    expect(await section.locator('tbody .badge-human').count()).toBe(human);
  }
  const retries = t.attempts.filter((a) => a.retry).length;
  const marks = await page.getByTestId('unit-marks').textContent();
  expect(marks).toContain(`${retries} retries`);
  expect(marks).toContain(`${loops} loop steps`);
  const timeline = page.getByTestId('trajectory-timeline');
  await timeline.locator('svg').waitFor();
  expect(await timeline.locator('[role="img"]').getAttribute('aria-label')).toContain(
    'coloured by marker',
  );
  await page.getByRole('list', { name: 'Legend of step markers' }).waitFor();
  const waste = await server.getJson<{ total: { usdNumber: number } }>(
    `/api/v1/work-units/${encodeURIComponent(t.workUnitId)}/waste?workflow=${workflow}`,
  );
  expect(waste.status).toBe(200);
  await expect
    .poll(() => page.getByTestId('unit-waste-total').textContent())
    .toBe(formatUsd(waste.body.total.usdNumber));
  const compare = page.getByTestId('workflow-compare');
  await compare.waitFor();
  expect(await compare.textContent()).toContain(`Successful vs failed trajectories of ${workflow}`);
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

  it('reads the search from the URL and says when nothing matches', async () => {
    const none = await search('minCostUsd=100000');
    expect(none.matched).toBe(0);
    await page.goto(`${server.url}/workflows/${WORKFLOW}/units?minCostUsd=100000`);
    await page.getByTestId('unit-search-empty').waitFor();
    expect(await page.getByLabel('Min cost (USD)').inputValue()).toBe('100000');
  });

  it('marks a retried unit and shows the API cost per step, attempt and total', async () => {
    const t = await markedUnit(WORKFLOW, 'retry');
    expect(t.attempts.length).toBeGreaterThan(1);
    await checkUnitPage(t, WORKFLOW);
  });

  it('marks a human override and human steps', async () => {
    const units = (await search('limit=500')).units;
    const overridden = units.find((u) => u.overridden);
    if (!overridden) throw new Error(`the demo overrode no unit of ${WORKFLOW}`);
    const { body } = await server.getJson<Trajectory>(
      `/api/v1/work-units/${encodeURIComponent(overridden.workUnitId)}/trajectory?workflow=${WORKFLOW}`,
    );
    expect(body.outcome?.overridden).toBe(true);
    await checkUnitPage(body, WORKFLOW);
    await page.getByTestId('override-badge').waitFor();
  });

  it('marks a looping unit (repeated fingerprints) in the table and the timeline', async () => {
    const t = await markedUnit('support-tickets', 'repeat');
    await checkUnitPage(t, 'support-tickets');
    expect(await page.locator('tbody .badge-repeat').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'work-unit.png'), fullPage: true });
  });
});
