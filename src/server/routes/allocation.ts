/**
 * Allocation: `GET /api/v1/workflows/{workflow}/marginal`, `POST /api/v1/allocate`,
 * `GET /api/v1/recommendations`. Thin adapters over analysis' AllocationReports; bad bodies get
 * a 400 naming the field and the rule.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AllocationReports, parseRange, type WorkflowReports } from '../../analysis/index.js';
import { createPriceBook, type PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';
import type { ReportCache } from '../report-cache.js';

const amount = z.union(
  [
    z.number().finite().nonnegative(),
    z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number),
  ],
  { error: 'must be a non-negative amount in USD: a number, or a decimal string such as "5000"' },
);

const allocateBody = z.strictObject({
  budgetUsd: amount,
  period: z.enum(['day', 'week', 'month']).default('month'),
  volumes: z.record(z.string(), z.number().finite().nonnegative()).optional(),
});

export function parseAllocateBody(body: unknown) {
  const parsed = allocateBody.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return { error: `${field}: ${issue?.message ?? 'invalid'}` };
}

export interface AllocationDeps {
  store: Store;
  reports: WorkflowReports;
  /** The server's price book (with the user's price file); the bundled catalog otherwise. */
  priceBook?: PriceBook;
  reportCache: ReportCache;
}

export function mountAllocation(app: Hono, deps: AllocationDeps): void {
  let allocation: AllocationReports | null = null;
  const reports = () => {
    allocation ??= new AllocationReports(
      deps.store,
      deps.reports,
      deps.priceBook ?? createPriceBook(),
    );
    return allocation;
  };
  app.get('/api/v1/workflows/:workflow/marginal', async (c: Context) => {
    const name = c.req.param('workflow') ?? '';
    const range = parseRange(c.req.query('from'), c.req.query('to'));
    return deps.reportCache.json(
      c,
      () => reports().marginal(name, range),
      `no decided work units of workflow ${JSON.stringify(name)}`,
    );
  });
  app.post('/api/v1/allocate', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'body: must be a JSON object' }, 400);
    }
    const request = parseAllocateBody(body);
    if ('error' in request) return c.json({ error: request.error }, 400);
    return c.json(
      await reports().allocate({
        budgetUsd: request.budgetUsd,
        period: request.period,
        ...(request.volumes ? { volumes: request.volumes } : {}),
      }),
    );
  });
  app.get('/api/v1/recommendations', async (c) => {
    const workflow = c.req.query('workflow');
    return deps.reportCache.json(c, async () => ({
      recommendations: await reports().recommendations(workflow),
    }));
  });
}
