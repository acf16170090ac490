import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

const ALLOWED: Record<string, readonly string[]> = {
  domain: [],
  ingest: ['domain'],
  pricing: ['domain'],
  store: ['domain'],
  config: ['domain'],
  capture: ['domain', 'ingest', 'pricing', 'store'],
  analysis: ['domain', 'pricing', 'store'],
  server: ['domain', 'ingest', 'pricing', 'store', 'config', 'capture', 'analysis'],
  demo: ['domain', 'ingest', 'pricing', 'store', 'config', 'capture', 'analysis', 'server'],
  cli: ['domain', 'ingest', 'pricing', 'store', 'config', 'capture', 'analysis', 'server', 'demo'],
  web: [],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

function moduleOf(path: string): string {
  return relative(SRC, path).split(sep)[0] ?? '';
}

describe('module dependency direction (ARCHITECTURE.md)', () => {
  const violations: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = moduleOf(file);
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/g)) {
      const target = resolve(dirname(file), match[1] ?? '');
      const to = moduleOf(target);
      if (to === from || to.startsWith('..')) continue;
      const where = `${relative(SRC, file)} → ${match[1]}`;
      if (!(ALLOWED[from] ?? []).includes(to))
        violations.push(`${where}: ${from} may not import ${to}`);
      const inside = relative(join(SRC, to), target);
      if (inside !== 'index.js' && inside !== 'index.ts' && inside !== 'index') {
        violations.push(`${where}: import ${to} through its index.ts`);
      }
    }
  }

  it('every src/ module is in the table', () => {
    const modules = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(modules.filter((m) => !(m in ALLOWED) && m !== 'web')).toEqual([]);
  });

  it('imports follow the table and go through index.ts', () => {
    expect(violations).toEqual([]);
  });
});
