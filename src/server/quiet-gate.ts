/**
 * When nobody is waiting on the server. A refresh behind a stale answer holds both cores of a small
 * machine for seconds; started while a page loads, it starves the page of the CPU it needs to fetch
 * its other answers and draw its charts (after a restart, the overview's panels took ~0.9 s instead
 * of ~0.55 s). So background work waits until no reader's request has been in flight for `quietMs`,
 * or at most `maxWaitMs`, so a server that is never idle still brings its answers up to date.
 */
export interface QuietGateOptions {
  /** How long without a request counts as quiet (default 500 ms: a page drawing its answers). */
  quietMs?: number;
  /** The longest a caller waits for quiet (default 5 s). */
  maxWaitMs?: number;
}

export class QuietGate {
  #inFlight = 0;
  /** Start counts as activity: after a restart the first page comes before the refreshes. */
  #lastActive = Date.now();
  readonly #quietMs: number;
  readonly #maxWaitMs: number;

  constructor(options: QuietGateOptions = {}) {
    this.#quietMs = options.quietMs ?? 500;
    this.#maxWaitMs = options.maxWaitMs ?? 5_000;
  }

  /** A request has come in; call the returned function once it is answered. */
  enter(): () => void {
    this.#inFlight += 1;
    this.#lastActive = Date.now();
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#inFlight -= 1;
      this.#lastActive = Date.now();
    };
  }

  /** Settles once quiet, or after `maxWaitMs`. */
  async quiet(): Promise<void> {
    const deadline = Date.now() + this.#maxWaitMs;
    for (;;) {
      const now = Date.now();
      const idleFor = now - this.#lastActive;
      if ((this.#inFlight === 0 && idleFor >= this.#quietMs) || now >= deadline) return;
      const wait = this.#inFlight > 0 ? this.#quietMs : this.#quietMs - idleFor;
      // Unreferenced: a closing server does not wait for its background work to find quiet.
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, deadline - now)).unref());
    }
  }
}
