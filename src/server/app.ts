/** The HTTP surface: the OTLP receiver and the REST API on one Hono app. Dependencies are injected. */
import { Hono } from 'hono';
import type { Capture } from '../capture/index.js';
import type { Store } from '../store/index.js';
import { openApiDocument } from './openapi.js';
import { mountOtlpTraces } from './routes/otlp-traces.js';
import { mountSpend } from './routes/spend.js';
import { mountTraces } from './routes/traces.js';

export interface AppDeps {
  capture: Capture;
  store: Store;
  maxBodyBytes: number;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  mountOtlpTraces(app, deps);
  mountTraces(app, deps);
  mountSpend(app, deps);
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => c.json({ error: error.message }, 500));
  return app;
}
