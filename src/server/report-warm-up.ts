/**
 * Warms the report cache after start: asks the app itself, in the background, for the reports the
 * dashboard's default view opens with (the same paths, so the same cache keys), so the first user
 * gets cached answers instead of waiting for every report, then the costliest workflow's page (its
 * detail, waste, costliest units and success/failure comparison) and the allocation page's
 * recommendations.
 * One report at a time, cards first; it never delays listening, and `stop()` lets a close go ahead
 * without waiting for a long report.
 */

type Fetch = (request: Request) => Response | Promise<Response>;

/** The warm-up's requests name this host, so the app can tell them from a reader's. */
export const WARM_UP_HOST = 'warm-up';

/** Waste and spend flow read on their own connections, which the store interrupts on close. */
const INTERRUPTIBLE = ['/api/v1/spend/flow', '/api/v1/waste/split'];

export class ReportWarmUp {
  #stopped = false;
  #current: Promise<unknown> = Promise.resolve();
  #interruptible = false;
  readonly done: Promise<void>;

  /**
   * `quiet` settles when no reader is waiting (quiet-gate.ts): the extra page warmed after the
   * overview's reports waits for it, so it never takes the CPU from a page still loading.
   */
  constructor(
    private readonly fetch: Fetch,
    private readonly quiet: () => Promise<void> = async () => undefined,
  ) {
    this.done = this.#run().catch(() => undefined);
  }

  /** No further report starts; resolves once the one running may be left to the store's close. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (!this.#interruptible) await this.#current.catch(() => undefined);
  }

  async #run(): Promise<void> {
    // The cards first, then the trend of the costliest workflow, the slow reports last.
    await this.#get('/api/v1/spend/totals', false);
    const workflows = (await this.#get('/api/v1/workflows', false)) as {
      workflows?: { workflow: string; tokenCostUsd: number }[];
    } | null;
    const top = [...(workflows?.workflows ?? [])].sort(
      (a, b) => b.tokenCostUsd - a.tokenCostUsd,
    )[0];
    const topPath = top ? `/api/v1/workflows/${encodeURIComponent(top.workflow)}` : null;
    if (topPath) await this.#get(`${topPath}/daily`, false);
    for (const path of INTERRUPTIBLE) await this.#get(path, true);
    // Then the page a click on the costliest workflow opens, panel by panel as it asks for them,
    // and the allocation page's recommendations (which build the allocation roll-up once after
    // an upgrade), each once no page is loading.
    if (!topPath || !top) return;
    const unitsOf = new URLSearchParams({ workflow: top.workflow, sort: '-cost', limit: '10' });
    // All but the first read on connections of their own, which the store interrupts on close.
    for (const [path, interruptible] of [
      [topPath, false],
      [`${topPath}/waste`, true],
      [`/api/v1/work-units?${unitsOf.toString()}`, true],
      [`${topPath}/compare`, true],
      ['/api/v1/recommendations', true],
    ] as const) {
      await this.quiet();
      await this.#get(path, interruptible);
    }
  }

  /** One report through the app (cached from then on); null once stopped or on an error. */
  async #get(path: string, interruptible: boolean): Promise<unknown> {
    if (this.#stopped) return null;
    this.#interruptible = interruptible;
    const answer = Promise.resolve(
      this.fetch(
        new Request(`http://${WARM_UP_HOST}${path}`, { headers: { accept: 'application/json' } }),
      ),
    ).then((response) => (response.ok ? response.json() : null));
    this.#current = answer;
    try {
      return await answer;
    } catch {
      return null;
    }
  }
}
