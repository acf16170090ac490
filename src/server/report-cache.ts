/**
 * Report answers kept until the store changes. Over a large store a report can take seconds (the
 * waste analysis, tens at 10M steps), so once one has taken `slowMs` or longer, a request after a
 * write gets the last answer at once — marked stale, with the time it was computed — while one
 * refresh runs behind it. Reports faster than that are recomputed on the spot, so a small store
 * always answers fresh, and a write is always visible to the next fast read.
 */
import type { Context } from 'hono';
import { DEFAULT_STALE_REPORTS_AFTER_MS } from '../config/index.js';

export interface ReportCacheOptions {
  /** A report that took at least this long is served stale while it refreshes (the config's default); null: never. */
  slowMs?: number | null;
  /** Answers older than this are refreshed even without a write: relative ranges move (60 s). */
  maxAgeMs?: number;
  /** Answers kept; the oldest is dropped first (default 256). */
  maxEntries?: number;
  /** Awaited before each refresh behind a stale answer, so it runs when nobody waits (quiet-gate.ts). */
  beforeRefresh?: () => Promise<void>;
}

/** An answer as kept across a restart (report-snapshots.ts). */
export interface ReportSnapshot {
  key: string;
  value: unknown;
  computedAt: number;
}

interface Entry {
  version: number;
  value: unknown;
  computedAt: number;
  tookMs: number;
}

export class ReportCache {
  readonly #entries = new Map<string, Entry>();
  readonly #running = new Map<string, { version: number; entry: Promise<Entry> }>();
  readonly #queued = new Set<string>();
  #background: Promise<unknown> = Promise.resolve();
  #changes = 0;

  /** `version` changes whenever the store commits a write. */
  constructor(
    private readonly version: () => number,
    private readonly options: ReportCacheOptions = {},
  ) {}

  /** The answer for `key` and whether it predates the store's latest write. */
  async get(
    key: string,
    compute: () => Promise<unknown>,
  ): Promise<{ value: unknown; computedAt: Date; stale: boolean }> {
    const version = this.version();
    const known = this.#entries.get(key);
    const young =
      known !== undefined && Date.now() - known.computedAt < (this.options.maxAgeMs ?? 60_000);
    if (known && young && known.version === version) return answer(known, false);
    const slowMs =
      this.options.slowMs === undefined ? DEFAULT_STALE_REPORTS_AFTER_MS : this.options.slowMs;
    if (known && slowMs !== null && known.tookMs >= slowMs) {
      if (!this.#running.has(key) && !this.#queued.has(key)) {
        // Refreshes behind stale answers run one at a time: after a restart every kept answer
        // refreshes, and all at once they would hold both cores while the page itself loads.
        this.#queued.add(key);
        this.#background = this.#background
          .then(() => this.options.beforeRefresh?.().catch(() => undefined))
          .then(() => {
            this.#queued.delete(key);
            return this.#compute(key, compute, this.version()).catch(() => undefined);
          });
      }
      return answer(known, true);
    }
    return answer(await this.#compute(key, compute, version), false);
  }

  /** How many answers have been remembered so far: a keeper saves only when it moved. */
  get changes(): number {
    return this.#changes;
  }

  /** Every answer held, oldest first, with when it was computed. */
  snapshot(): ReportSnapshot[] {
    return [...this.#entries].map(([key, e]) => ({
      key,
      value: e.value,
      computedAt: e.computedAt,
    }));
  }

  /**
   * Answers from before a restart: known but never current, so (when slow reports may be served
   * stale) they are answered stale while one refresh runs; with `slowMs` null they are not used.
   */
  seed(snapshots: readonly ReportSnapshot[]): void {
    for (const { key, value, computedAt } of snapshots) {
      if (this.#entries.has(key)) continue;
      this.#remember(key, { version: -1, value, computedAt, tookMs: Number.POSITIVE_INFINITY });
    }
  }

  /** Answers `c` with the report as JSON (404 with `notFound` when it is null), cache headers set. */
  async json(
    c: Context,
    compute: () => Promise<unknown>,
    notFound = 'nothing found',
  ): Promise<Response> {
    const { value, computedAt, stale } = await this.get(cacheKey(c), compute);
    c.header('x-tokenledger-computed-at', computedAt.toISOString());
    c.header('x-tokenledger-stale', String(stale));
    return value === null ? c.json({ error: notFound }, 404) : c.json(value as object);
  }

  #compute(key: string, compute: () => Promise<unknown>, version: number): Promise<Entry> {
    const running = this.#running.get(key);
    if (running && running.version >= version) return running.entry;
    const started = performance.now();
    const entry = compute().then((value) => {
      const done = { version, value, computedAt: Date.now(), tookMs: performance.now() - started };
      const current = this.#entries.get(key);
      if (!current || current.version <= version) this.#remember(key, done);
      return done;
    });
    const slot = { version, entry };
    this.#running.set(key, slot);
    const clear = () => {
      if (this.#running.get(key) === slot) this.#running.delete(key);
    };
    entry.then(clear, clear);
    return entry;
  }

  #remember(key: string, entry: Entry): void {
    this.#changes += 1;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    const oldest = this.#entries.keys().next();
    if (this.#entries.size > (this.options.maxEntries ?? 256) && !oldest.done)
      this.#entries.delete(oldest.value);
  }
}

const answer = (entry: Entry, stale: boolean) => ({
  value: entry.value,
  computedAt: new Date(entry.computedAt),
  stale,
});

/** The path and its query in a fixed order, so equal questions share one answer. */
function cacheKey(c: Context): string {
  const url = new URL(c.req.url);
  url.searchParams.sort();
  return `${url.pathname}?${url.searchParams.toString()}`;
}
