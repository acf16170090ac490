/**
 * A capture worker thread: decodes, normalises, attributes and prices the OTLP bodies the main
 * thread posts, with its own price book built from the same overrides, and posts the priced steps
 * back. Planning and inserting stay on the main thread, where the store's TraceIndex lives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { OtlpDecodeError } from '../ingest/index.js';
import { createPriceBook } from '../pricing/index.js';
import type { PoolRequest, PoolResponse, PoolSettings } from './capture-pool.js';
import { prepareOtlp } from './prepare-otlp.js';

const settings = workerData as PoolSettings;
const context = {
  priceBook: createPriceBook(settings.overrides ? { overrides: settings.overrides } : {}),
  limits: settings.limits,
  attribution: settings.attribution,
};

parentPort?.on('message', (request: PoolRequest) => {
  let response: PoolResponse;
  try {
    response = { id: request.id, prepared: prepareOtlp(request.body, request.encoding, context) };
  } catch (error) {
    response = {
      id: request.id,
      error: {
        decode: error instanceof OtlpDecodeError,
        message: error instanceof Error ? error.message : String(error),
      },
    };
  }
  parentPort?.postMessage(response);
});
