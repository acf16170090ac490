/**
 * One work unit's waste split: `GET /api/v1/work-units/{id}/waste?workflow=` — its dollars per
 * waste class, with references and success rates taken over its workflow's units in `from`/`to`
 * (all of them without a range; docs/metrics.md).
 */
import type { Hono } from 'hono';
import { parseRange, RangeError400, waste } from '../../analysis/index.js';
import { type FemtoUsd, femtoToUsdNumber, femtoToUsdString } from '../../domain/index.js';
import type { PriceBook } from '../../pricing/index.js';
import type { Store } from '../../store/index.js';

const amount = (femto: FemtoUsd) => ({
  usd: femtoToUsdString(femto),
  usdNumber: femtoToUsdNumber(femto),
});

export function mountUnitWaste(app: Hono, deps: { store: Store; priceBook: PriceBook }): void {
  app.get('/api/v1/work-units/:id/waste', async (c) => {
    const id = c.req.param('id');
    const workflow = c.req.query('workflow');
    if (!workflow) throw new RangeError400('workflow: required (the workflow the unit belongs to)');
    const range = parseRange(c.req.query('from'), c.req.query('to'));
    const inRange = range.fromUnixNano !== undefined || range.toUnixNano !== undefined;
    const split = await waste.unitWaste(deps.store, deps.priceBook, workflow, id, range);
    if (!split)
      return c.json(
        {
          error: `work unit ${JSON.stringify(id)} of workflow ${JSON.stringify(workflow)} has no judged outcome${inRange ? ' in this range' : ''} (unknown, or awaiting its outcome)`,
        },
        404,
      );
    const total = waste.WASTE_CLASSES.reduce((sum, cls) => sum + split[cls], 0n);
    const classes = Object.fromEntries(waste.WASTE_CLASSES.map((cls) => [cls, amount(split[cls])]));
    return c.json({
      workUnitId: id,
      workflow,
      total: amount(total),
      classes,
      definitions: waste.WASTE_RULES,
    });
  });
}
