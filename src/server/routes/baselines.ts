/**
 * `GET` and `PUT /api/v1/workflows/{workflow}/baseline`: what a unit costs by other means and is
 * worth. The body has the config file's shape; amounts are exact decimal strings both ways.
 */
import type { Hono } from 'hono';
import { baselineSchema, toBaseline } from '../../config/index.js';
import { femtoToUsdString, type WorkflowBaseline } from '../../domain/index.js';
import type { Store } from '../../store/index.js';

function view(b: WorkflowBaseline) {
  const usd = (v: bigint | null) => (v === null ? null : femtoToUsdString(v));
  return {
    workflow: b.workflow,
    team: b.team,
    unitName: b.unitName,
    bpoPricePerUnitUsd: usd(b.bpoPricePerUnitFemto),
    laborMinutesPerUnit: b.laborMinutesPerUnit,
    loadedHourlyRateUsd: usd(b.loadedHourlyRateFemto),
    valuePerResolvedUsd: usd(b.valuePerResolvedFemto),
    fixedCostPerAttemptUsd: usd(b.fixedCostPerAttemptFemto),
  };
}

export function mountBaselines(app: Hono, deps: { store: Store }): void {
  app.get('/api/v1/baselines', async (c) =>
    c.json({ baselines: (await deps.store.listBaselines()).map(view) }),
  );
  app.get('/api/v1/workflows/:workflow/baseline', async (c) => {
    const name = c.req.param('workflow');
    const found = (await deps.store.listBaselines()).find((b) => b.workflow === name);
    if (!found) return c.json({ error: `workflow ${JSON.stringify(name)} has no baseline` }, 404);
    return c.json(view(found));
  });
  app.put('/api/v1/workflows/:workflow/baseline', async (c) => {
    const name = c.req.param('workflow');
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (error) {
      return c.json({ error: `body is not valid JSON: ${(error as Error).message}` }, 400);
    }
    const parsed = baselineSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map(
        (i) => `${i.path.join('.') || '(body)'}: ${i.message}`,
      );
      return c.json({ error: issues.join('; ') }, 400);
    }
    const baseline = toBaseline(name, parsed.data);
    await deps.store.saveBaselines([baseline]);
    return c.json(view(baseline));
  });
}
