/**
 * `npm run bench:dashboard`: time until the overview's figures are rendered in Chromium with a
 * million work units in the store (issue 7 target: 1 s), beside the same page on an empty store and
 * each API call the overview makes, in the same process. Best of 3 after a warm-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import { defaultConfig } from '../src/config/index.js';
import { startServer } from '../src/server/index.js';
import { setup as buildWebIfStale } from '../test/browser/build-web.js';
import { fill, timeIt } from './report-bench.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '8000000' },
    units: { type: 'string', default: '1000000' },
  },
});
const options = { steps: Number(values.steps), units: Number(values.units) };

/** The overview is rendered when its last chart (or, on an empty store, the empty state) is drawn. */
const RENDERED =
  '[data-testid="cost-series-chart"] svg, [data-testid="empty-state"], [role="alert"]';

async function pageTime(page: Page, url: string): Promise<number> {
  return timeIt(async () => {
    await page.goto('about:blank');
    await page.goto(url);
    await page.locator(RENDERED).first().waitFor({ timeout: 120_000 });
  });
}

await buildWebIfStale();
const dir = await mkdtemp(join(tmpdir(), 'tokenledger-dashboard-bench-'));
const full = join(dir, 'full.duckdb');
console.log(
  `dashboard overview: ${options.steps.toLocaleString('en')} steps, ${options.units.toLocaleString('en')} work units`,
);
let started = performance.now();
await fill(full, options);
console.log(`filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
const filled = await startServer(defaultConfig({ port: 0, dbPath: full }));
const empty = await startServer(defaultConfig({ port: 0, dbPath: join(dir, 'empty.duckdb') }));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const emptyMs = await pageTime(page, `${empty.url}/`);
  const fullMs = await pageTime(page, `${filled.url}/`);
  const failed = await page.locator('[role="alert"]').count();
  console.log(
    `overview rendered: ${fullMs.toFixed(0)} ms with ${options.units.toLocaleString('en')} units` +
      ` (empty store ${emptyMs.toFixed(0)} ms; target < 1,000 ms)${failed ? ' — the page showed an error' : ''}`,
  );
  started = performance.now();
  const workflows = (await (await fetch(`${filled.url}/api/v1/workflows`)).json()) as {
    workflows: { workflow: string; tokenCostUsd: number }[];
  };
  const top = [...workflows.workflows].sort((a, b) => b.tokenCostUsd - a.tokenCostUsd)[0];
  const calls = [
    '/api/v1/spend/totals',
    '/api/v1/workflows',
    '/api/v1/waste',
    '/api/v1/spend/flow',
    ...(top ? [`/api/v1/workflows/${encodeURIComponent(top.workflow)}`] : []),
  ];
  for (const path of calls) {
    const ms = await timeIt(async () => {
      const response = await fetch(`${filled.url}${path}`);
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await response.arrayBuffer();
    });
    console.log(`  GET ${path}: ${ms.toFixed(0)} ms`);
  }
} finally {
  await browser.close();
  await filled.close();
  await empty.close();
  await rm(dir, { recursive: true, force: true });
}
