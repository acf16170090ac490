/**
 * Browser tests need the built dashboard: build dist/web when it is missing or older than any
 * file under src/web (or the Vite config).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..', '..');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function setup(): Promise<void> {
  const index = join(ROOT, 'dist', 'web', 'index.html');
  const sources = Math.max(newest(join(ROOT, 'src', 'web')), newest(join(ROOT, 'vite.config.ts')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  // The shipped build: under vitest NODE_ENV is `test`, which would bundle React's development
  // build (slower, effects run twice in StrictMode) and skew the browser benchmark.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
