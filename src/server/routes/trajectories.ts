/**
 * Trajectories: `GET /api/v1/work-units/{id}/trajectory`, the work-unit search
 * `GET /api/v1/work-units?workflow=…` and `GET /api/v1/workflows/{workflow}/compare`.
 * Bad parameters are refused with a 400 naming them (the app maps `RangeError400`).
 */
import type { Hono } from 'hono';
import {
  buildTrajectory,
  compareWorkflow,
  parseCompareQuery,
  parseSearchQuery,
  searchWorkUnits,
} from '../../analysis/index.js';
import { createPriceBook, type PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';

export function mountTrajectories(
  app: Hono,
  deps: {
    store: Store;
    decisionKeys?: readonly string[] | undefined;
    priceBook?: PriceBook | undefined;
  },
): void {
  const decisionKeys = deps.decisionKeys ?? [];
  const book = deps.priceBook ?? createPriceBook();
  app.get('/api/v1/work-units/:id/trajectory', async (c) => {
    const id = c.req.param('id');
    const trajectory = await buildTrajectory(deps.store, id, c.req.query('workflow'), {
      decisionKeys,
    });
    if (!trajectory)
      return c.json({ error: `no work unit ${JSON.stringify(id)} has been seen` }, 404);
    return c.json(trajectory);
  });
  app.get('/api/v1/work-units', async (c) => {
    const raw = c.req.queries();
    if (raw.workflow === undefined)
      return c.json({ error: 'workflow: required (search one workflow at a time)' }, 400);
    return c.json(await searchWorkUnits(deps.store, parseSearchQuery(raw), book));
  });
  app.get('/api/v1/workflows/:workflow/compare', async (c) => {
    const raw = { ...c.req.queries(), workflow: [c.req.param('workflow')] };
    return c.json(await compareWorkflow(deps.store, parseCompareQuery(raw)));
  });
}
