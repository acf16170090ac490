/**
 * Waste in dollars and the routing counterfactual: `GET /api/v1/waste`,
 * `/api/v1/workflows/{workflow}/waste` and `/api/v1/workflows/{workflow}/routing`.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { type FlowQuery, parseRange, RangeError400, waste } from '../../analysis/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';
import type { ReportCache } from '../report-cache.js';
import { parseViewFilters, teamFilter } from './view-filters.js';

const routingQuery = z.object({
  step: z
    .string({ error: 'step is required: the step name (tokenledger.step.name) to re-route' })
    .min(1, 'step must not be empty'),
  model: z
    .string({ error: 'model is required: a catalog model id such as claude-haiku-4-5' })
    .min(1, 'model must not be empty'),
  successRate: z.coerce
    .number({ error: 'successRate must be a number between 0 and 1' })
    .min(0, 'successRate must be between 0 and 1')
    .max(1, 'successRate must be between 0 and 1')
    .optional(),
});

export function mountWaste(
  app: Hono,
  deps: { store: Store; priceBook: PriceBook; reportCache: ReportCache },
): void {
  /** The view's workflows' waste, read with or without the examples. */
  const viewWaste = async (view: FlowQuery, examples: boolean) => {
    const { team, ...query } = view;
    const inTeam = team === undefined ? null : await teamFilter(deps.store, team);
    return (await waste.analyzeWaste(deps.store, deps.priceBook, { ...query, examples })).filter(
      (w) => inTeam === null || inTeam(w.workflow),
    );
  };
  app.get('/api/v1/waste', async (c) => {
    const view = parseViewFilters(c);
    return deps.reportCache.json(c, async () => ({
      workflows: (await viewWaste(view, true)).map(waste.toWasteView),
      definitions: waste.WASTE_RULES,
    }));
  });
  // The overview's split: the same amounts without the evidence, a quarter cheaper to read.
  app.get('/api/v1/waste/split', async (c) => {
    const view = parseViewFilters(c);
    return deps.reportCache.json(c, async () => ({
      workflows: (await viewWaste(view, false)).map(waste.toWasteSplit),
    }));
  });
  app.get('/api/v1/workflows/:workflow/waste', async (c) => {
    const workflow = c.req.param('workflow');
    const range = parseRange(c.req.query('from'), c.req.query('to'));
    const { attribute } = parseViewFilters(c);
    return deps.reportCache.json(
      c,
      async () => {
        const [split] = await waste.analyzeWaste(deps.store, deps.priceBook, {
          workflow,
          ...range,
          ...(attribute ? { attribute } : {}),
        });
        return split ? { ...waste.toWasteView(split), definitions: waste.WASTE_RULES } : null;
      },
      `no work units of workflow ${JSON.stringify(workflow)} in this range`,
    );
  });
  app.get('/api/v1/workflows/:workflow/routing', async (c) => {
    const parsed = routingQuery.safeParse(c.req.query());
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RangeError400(
        `${issue?.path.join('.') ?? 'query'}: ${issue?.message ?? 'invalid'}`,
      );
    }
    const workflow = c.req.param('workflow');
    const { step, model, successRate } = parsed.data;
    const result = await waste.routingWhatIf(deps.store, deps.priceBook, {
      workflow,
      step,
      model,
      ...(successRate === undefined ? {} : { successRate }),
    });
    if (!result)
      return c.json(
        {
          error: `workflow ${JSON.stringify(workflow)} has no judged calls of step ${JSON.stringify(step)}`,
        },
        404,
      );
    return c.json(result);
  });
}
