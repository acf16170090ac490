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
  type WorkflowReports,
} from '../../analysis/index.js';
import type { Store } from '../../store/index.js';

function range(c: Context) {
  return parseRange(c.req.query('from'), c.req.query('to'));
}

export function mountWorkflows(app: Hono, deps: { store: Store; reports: WorkflowReports }): void {
  app.get('/api/v1/workflows', async (c) =>
    c.json({ workflows: await deps.reports.workflows(range(c)) }),
  );
  app.get('/api/v1/teams', async (c) => c.json({ teams: await deps.reports.teams(range(c)) }));
  app.get('/api/v1/workflows/:workflow', async (c) => {
    const name = c.req.param('workflow');
    const detail = await deps.reports.workflow(name, range(c));
    if (!detail)
      return c.json(
        { error: `no work units of workflow ${JSON.stringify(name)} in this range` },
        404,
      );
    return c.json(detail);
  });
  app.get('/api/v1/workflows/:workflow/cost-distribution', async (c) =>
    c.json(
      await buildCostDistribution(
        deps.store,
        c.req.param('workflow'),
        range(c),
        parseBands(c.req.query('bands')),
      ),
    ),
  );
  app.get('/api/v1/work-units/:id', async (c) => {
    const id = c.req.param('id');
    const report = await buildWorkUnitReport(deps.store, id, c.req.query('workflow'));
    if (!report) return c.json({ error: `no work unit ${JSON.stringify(id)} has been seen` }, 404);
    return c.json(report);
  });
  app.get('/api/v1/spend', async (c) => c.json(await buildSpendView(deps.store)));
}
