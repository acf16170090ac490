/**
 * Unit economics: `GET /api/v1/workflows`, `/workflows/{workflow}`, `/workflows/{workflow}/cost-distribution`,
 * `/work-units/{id}`, `/teams`, `/spend`.
 */
import type { Context, Hono } from 'hono';
import {
  buildCostDistribution,
  buildSpendView,
  buildWorkUnitReport,
  parseBands,
  parseRange,
  type ReportRange,
  type WorkflowReports,
} from '../../analysis/index.js';
import type { Store } from '../../store/index.js';
import type { ReportCache } from '../report-cache.js';
import { parseViewFilters } from './view-filters.js';

function range(c: Context) {
  return parseRange(c.req.query('from'), c.req.query('to'));
}

/** The range, narrowed by `attr.KEY=value` when given (the dashboard's attribute filter). */
function narrowedRange(c: Context): ReportRange {
  const { attribute } = parseViewFilters(c);
  return attribute ? { ...range(c), attribute } : range(c);
}

export function mountWorkflows(
  app: Hono,
  deps: { store: Store; reports: WorkflowReports; reportCache: ReportCache },
): void {
  const cache = deps.reportCache;
  app.get('/api/v1/workflows', async (c) => {
    const r = narrowedRange(c);
    return cache.json(c, async () => ({ workflows: await deps.reports.workflows(r) }));
  });
  app.get('/api/v1/teams', async (c) => {
    const r = range(c);
    return cache.json(c, async () => ({ teams: await deps.reports.teams(r) }));
  });
  // The detail, and its economics and daily series alone (the overview's trend).
  for (const [path, read] of [
    ['/api/v1/workflows/:workflow', 'workflow'],
    ['/api/v1/workflows/:workflow/daily', 'daily'],
  ] as const) {
    app.get(path, async (c) => {
      const name = c.req.param('workflow');
      const r = narrowedRange(c);
      return cache.json(
        c,
        () => deps.reports[read](name, r),
        `no work units of workflow ${JSON.stringify(name)} in this range`,
      );
    });
  }
  app.get('/api/v1/workflows/:workflow/cost-distribution', async (c) => {
    const r = narrowedRange(c);
    const bands = parseBands(c.req.query('bands'));
    return cache.json(c, () =>
      buildCostDistribution(deps.store, c.req.param('workflow'), r, bands),
    );
  });
  app.get('/api/v1/work-units/:id', async (c) => {
    const id = c.req.param('id');
    const report = await buildWorkUnitReport(deps.store, id, c.req.query('workflow'));
    if (!report) return c.json({ error: `no work unit ${JSON.stringify(id)} has been seen` }, 404);
    return c.json(report);
  });
  app.get('/api/v1/spend', async (c) => c.json(await buildSpendView(deps.store)));
}
