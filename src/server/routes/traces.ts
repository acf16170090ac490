/** `GET /api/v1/traces/{traceId}`: a captured trace with its steps, tokens and costs. */
import type { Hono } from 'hono';
import { buildTraceReport } from '../../analysis/index.js';
import type { Store } from '../../store/index.js';

export function mountTraces(app: Hono, deps: { store: Store }): void {
  app.get('/api/v1/traces/:traceId', async (c) => {
    const traceId = c.req.param('traceId');
    if (!/^[0-9a-fA-F]{32}$/.test(traceId)) {
      return c.json(
        { error: `traceId must be 32 hex characters, got ${JSON.stringify(traceId)}` },
        400,
      );
    }
    const report = await buildTraceReport(deps.store, traceId);
    if (!report)
      return c.json({ error: `no trace ${traceId.toLowerCase()} has been captured` }, 404);
    return c.json(report);
  });
}
