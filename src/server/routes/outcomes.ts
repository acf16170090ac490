/**
 * `POST /v1/outcomes`: a JSON array of outcome records, one JSON object, or NDJSON. Policy: the
 * valid records are stored (committed before the answer) and each invalid one is reported with
 * its index, field and rule — 200 when any record was stored, 400 when none was.
 */
import type { Hono } from 'hono';
import { parseOutcomes, splitOutcomeBody } from '../../capture/index.js';
import type { Store } from '../../store/index.js';
import { HttpProblem } from '../otlp-body.js';

export function mountOutcomes(app: Hono, deps: { store: Store; maxBodyBytes: number }): void {
  app.post('/v1/outcomes', async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (type !== 'application/json' && type !== 'application/x-ndjson') {
      return c.json(
        {
          error: `unsupported Content-Type ${JSON.stringify(type)}: send application/json or application/x-ndjson`,
        },
        415,
      );
    }
    const text = await c.req.text();
    if (Buffer.byteLength(text) > deps.maxBodyBytes) {
      throw new HttpProblem(413, `body exceeds the ${deps.maxBodyBytes}-byte limit (maxBodyBytes)`);
    }
    let split: ReturnType<typeof splitOutcomeBody>;
    try {
      split = splitOutcomeBody(text, type === 'application/x-ndjson');
    } catch (error) {
      return c.json(
        { error: `body is not valid JSON: ${(error as Error).message}`, accepted: 0, rejected: [] },
        400,
      );
    }
    const parsed = parseOutcomes(split.records);
    const rejected = [...split.rejected, ...parsed.rejected];
    if (parsed.outcomes.length === 0) return c.json({ accepted: 0, rejected }, 400);
    await deps.store.insertOutcomes(parsed.outcomes);
    return c.json({ accepted: parsed.outcomes.length, rejected }, 200);
  });
}
