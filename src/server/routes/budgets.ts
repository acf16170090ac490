/**
 * Budgets over HTTP: list, create/replace and delete (`/api/v1/budgets[/{id}]`), where each stands
 * (`/status`), the gateway's allow/warn/deny (`/check`, from the in-memory cache) and an alert
 * evaluation on demand (`POST /evaluate`).
 */
import type { Context, Hono } from 'hono';
import { budgetIdSchema, budgetSchema, toBudget } from '../../config/index.js';
import { type Budget, femtoToUsdString } from '../../domain/index.js';
import type { Store } from '../../store/index.js';
import { type BudgetMonitor, budgetStatusView } from '../budget-monitor.js';

function budgetView(b: Budget) {
  return {
    id: b.id,
    team: b.team,
    workflow: b.workflow,
    period: b.period,
    amountUsd: femtoToUsdString(b.amountFemto),
    thresholds: b.thresholds,
    webhookUrl: b.webhookUrl,
  };
}

const issues = (error: { issues: { path: PropertyKey[]; message: string }[] }) =>
  error.issues.map((i) => `${i.path.map(String).join('.') || '(body)'}: ${i.message}`).join('; ');

function optionalName(c: Context, name: string): string | undefined {
  const value = c.req.query(name);
  return value === undefined || value === '' ? undefined : value;
}

export function mountBudgets(app: Hono, deps: { store: Store; budgets: BudgetMonitor }): void {
  app.get('/api/v1/budgets', async (c) =>
    c.json({ budgets: (await deps.store.listBudgets()).map(budgetView) }),
  );
  app.get('/api/v1/budgets/status', async (c) =>
    c.json({ budgets: (await deps.budgets.current()).map(budgetStatusView) }),
  );
  app.get('/api/v1/budgets/check', async (c) => {
    const check = await deps.budgets.check(optionalName(c, 'team'), optionalName(c, 'workflow'));
    return c.json({
      decision: check.decision,
      reason: check.reason,
      remainingUsd: check.remainingFemto === null ? null : femtoToUsdString(check.remainingFemto),
      budgets: check.budgets.map(budgetStatusView),
    });
  });
  app.post('/api/v1/budgets/evaluate', async (c) => c.json(await deps.budgets.evaluate()));
  app.put('/api/v1/budgets/:id', async (c) => {
    const id = budgetIdSchema.safeParse(c.req.param('id'));
    if (!id.success) return c.json({ error: `id: ${issues(id.error)}` }, 400);
    let body: unknown;
    try {
      body = await c.req.json();
    } catch (error) {
      return c.json({ error: `body is not valid JSON: ${(error as Error).message}` }, 400);
    }
    const parsed = budgetSchema.safeParse(body);
    if (!parsed.success) return c.json({ error: issues(parsed.error) }, 400);
    const budget = toBudget(id.data, parsed.data);
    await deps.store.saveBudgets([budget]);
    await deps.budgets.refresh();
    return c.json(budgetView(budget));
  });
  app.delete('/api/v1/budgets/:id', async (c) => {
    const id = c.req.param('id');
    if (!(await deps.store.deleteBudget(id)))
      return c.json({ error: `no budget ${JSON.stringify(id)}` }, 404);
    await deps.budgets.refresh();
    return c.body(null, 204);
  });
}
