/**
 * Delivers the demo stream: over HTTP to a running tokenledger (OTLP protobuf to /v1/traces,
 * outcomes as JSON to /v1/outcomes, every answer checked), or in-process through `Capture` for
 * large volumes, with outcomes handed to a callback.
 */
import type { Capture } from '../capture/index.js';
import type { DemoChunk } from './demo-stream.js';
import type { OutcomeRecord } from './sim-types.js';

export interface SendProgress {
  spans: number;
  outcomes: number;
}

export interface SendOptions {
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  onProgress?: (progress: SendProgress) => void;
}

export class DemoSendError extends Error {
  override name = 'DemoSendError';
}

/** Sends every chunk; throws on the first answer that is not a full acceptance. */
export async function sendOverHttp(
  url: string,
  chunks: Iterable<DemoChunk>,
  options: SendOptions = {},
): Promise<SendProgress> {
  const base = url.replace(/\/+$/, '');
  const progress: SendProgress = { spans: 0, outcomes: 0 };
  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(1, options.concurrency ?? 4);
  let failure: unknown = null;
  for (const chunk of chunks) {
    if (failure !== null) break;
    const request = (
      chunk.kind === 'traces' ? postTraces(base, chunk) : postOutcomes(base, chunk.records)
    )
      .then(() => {
        if (chunk.kind === 'traces') progress.spans += chunk.spans;
        else progress.outcomes += chunk.records.length;
        options.onProgress?.(progress);
      })
      .catch((error: unknown) => {
        failure ??= error;
      });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== null) throw failure;
  return progress;
}

async function postTraces(base: string, chunk: { body: Uint8Array; spans: number }): Promise<void> {
  const response = await fetch(`${base}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-protobuf' },
    body: chunk.body,
  });
  const answer = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) {
    throw new DemoSendError(
      `POST /v1/traces answered ${response.status}: ${new TextDecoder().decode(answer).slice(0, 300)}`,
    );
  }
  // ExportTraceServiceResponse: field 1 (partial_success) present means spans were rejected.
  if (answer.length > 0 && answer[0] === 0x0a) {
    throw new DemoSendError(
      `POST /v1/traces rejected spans: ${new TextDecoder().decode(answer).slice(0, 300)}`,
    );
  }
}

async function postOutcomes(base: string, records: readonly OutcomeRecord[]): Promise<void> {
  const response = await fetch(`${base}/v1/outcomes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(records),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new DemoSendError(`POST /v1/outcomes answered ${response.status}: ${text.slice(0, 300)}`);
  }
  const answer = JSON.parse(text) as { accepted?: number; rejected?: unknown[] };
  if (answer.accepted !== records.length || (answer.rejected?.length ?? 0) > 0) {
    throw new DemoSendError(
      `POST /v1/outcomes kept ${answer.accepted} of ${records.length}: ${text.slice(0, 300)}`,
    );
  }
}

/** Feeds the chunks through the capture pipeline in-process; outcomes go to `insertOutcomes`. */
export async function feedInProcess(
  capture: Capture,
  chunks: Iterable<DemoChunk>,
  insertOutcomes: (records: readonly OutcomeRecord[]) => Promise<void>,
  options: SendOptions = {},
): Promise<SendProgress> {
  const progress: SendProgress = { spans: 0, outcomes: 0 };
  for (const chunk of chunks) {
    if (chunk.kind === 'traces') {
      const result = await capture.ingestOtlp(chunk.body, 'protobuf');
      if (result.rejectedSpans > 0) {
        throw new DemoSendError(
          `capture rejected ${result.rejectedSpans} spans: ${result.rejectionMessages.join('; ')}`,
        );
      }
      progress.spans += chunk.spans;
    } else {
      await insertOutcomes(chunk.records);
      progress.outcomes += chunk.records.length;
    }
    options.onProgress?.(progress);
  }
  return progress;
}
