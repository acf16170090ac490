import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowReports } from '../analysis/index.js';
import { Capture } from '../capture/index.js';
import { createPriceBook } from '../pricing/index.js';
import { openStore, type Store } from '../store/index.js';
import { createApp } from './app.js';
import { ROUTES } from './openapi.js';
import { QuietGate } from './quiet-gate.js';

describe('the HTTP app', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'duckdb', path: ':memory:' });
  });
  afterAll(async () => {
    await store.close();
  });

  it('describes every route it mounts in /api/openapi.json', async () => {
    const app = createApp({
      capture: new Capture({ store, priceBook: createPriceBook() }),
      store,
      reports: new WorkflowReports(store),
      maxBodyBytes: 1024,
    });
    const mounted = app.routes
      .filter((r) => r.method !== 'ALL' && r.path !== '/api/openapi.json')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect([...new Set(mounted)].sort()).toEqual([...documented].sort());
    const response = await app.request('/api/openapi.json');
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/v1/traces/{traceId}');
  });

  it('answers unknown routes with a JSON 404 naming the route', async () => {
    const app = createApp({
      capture: new Capture({ store, priceBook: createPriceBook() }),
      store,
      reports: new WorkflowReports(store),
      maxBodyBytes: 1024,
    });
    const response = await app.request('/api/v1/nothing');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'no route for GET /api/v1/nothing' });
  });

  it('answers 503 with Retry-After, not 500, for a store that closed under the request', async () => {
    const closing = await openStore({ kind: 'duckdb', path: ':memory:' });
    const app = createApp({
      capture: new Capture({ store: closing, priceBook: createPriceBook() }),
      store: closing,
      reports: new WorkflowReports(closing),
      maxBodyBytes: 1024,
    });
    expect((await app.request('/api/v1/spend/totals')).status).toBe(200);
    await closing.close();
    const response = await app.request('/api/v1/workflows');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('5');
    expect(await response.json()).toEqual({ error: 'the server is stopping; retry shortly' });
  });

  it("tells the quiet gate of a reader's GETs, not of the warm-up's or of writes", async () => {
    const seen: string[] = [];
    class Recording extends QuietGate {
      override enter(): () => void {
        seen.push('enter');
        const leave = super.enter();
        return () => {
          seen.push('leave');
          leave();
        };
      }
    }
    const app = createApp({
      capture: new Capture({ store, priceBook: createPriceBook() }),
      store,
      reports: new WorkflowReports(store),
      maxBodyBytes: 1024,
      quiet: new Recording(),
    });
    await app.request('http://warm-up/healthz');
    await app.request('/v1/traces', { method: 'POST', body: '{}' });
    expect(seen).toEqual([]);
    expect((await app.request('/healthz')).status).toBe(200);
    expect(seen).toEqual(['enter', 'leave']);
  });
});
