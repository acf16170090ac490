/**
 * The browser suites' shared set-up: a real server filled by `tokenledger demo --scale 2000
 * --seed 9` (with its truth file), Debian's Chromium at 1366 px, and a check after every test that
 * the page logged no error. `registerDashboardSession()` registers the hooks; the bindings below are
 * live, so a suite reads `server`, `page` and `truth` once they are set.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { demoCommand } from '../../src/cli/demo-command.js';
import { type Truth, toWorkflowBaseline, WORKFLOWS } from '../../src/demo/index.js';
import { startTestServer, type TestServer } from './test-server.js';

/** Where the suites save the README's screenshots. */
export const SCREENSHOTS = resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');

export let server: TestServer;
export let page: Page;
export let truth: Truth;
let browser: Browser;
let problems: string[] = [];

/** Drops logged problems a test provoked on purpose (a 400 it asked for), before the check. */
export function ignoreProblems(expected: (problem: string) => boolean): void {
  problems = problems.filter((p) => !expected(p));
}

export function registerDashboardSession(): void {
  beforeAll(async () => {
    server = await startTestServer({ workflows: WORKFLOWS.map(toWorkflowBaseline) });
    const truthPath = join(server.dir, 'truth.json');
    const code = await demoCommand(
      ['--url', server.url, '--scale', '2000', '--seed', '9', '--emit-truth', truthPath],
      { out: () => {}, err: () => {} },
    );
    expect(code).toBe(0);
    truth = JSON.parse(await readFile(truthPath, 'utf8')) as Truth;
    await mkdir(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  }, 120_000);

  afterEach(() => {
    expect(problems).toEqual([]);
    problems = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.dispose();
  });
}
