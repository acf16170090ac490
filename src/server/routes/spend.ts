/** Spend totals and unpriced models: `GET /api/v1/spend/totals`, `GET /api/v1/prices/unpriced`. */
import type { Hono } from 'hono';
import { buildSpendView, listUnpricedModels } from '../../analysis/index.js';
import type { Store } from '../../store/index.js';
import type { ReportCache } from '../report-cache.js';

export function mountSpend(app: Hono, deps: { store: Store; reportCache: ReportCache }): void {
  app.get('/api/v1/spend/totals', async (c) =>
    deps.reportCache.json(c, () => buildSpendView(deps.store)),
  );
  app.get('/api/v1/prices/unpriced', async (c) =>
    c.json({ models: await listUnpricedModels(deps.store) }),
  );
}
