/**
 * The dashboard's static files: dist/web at `/`, with index.html for any other browser path
 * (client-side routing), and a 503 naming the fix when the package was never built.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Context, Hono } from 'hono';
import { findPackageRoot } from '../../store/index.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

export function webRoot(): string {
  return join(findPackageRoot(import.meta.url), 'dist', 'web');
}

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/') || path === '/v1' || path.startsWith('/v1/');
}

async function serveFile(c: Context, root: string, relativePath: string): Promise<Response | null> {
  const file = normalize(join(root, relativePath));
  if (file !== root && !file.startsWith(root + sep)) return null;
  const type = TYPES[extname(file)];
  if (!type || !existsSync(file)) return null;
  const body = await readFile(file);
  const cache = relativePath.startsWith(`assets${sep}`) || relativePath.startsWith('assets/');
  return c.body(body, 200, {
    'content-type': type,
    'cache-control': cache ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export function mountDashboard(app: Hono, root: string = webRoot()): void {
  // Middleware, not a GET route: it is mounted after every API route and only sees what they missed.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' || isApiPath(c.req.path)) return next();
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      return c.text(
        'The dashboard is not built: run `npm run build` (or `npm run build:web`) and restart.\n',
        503,
      );
    }
    const asset = await serveFile(c, root, safeDecode(c.req.path).replace(/^\/+/, ''));
    if (asset) return asset;
    if (extname(c.req.path) !== '') return next();
    return (await serveFile(c, root, 'index.html')) ?? next();
  });
}
