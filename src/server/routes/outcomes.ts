/**
 * `POST /v1/outcomes`: outcome records as a JSON array, one JSON object, or NDJSON (one per line).
 * Policy: the valid records are stored (committed before the answer) and every invalid one is
 * reported — 200 `{accepted, rejected}` when at least one was stored, 400 with the same body when
 * none was; 400 for a JSON body that does not parse (an NDJSON line that does not parse is one
 * invalid record); 413 above `maxBodyBytes` (wire or decompressed); 415 for a Content-Type other
 * than application/json or application/x-ndjson. gzip and deflate bodies are accepted.
 */
import type { Hono } from 'hono';
import { parseOutcomeBody } from '../../capture/index.js';
import type { Outcome } from '../../domain/index.js';
import { HttpProblem, readOtlpBody } from '../otlp-body.js';

/** Where accepted records go: `OutcomeStore` (or the `Store`) fits. */
export interface OutcomeSink {
  insertOutcomes(records: readonly Outcome[]): Promise<{ inserted: number }>;
}

export interface OutcomeRouteDeps {
  outcomes: OutcomeSink;
  /** Default 32 MiB, as the config's default. */
  maxBodyBytes?: number;
}

const FORMATS: Record<string, 'json' | 'ndjson'> = {
  'application/json': 'json',
  'application/x-ndjson': 'ndjson',
};

export function mountOutcomes(app: Hono, deps: OutcomeRouteDeps): void {
  const maxBytes = deps.maxBodyBytes ?? 32 * 1024 * 1024;
  app.post('/v1/outcomes', async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const format = FORMATS[type];
    if (format === undefined) {
      return c.json(
        {
          error: `unsupported Content-Type ${JSON.stringify(type)}: send application/json or application/x-ndjson`,
        },
        415,
      );
    }
    const receivedAt = new Date();
    let body: string;
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(
        await readOtlpBody(c.req.raw, maxBytes),
      );
    } catch (error) {
      if (error instanceof HttpProblem) return c.json({ error: error.message }, error.status);
      if (error instanceof TypeError) return c.json({ error: 'body is not UTF-8 text' }, 400);
      throw error;
    }
    let parsed: ReturnType<typeof parseOutcomeBody>;
    try {
      parsed = parseOutcomeBody(body, format, { now: receivedAt });
    } catch (error) {
      const reason = `body is not valid JSON (${(error as Error).message}); send a JSON array, one object, or NDJSON as application/x-ndjson`;
      return c.json({ error: reason, accepted: 0, rejected: [] }, 400);
    }
    const { outcomes, rejected } = parsed;
    if (outcomes.length === 0) {
      const error = rejected.length === 0 ? 'body holds no outcome records' : 'no record is valid';
      return c.json({ error, accepted: 0, rejected }, 400);
    }
    await deps.outcomes.insertOutcomes(outcomes);
    return c.json({ accepted: outcomes.length, rejected }, 200);
  });
}
