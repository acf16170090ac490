/**
 * Keeps the report cache's answers beside the database (report-snapshots.ts): after the warm-up,
 * every `everyMs` while running when an answer changed, and at close. Keeping them only at close
 * would leave a server that crashed or was killed after days of running with none, and its first
 * dashboard after the restart computing every report over the whole store.
 */
import { DEFAULT_KEEP_REPORTS_EVERY_MS } from '../config/index.js';
import type { ReportCache } from './report-cache.js';
import { saveReportSnapshots } from './report-snapshots.js';

export class ReportKeeper {
  /** What the file holds already: the answers seeded from it at start. */
  #kept: number;
  #saving: Promise<void> = Promise.resolve();
  #closed = false;
  readonly #timer: NodeJS.Timeout | null;

  /** `store` names the database the answers are read from (`Store.identity`). */
  constructor(
    private readonly cache: ReportCache,
    private readonly path: string | null,
    private readonly store: string,
    everyMs = DEFAULT_KEEP_REPORTS_EVERY_MS,
  ) {
    this.#kept = cache.changes;
    this.#timer = path === null ? null : setInterval(() => void this.keep(false), everyMs).unref();
  }

  /**
   * Saves the answers (only when one changed since the last save, unless `always`); nothing once
   * closed, so a late caller (a warm-up settling after the close) never rewrites the file.
   */
  keep(always = true): Promise<void> {
    const { path } = this;
    if (path === null || this.#closed) return this.#saving;
    this.#saving = this.#saving.then(async () => {
      const changes = this.cache.changes;
      if (!always && changes === this.#kept) return;
      try {
        await saveReportSnapshots(path, this.store, this.cache.snapshot());
        this.#kept = changes;
      } catch (error) {
        // A cache, not data: failing to keep it is worth a warning, never a failed start or close.
        console.warn(`reports: not kept: ${(error as Error).message}`);
      }
    });
    return this.#saving;
  }

  /** Stops the periodic saves and saves once more, the last time. */
  close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    const last = this.keep();
    this.#closed = true;
    return last;
  }
}
