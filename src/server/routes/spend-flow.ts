/** The spend flow, team → workflow → model → verdict: `GET /api/v1/spend/flow`. */
import type { Hono } from 'hono';
import { buildSpendFlow } from '../../analysis/index.js';
import type { Store } from '../../store/index.js';
import { parseViewFilters } from './view-filters.js';

export function mountSpendFlow(app: Hono, deps: { store: Store }): void {
  app.get('/api/v1/spend/flow', async (c) =>
    c.json(await buildSpendFlow(deps.store, parseViewFilters(c))),
  );
}
