/**
 * Keeps every budget's status in memory (refreshed on a timer and after each change) so the
 * gateway check never scans SQL, and evaluates alerts: each crossed threshold of a period is
 * posted to its webhook once, remembered in the store so a restart does not resend.
 */
import {
  type BudgetCheck,
  type BudgetStatus,
  budgetStatus,
  checkBudgets,
  periodBounds,
  teamsOf,
} from '../analysis/index.js';
import { femtoToUsdNumber, femtoToUsdString } from '../domain/index.js';
import type { Store } from '../store/index.js';
import { postWebhook, type WebhookPolicy } from './budget-webhook.js';

export interface BudgetMonitorOptions {
  defaultWebhookUrl?: string | undefined;
  cacheRefreshMs?: number | undefined;
  evaluateIntervalMs?: number | undefined;
  attempts?: number | undefined;
  retryBaseMs?: number | undefined;
  now?: () => number;
}

export interface EvaluationResult {
  delivered: { budgetId: string; threshold: string }[];
  failed: { budgetId: string; threshold: string }[];
}

export class BudgetMonitor {
  private statuses: BudgetStatus[] = [];
  private teams = new Map<string, string>();
  private refreshing: Promise<void> = Promise.resolve();
  private firstLoad: Promise<void> | null = null;
  private evaluating: Promise<unknown> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private readonly now: () => number;
  /** The daily spend last read, with the window and the store's step commits it was read at. */
  private spendRead: {
    from: number;
    to: number;
    commits: number;
    rows: Awaited<ReturnType<Store['dailyWorkflowSpend']>>;
  } | null = null;
  private readonly policy: WebhookPolicy;

  constructor(
    private readonly store: Store,
    private readonly options: BudgetMonitorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.policy = {
      attempts: options.attempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 500,
      timeoutMs: 5000,
    };
  }

  /** Starts the cache refresh and alert evaluation loops; errors are logged and the loop goes on. */
  start(): void {
    const every = (ms: number, run: () => Promise<unknown>) => {
      const timer = setInterval(() => {
        run().catch((error: Error) => console.error(`budgets: ${error.message}`));
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    // The timer re-reads spend only when steps were committed since the last read; statuses are
    // recomputed every time, since forecasts move with the clock.
    every(this.options.cacheRefreshMs ?? 2000, () => this.refresh({ reuseSpend: true }));
    every(this.options.evaluateIntervalMs ?? 60_000, () => this.evaluate());
  }

  /** Stops the loops and settles once a refresh or evaluation already running is over. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await Promise.all([this.refreshing, this.evaluating]);
  }

  /**
   * Recomputes every status from the store. Runs one at a time, each after the previous, so a
   * refresh asked for after a budget change never returns a load that began before it.
   */
  refresh(options: { reuseSpend?: boolean } = {}): Promise<void> {
    const run = this.refreshing.then(() => this.load(options.reuseSpend ?? false));
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  async current(): Promise<BudgetStatus[]> {
    await this.refresh();
    return this.statuses;
  }

  /** Answers from the cache; loads it once if it was never filled. */
  async check(team: string | undefined, workflow: string | undefined): Promise<BudgetCheck> {
    this.firstLoad ??= this.refresh().catch((error: unknown) => {
      this.firstLoad = null;
      throw error;
    });
    await this.firstLoad;
    return checkBudgets(this.statuses, { team, workflow }, this.teams);
  }

  /** Delivers each crossed threshold not yet delivered this period; one evaluation at a time. */
  evaluate(): Promise<EvaluationResult> {
    const run = this.evaluating.then(() => this.deliverAlerts());
    this.evaluating = run.catch(() => undefined);
    return run;
  }

  private async load(reuseSpend: boolean): Promise<void> {
    const [budgets, baselines] = await Promise.all([
      this.store.listBudgets(),
      this.store.listBaselines(),
    ]);
    const now = this.now();
    const bounds = budgets.map((b) => periodBounds(b.period, now));
    const from = Math.min(...bounds.map((b) => b.startMs));
    const to = Math.max(...bounds.map((b) => b.endMs));
    const spend = budgets.length === 0 ? [] : await this.dailySpend(from, to, reuseSpend);
    const teams = teamsOf(baselines);
    this.statuses = budgets.map((b) => budgetStatus(b, spend, teams, now));
    this.teams = teams;
  }

  /** Daily spend in [from, to); the last read again when allowed and nothing was written since. */
  private async dailySpend(from: number, to: number, reuse: boolean) {
    const commits = this.store.stepCommits();
    const last = this.spendRead;
    if (reuse && last && last.from === from && last.to === to && last.commits === commits) {
      return last.rows;
    }
    const rows = await this.store.dailyWorkflowSpend(from, to);
    this.spendRead = { from, to, commits, rows };
    return rows;
  }

  private async deliverAlerts(): Promise<EvaluationResult> {
    await this.refresh();
    const sent = new Set(
      (await this.store.listSentBudgetAlerts()).map(
        (a) => `${a.budgetId}\u0000${a.periodStartUnixMs}\u0000${a.threshold}`,
      ),
    );
    const result: EvaluationResult = { delivered: [], failed: [] };
    for (const status of this.statuses) {
      const url = status.budget.webhookUrl ?? this.options.defaultWebhookUrl;
      if (url === undefined) continue;
      for (const threshold of status.crossed) {
        const key = `${status.budget.id}\u0000${status.bounds.startMs}\u0000${threshold}`;
        if (sent.has(key)) continue;
        const alert = { budgetId: status.budget.id, threshold };
        if (await postWebhook(url, alertPayload(status, threshold), this.policy)) {
          await this.store.recordSentBudgetAlert({
            ...alert,
            periodStartUnixMs: status.bounds.startMs,
          });
          result.delivered.push(alert);
        } else {
          result.failed.push(alert);
        }
      }
    }
    return result;
  }
}

/** The JSON body of an alert and of a budget's status in the API. */
export function budgetStatusView(status: BudgetStatus) {
  const b = status.budget;
  return {
    id: b.id,
    team: b.team,
    workflow: b.workflow,
    period: b.period,
    periodStart: new Date(status.bounds.startMs).toISOString(),
    periodEnd: new Date(status.bounds.endMs).toISOString(),
    amountUsd: femtoToUsdString(b.amountFemto),
    burnUsd: femtoToUsdString(status.burnFemto),
    unpricedSteps: status.unpricedSteps,
    remainingUsd: femtoToUsdString(status.remainingFemto),
    percent: Math.round(status.fraction * 10000) / 100,
    forecastP50Usd: femtoToUsdNumber(status.forecast.p50Femto),
    forecastP95Usd: femtoToUsdNumber(status.forecast.p95Femto),
    forecastObservedDays: status.forecast.observedDays,
    thresholds: b.thresholds,
    crossed: status.crossed,
  };
}

function alertPayload(status: BudgetStatus, threshold: string) {
  return { type: 'tokenledger.budget.alert', threshold, budget: budgetStatusView(status) };
}
