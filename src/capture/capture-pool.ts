/**
 * A pool of capture worker threads (node:worker_threads) that run `prepareOtlp` off the main
 * thread. Each request goes to the worker with the fewest in flight; a worker that dies fails its
 * requests and is replaced. Workers are unref'd, so an idle pool never keeps the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { AttributionRules } from '../domain/index.js';
import { type DecodeLimits, OtlpDecodeError, type OtlpEncoding } from '../ingest/index.js';
import type { PriceOverrides } from '../pricing/index.js';
import type { PreparedBatch } from './prepare-otlp.js';

/** What every worker is started with (structured-cloned into it). */
export interface PoolSettings {
  overrides: PriceOverrides | null;
  limits: Partial<DecodeLimits>;
  attribution: AttributionRules;
}

export interface PoolRequest {
  id: number;
  body: Uint8Array;
  encoding: OtlpEncoding;
}

export type PoolResponse =
  | { id: number; prepared: PreparedBatch }
  | { id: number; error: { decode: boolean; message: string } };

interface Pending {
  resolve: (prepared: PreparedBatch) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/** Under tsx (tests, benchmarks) the worker is TypeScript and needs tsx's loader registered. */
function startWorker(settings: PoolSettings): Worker {
  const own = import.meta.url;
  if (own.endsWith('.ts')) {
    const entry = new URL('./capture-worker.ts', own).href;
    const script = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(script, { eval: true, workerData: settings });
  }
  return new Worker(new URL('./capture-worker.js', own), { workerData: settings });
}

export class CapturePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly settings: PoolSettings,
  ) {
    for (let index = 0; index < size; index += 1) this.slots.push(this.startSlot());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Throws `OtlpDecodeError` when the body cannot be decoded at all. */
  prepare(body: Uint8Array, encoding: OtlpEncoding): Promise<PreparedBatch> {
    if (this.closed) return Promise.reject(new Error('capture pool closed'));
    const slot = this.slots.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    const id = this.nextId++;
    return new Promise<PreparedBatch>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      if (slot.pending.size === 1) slot.worker.ref();
      const request: PoolRequest = { id, body, encoding };
      slot.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private startSlot(): Slot {
    const slot: Slot = { worker: startWorker(this.settings), pending: new Map() };
    slot.worker.unref();
    slot.worker.on('message', (response: PoolResponse) => {
      const pending = slot.pending.get(response.id);
      if (!pending) return;
      slot.pending.delete(response.id);
      if (slot.pending.size === 0) slot.worker.unref();
      if ('prepared' in response) pending.resolve(response.prepared);
      else if (response.error.decode) pending.reject(new OtlpDecodeError(response.error.message));
      else pending.reject(new Error(response.error.message));
    });
    const fail = (error: Error): void => {
      for (const pending of slot.pending.values()) pending.reject(error);
      slot.pending.clear();
      const index = this.slots.indexOf(slot);
      if (index >= 0 && !this.closed) this.slots[index] = this.startSlot();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`capture worker exited with code ${code}`));
    });
    return slot;
  }
}
