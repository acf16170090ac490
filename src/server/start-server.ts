/**
 * Starts the one tokenledger process: store, price book, capture and HTTP app on one port.
 * `close()` stops accepting, lets in-flight requests finish (their spans commit) and closes the store.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { WorkflowReports } from '../analysis/index.js';
import { Capture } from '../capture/index.js';
import type { Config } from '../config/index.js';
import { createPriceBook, loadPriceOverrides, type PriceBook } from '../pricing/index.js';
import { openStore, type Store } from '../store/index.js';
import { createApp } from './app.js';
import { BudgetMonitor } from './budget-monitor.js';
import { QuietGate } from './quiet-gate.js';
import { ReportCache } from './report-cache.js';
import { ReportKeeper } from './report-keeper.js';
import { loadReportSnapshots, snapshotPathFor } from './report-snapshots.js';
import { ReportWarmUp } from './report-warm-up.js';

export interface RunningServer {
  url: string;
  port: number;
  store: Store;
  priceBook: PriceBook;
  /** Settles when the background warm-up of the dashboard's reports is over (at once when off). */
  warmedUp: Promise<void>;
  /**
   * Computes the dashboard's default reports now, as the warm-up at start does, and keeps them
   * beside the database: a process that filled the store (`tokenledger demo`) leaves the next
   * server its figures instead of the empty store's it started on.
   */
  warmUp(): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(config: Config): Promise<RunningServer> {
  const store = await openStore({
    kind: 'duckdb',
    path: config.dbPath,
    ...(config.duckdbMemoryLimit === undefined ? {} : { memoryLimit: config.duckdbMemoryLimit }),
  });
  try {
    await store.migrate();
    const overrides = config.pricesPath ? await loadPriceOverrides(config.pricesPath) : undefined;
    const priceBook = createPriceBook(overrides ? { overrides } : {});
    const capture = new Capture({
      store,
      priceBook,
      attribution: config.attribution,
      workers: config.captureWorkers ?? 0,
      priceOverrides: overrides ?? null,
    });
    // The config file's baselines win at start-up; the API may update them afterwards.
    if (config.workflows.length > 0) await store.saveBaselines(config.workflows);
    const reports = new WorkflowReports(store);
    if (config.budgets.length > 0) await store.saveBudgets(config.budgets);
    const budgets = new BudgetMonitor(store, {
      ...config.budgetAlerts,
      defaultWebhookUrl: config.budgetAlerts.webhookUrl,
    });
    const quiet = new QuietGate();
    const reportCache = new ReportCache(() => store.writeVersion(), {
      slowMs: config.staleReportsAfterMs,
      beforeRefresh: () => quiet.quiet(),
    });
    const snapshots = snapshotPathFor(config.dbPath);
    const storeName = await store.identity();
    if (snapshots) reportCache.seed(await loadReportSnapshots(snapshots, storeName));
    const app = createApp({
      capture,
      store,
      reports,
      maxBodyBytes: config.maxBodyBytes,
      decisionKeys: config.decisionKeys,
      priceBook,
      budgets,
      reportCache,
      quiet,
    });
    const server = await listen(app.fetch, config.host, config.port);
    const port = (server.address() as AddressInfo).port;
    const keeper = new ReportKeeper(reportCache, snapshots, storeName, config.keepReportsEveryMs);
    budgets.start();
    let warmUp: ReportWarmUp | null = null;
    let warmedAndKept: Promise<void> = Promise.resolve();
    const startWarmUp = () => {
      warmUp = new ReportWarmUp(app.fetch, () => quiet.quiet());
      warmedAndKept = warmUp.done.then(() => keeper.keep());
      return warmUp.done;
    };
    const warmedUp = config.warmReports ? startWarmUp() : Promise.resolve();
    let closing: Promise<void> | null = null;
    return {
      url: `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`,
      port,
      store,
      priceBook,
      warmedUp,
      warmUp: async () => {
        await warmedAndKept;
        if (closing) return;
        startWarmUp();
        await warmedAndKept;
      },
      close: () => {
        // The budget loops and the warm-up read the store: they settle before it closes.
        closing ??= Promise.all([budgets.stop(), warmUp?.stop()])
          .then(() => stop(server, store))
          .then(() => keeper.close())
          .finally(() => capture.close());
        return closing;
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  hostname: string,
  port: number,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server as Server)) as Server;
    server.once('error', reject);
  });
}

async function stop(server: Server, store: Store): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    // Keep-alive sockets that finish a response after close() would otherwise hold it open.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    server.once('close', () => clearInterval(sweep));
  });
  await store.close();
}
