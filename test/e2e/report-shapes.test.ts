/**
 * Kept report answers outlive a release while `REPORT_SHAPES` stays the same
 * (server/report-snapshots.ts), so a shape change must bump it or the dashboard after an upgrade
 * would be handed answers it cannot read. This test reads every cached route over a demo store,
 * reduces each answer to its shape (keys and value types, array elements merged) and compares with
 * the shapes recorded in report-shapes.json for that `REPORT_SHAPES`. When they differ: bump
 * `REPORT_SHAPES`, then record with `UPDATE_REPORT_SHAPES=1 npx vitest run test/e2e/report-shapes.test.ts`
 * (it refuses to record a changed route over the same number; a route newly cached needs no bump).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCommand } from '../../src/cli/demo-command.js';
import { toWorkflowBaseline, WORKFLOWS } from '../../src/demo/index.js';
import { REPORT_SHAPES } from '../../src/server/report-snapshots.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const RECORDED = join(import.meta.dirname, 'report-shapes.json');
const WORKFLOW = 'claims-adjudication';

/** Every route the report cache answers (and keeps), as the dashboard asks for them. */
const ROUTES = [
  '/api/v1/spend/totals',
  '/api/v1/workflows',
  '/api/v1/teams',
  `/api/v1/workflows/${WORKFLOW}`,
  `/api/v1/workflows/${WORKFLOW}/daily`,
  `/api/v1/workflows/${WORKFLOW}/cost-distribution`,
  `/api/v1/workflows/${WORKFLOW}/waste`,
  `/api/v1/workflows/${WORKFLOW}/marginal`,
  '/api/v1/waste',
  '/api/v1/waste/split',
  '/api/v1/spend/flow',
  '/api/v1/recommendations',
  `/api/v1/workflows/${WORKFLOW}/compare`,
  `/api/v1/work-units?workflow=${WORKFLOW}&sort=-cost&limit=10`,
];

type Shape = string | { [key: string]: Shape } | Shape[];

/** A value's shape: primitives by type, objects by key, arrays by the merge of their elements. */
function shapeOf(value: unknown): Shape {
  if (value === null) return 'null';
  if (Array.isArray(value)) return [value.map(shapeOf).reduce(merge, 'empty')];
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, shapeOf((value as Record<string, unknown>)[k])]),
    );
  return typeof value;
}

const isObject = (s: Shape): s is { [key: string]: Shape } =>
  typeof s === 'object' && !Array.isArray(s);
const kinds = (s: Shape): string[] =>
  Array.isArray(s) ? ['array'] : isObject(s) ? ['object'] : s.split('|');

/**
 * Two shapes as one: objects key by key (a key one lacks is `absent`), arrays element-wise, an
 * object or array that is sometimes null keeps its structure and gains `(or null)`, anything else
 * a sorted union of types.
 */
function merge(a: Shape, b: Shape): Shape {
  if (a === 'empty') return b;
  if (b === 'empty') return a;
  if (Array.isArray(a) && Array.isArray(b)) return [merge(a[0] ?? 'empty', b[0] ?? 'empty')];
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return Object.fromEntries(keys.map((k) => [k, merge(a[k] ?? 'absent', b[k] ?? 'absent')]));
  }
  if (isObject(a) && b === 'null') return { ...a, '(or null)': 'yes' };
  if (isObject(b) && a === 'null') return { ...b, '(or null)': 'yes' };
  return [...new Set([...kinds(a), ...kinds(b)])].sort().join('|');
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ workflows: WORKFLOWS.map(toWorkflowBaseline) });
  const code = await demoCommand(['--url', server.url, '--scale', '1500', '--seed', '9'], {
    out: () => {},
    err: () => {},
  });
  expect(code).toBe(0);
}, 120_000);

afterAll(async () => {
  await server?.dispose();
});

describe('the shapes of kept report answers', () => {
  it('match the shapes recorded for REPORT_SHAPES', async () => {
    const shapes: Record<string, Shape> = {};
    for (const route of ROUTES) {
      const { status, body } = await server.getJson<unknown>(route);
      expect(status, route).toBe(200);
      shapes[route] = shapeOf(body);
    }
    const recorded = JSON.parse(await readFile(RECORDED, 'utf8')) as {
      shapes: number;
      routes: Record<string, Shape>;
    };
    if (process.env.UPDATE_REPORT_SHAPES === '1') {
      // A route newly cached may be recorded under the same number: answers kept before it have
      // none of its answers, and every other route's stay readable.
      const changed = Object.keys(recorded.routes).filter(
        (route) => JSON.stringify(recorded.routes[route]) !== JSON.stringify(shapes[route]),
      );
      if (recorded.shapes === REPORT_SHAPES && changed.length > 0)
        throw new Error(
          `report shapes changed but REPORT_SHAPES is still ${REPORT_SHAPES}: bump it in src/server/report-snapshots.ts first`,
        );
      await writeFile(
        RECORDED,
        `${JSON.stringify({ shapes: REPORT_SHAPES, routes: shapes }, null, 2)}\n`,
      );
      return;
    }
    expect(recorded.shapes, 'REPORT_SHAPES was bumped: record the shapes (see the header)').toBe(
      REPORT_SHAPES,
    );
    for (const route of ROUTES)
      expect(
        shapes[route],
        `${route} changed shape: bump REPORT_SHAPES and record (see the header)`,
      ).toEqual(recorded.routes[route]);
  }, 60_000);
});
