/**
 * `POST /v1/traces`, the OTLP/HTTP trace receiver: protobuf or JSON, gzip or not. 200 only after
 * the request's spans are committed; partial_success names what was refused.
 */
import type { Hono } from 'hono';
import type { Capture } from '../../capture/index.js';
import { encodeTraceResponse, OtlpDecodeError } from '../../ingest/index.js';
import { HttpProblem, readOtlpBody } from '../otlp-body.js';
import { encodeStatus, type OtlpWireEncoding } from '../otlp-status.js';

const CONTENT_TYPES: Record<string, OtlpWireEncoding> = {
  'application/x-protobuf': 'protobuf',
  'application/protobuf': 'protobuf',
  'application/json': 'json',
};

export function mountOtlpTraces(app: Hono, deps: { capture: Capture; maxBodyBytes: number }): void {
  app.post('/v1/traces', async (c) => {
    const contentType =
      (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const encoding = CONTENT_TYPES[contentType];
    if (!encoding) {
      const message = `unsupported Content-Type ${JSON.stringify(contentType)}: send application/x-protobuf or application/json`;
      return answer(415, 'json', 3, message);
    }
    try {
      const body = await readOtlpBody(c.req.raw, deps.maxBodyBytes);
      const result = await deps.capture.ingestOtlp(body, encoding);
      const partial =
        result.rejectedSpans > 0
          ? {
              rejectedSpans: result.rejectedSpans,
              errorMessage: `${result.rejectedSpans} span(s) rejected: ${result.rejectionMessages.join('; ')}`,
            }
          : null;
      return new Response(encodeTraceResponse(encoding, partial), {
        status: 200,
        headers: { 'content-type': contentTypeOf(encoding) },
      });
    } catch (error) {
      if (error instanceof HttpProblem)
        return answer(error.status, encoding, error.status === 413 ? 8 : 3, error.message);
      if (error instanceof OtlpDecodeError) return answer(400, encoding, 3, error.message);
      const message = `spans not stored, retry later: ${(error as Error).message}`;
      process.stderr.write(`tokenledger: POST /v1/traces failed: ${(error as Error).stack}\n`);
      return answer(503, encoding, 14, message, { 'retry-after': '5' });
    }
  });
}

function answer(
  status: number,
  encoding: OtlpWireEncoding,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return new Response(encodeStatus(encoding, code, message), {
    status,
    headers: { 'content-type': contentTypeOf(encoding), ...headers },
  });
}

function contentTypeOf(encoding: OtlpWireEncoding): string {
  return encoding === 'protobuf' ? 'application/x-protobuf' : 'application/json';
}
