/** The HTTP surface: the OTLP receiver and the REST API on one Hono app. Dependencies are injected. */
import { Hono } from 'hono';
import { RangeError400, type WorkflowReports } from '../analysis/index.js';
import type { Capture } from '../capture/index.js';
import { createPriceBook, type PriceBook } from '../pricing/index.js';
import { type Store, StoreClosedError } from '../store/index.js';
import { BudgetMonitor } from './budget-monitor.js';
import { openApiDocument } from './openapi.js';
import { HttpProblem } from './otlp-body.js';
import type { QuietGate } from './quiet-gate.js';
import { ReportCache } from './report-cache.js';
import { WARM_UP_HOST } from './report-warm-up.js';
import { mountAllocation } from './routes/allocation.js';
import { mountBaselines } from './routes/baselines.js';
import { mountBudgets } from './routes/budgets.js';
import { mountDashboard } from './routes/dashboard.js';
import { mountExportFocus } from './routes/export-focus.js';
import { mountOtlpTraces } from './routes/otlp-traces.js';
import { mountOutcomes } from './routes/outcomes.js';
import { mountSpend } from './routes/spend.js';
import { mountSpendFlow } from './routes/spend-flow.js';
import { mountTraces } from './routes/traces.js';
import { mountTrajectories } from './routes/trajectories.js';
import { mountUnitWaste } from './routes/unit-waste.js';
import { mountWaste } from './routes/waste.js';
import { mountWorkflows } from './routes/workflows.js';

export interface AppDeps {
  capture: Capture;
  store: Store;
  reports: WorkflowReports;
  maxBodyBytes: number;
  /** Extra span attributes trajectories show as decision attributes. */
  decisionKeys?: readonly string[];
  /** For reroute pricing; the bundled catalog when absent. */
  priceBook?: PriceBook;
  /** Budget cache and alerts; a monitor without loops when absent. */
  budgets?: BudgetMonitor;
  /** Report answers kept until the store writes; one keyed on the store's write version when absent. */
  reportCache?: ReportCache;
  /** Told of every reader's request (GETs not from the warm-up), so background work can wait. */
  quiet?: QuietGate;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const reportCache = deps.reportCache ?? new ReportCache(() => deps.store.writeVersion());
  const priceBook = deps.priceBook ?? createPriceBook();
  const quiet = deps.quiet;
  if (quiet)
    app.use(async (c, next) => {
      if (c.req.method !== 'GET' || new URL(c.req.url).host === WARM_UP_HOST) return next();
      const leave = quiet.enter();
      try {
        await next();
      } finally {
        leave();
      }
    });
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/api/openapi.json', (c) => c.json(openApiDocument()));
  mountOtlpTraces(app, deps);
  mountTraces(app, deps);
  mountSpend(app, { ...deps, reportCache });
  mountSpendFlow(app, { ...deps, reportCache });
  mountOutcomes(app, deps);
  mountWorkflows(app, { ...deps, reportCache });
  mountBaselines(app, deps);
  mountTrajectories(app, { ...deps, reportCache });
  mountAllocation(app, { ...deps, reportCache });
  mountBudgets(app, { store: deps.store, budgets: deps.budgets ?? new BudgetMonitor(deps.store) });
  mountExportFocus(app, deps);
  mountWaste(app, { store: deps.store, priceBook, reportCache });
  mountUnitWaste(app, { store: deps.store, priceBook });
  mountDashboard(app);
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => {
    if (error instanceof RangeError400) return c.json({ error: error.message }, 400);
    if (error instanceof HttpProblem) return c.json({ error: error.message }, error.status);
    // The server is stopping: the request may be retried against the next start.
    if (error instanceof StoreClosedError) {
      c.header('retry-after', '5');
      return c.json({ error: 'the server is stopping; retry shortly' }, 503);
    }
    // Not the caller's fault: the operator needs the stack to find it.
    console.error(`${c.req.method} ${c.req.path}: ${error.stack ?? error.message}`);
    return c.json({ error: error.message }, 500);
  });
  return app;
}
