/**
 * `GET /api/v1/export/focus?from=&to=&format=csv|parquet`: the attributed spend as a FOCUS 1.2
 * dataset. DuckDB writes the file; the answer streams it back with what was left out in headers.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Hono } from 'hono';
import { z } from 'zod';
import { parseRange } from '../../analysis/index.js';
import { femtoToUsdString } from '../../domain/index.js';
import type { FocusExportResult, Store } from '../../store/index.js';

const querySchema = z.object({
  format: z.enum(['csv', 'parquet']).default('csv'),
  from: z.string().optional(),
  to: z.string().optional(),
});

export const FOCUS_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
} as const;

/** Response headers saying what the dataset leaves out (the CLI prints them on stderr). */
export function focusHeaders(result: FocusExportResult): Record<string, string> {
  return {
    'x-focus-version': '1.2',
    'x-focus-excluded-unpriced-steps': String(result.excludedUnpricedSteps),
    'x-focus-unattributed-cost-usd': femtoToUsdString(result.unattributedCostFemto),
    'x-focus-billed-cost-usd': femtoToUsdString(result.billedCostFemto),
  };
}

export function mountExportFocus(app: Hono, deps: { store: Store }): void {
  app.get('/api/v1/export/focus', async (c) => {
    const parsed = querySchema.safeParse(c.req.query());
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      return c.json({ error: issues.join('; ') }, 400);
    }
    const { format, from, to } = parsed.data;
    const range = parseRange(from, to);
    const path = join(tmpdir(), `tokenledger-focus-${randomUUID()}.${format}`);
    let result: FocusExportResult;
    try {
      result = await deps.store.exportFocus(
        {
          format,
          fromUnixMs:
            range.fromUnixNano === undefined ? undefined : Number(range.fromUnixNano / 1_000_000n),
          toUnixMs:
            range.toUnixNano === undefined ? undefined : Number(range.toUnixNano / 1_000_000n),
        },
        path,
      );
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    // Streamed from the file, which goes once read or abandoned: a million units' CSV is ~1 GB,
    // and read whole it sat in the server's memory until sent.
    const file = createReadStream(path);
    file.once('close', () => void rm(path, { force: true }));
    return c.body(Readable.toWeb(file) as ReadableStream<Uint8Array>, 200, {
      'content-type': FOCUS_CONTENT_TYPES[format],
      'content-disposition': `attachment; filename="tokenledger-focus.${format}"`,
      ...focusHeaders(result),
    });
  });
}
