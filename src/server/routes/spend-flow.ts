/** The spend flow, team → workflow → model → verdict: `GET /api/v1/spend/flow`. */
import type { Hono } from 'hono';
import { buildSpendFlow } from '../../analysis/index.js';
import type { Store } from '../../store/index.js';
import type { ReportCache } from '../report-cache.js';
import { parseViewFilters } from './view-filters.js';

export function mountSpendFlow(app: Hono, deps: { store: Store; reportCache: ReportCache }): void {
  app.get('/api/v1/spend/flow', async (c) => {
    const filters = parseViewFilters(c);
    return deps.reportCache.json(c, () => buildSpendFlow(deps.store, filters));
  });
}
