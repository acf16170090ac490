/**
 * Trajectories: `GET /api/v1/work-units/{id}/trajectory`, the work-unit search
 * `GET /api/v1/work-units?workflow=…` and `GET /api/v1/workflows/{workflow}/compare` (the last two
 * through the report cache). Bad parameters are refused with a 400 naming them (the app maps
 * `RangeError400`).
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
import type { ReportCache } from '../report-cache.js';

export function mountTrajectories(
  app: Hono,
  deps: {
    store: Store;
    reportCache: ReportCache;
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
  // A search and a comparison read a workflow's steps (~1.2 s and ~5 s over one workflow of the
  // realistic 1M-unit demo store): cached per store version like the reports. Their parameters
  // are checked first, so a refused question is never computed.
  app.get('/api/v1/work-units', async (c) => {
    const raw = c.req.queries();
    if (raw.workflow === undefined)
      return c.json({ error: 'workflow: required (search one workflow at a time)' }, 400);
    const search = parseSearchQuery(raw);
    return deps.reportCache.json(c, () => searchWorkUnits(deps.store, search, book));
  });
  app.get('/api/v1/workflows/:workflow/compare', async (c) => {
    const compare = parseCompareQuery({ ...c.req.queries(), workflow: [c.req.param('workflow')] });
    return deps.reportCache.json(c, () => compareWorkflow(deps.store, compare));
  });
}
