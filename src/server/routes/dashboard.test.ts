import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountDashboard } from './dashboard.js';

let root: string;

function app(dir: string): Hono {
  const hono = new Hono();
  hono.get('/api/v1/ping', (c) => c.json({ ok: true }));
  mountDashboard(hono, dir);
  hono.notFound((c) => c.json({ error: 'none' }, 404));
  return hono;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'tokenledger-web-'));
  await mkdir(join(root, 'assets'));
  await writeFile(join(root, 'index.html'), '<div id="root"></div>');
  await writeFile(join(root, 'assets', 'app-1.js'), 'console.log(1)');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the dashboard route', () => {
  it('serves index.html at / and for client-side paths, assets with their type', async () => {
    for (const path of ['/', '/workflows/claims', '/work-units/CLM-1?since=2026-01-01']) {
      const response = await app(root).request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await response.text()).toBe('<div id="root"></div>');
    }
    const asset = await app(root).request('/assets/app-1.js');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await asset.text()).toBe('console.log(1)');
  });

  it('leaves the API, missing files, other methods and escapes alone', async () => {
    expect(await (await app(root).request('/api/v1/ping')).json()).toEqual({ ok: true });
    expect((await app(root).request('/api/v1/nothing')).status).toBe(404);
    expect((await app(root).request('/v1/traces')).status).toBe(404);
    expect((await app(root).request('/assets/missing.js')).status).toBe(404);
    expect((await app(root).request('/', { method: 'POST' })).status).toBe(404);
    expect((await app(root).request('/..%2f..%2fetc%2fpasswd.js')).status).toBe(404);
  });

  it('answers 503 naming the build command when dist/web is missing', async () => {
    const response = await app(join(root, 'absent')).request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build');
  });
});
