/**
 * The report cache's answers kept beside the database file across restarts
 * (`<db>.reports.json`). After a restart they are served stale, with the time they were computed,
 * while each refreshes, so the dashboard's first visitor sees figures at once instead of waiting
 * for reports that take seconds over a big store. A cache, not data: a missing or unreadable file
 * only means the first answers are computed. The file names the database it was computed from
 * (`Store.identity`), so a store deleted and created anew beside an old file starts from nothing
 * instead of showing the old store's figures.
 */
import { randomUUID } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ReportSnapshot } from './report-cache.js';

/**
 * The shape of the answers the report cache keeps. Kept answers outlive a new release as long as
 * it stays the same, so the first dashboard after an upgrade shows the last figures, marked stale,
 * while they refresh, instead of every report computed over the whole store at once. Bump it
 * whenever a cached report's JSON changes shape: test/e2e/report-shapes.test.ts fails until then.
 */
export const REPORT_SHAPES = 1;

const fileSchema = z.object({
  /** Absent in files written before answers were kept per shape (per release): not used. */
  shapes: z.number().optional(),
  store: z.string().optional(),
  reports: z.array(z.object({ key: z.string(), value: z.unknown(), computedAt: z.number() })),
});

/** Where the answers of the store at `dbPath` are kept; none for an in-memory store. */
export function snapshotPathFor(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${dbPath}.reports.json`;
}

/** The answers kept at `path` in this shape and for the store named `store`; none otherwise. */
export async function loadReportSnapshots(path: string, store: string): Promise<ReportSnapshot[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = fileSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      const { shapes, store: keptFor, reports } = parsed.data;
      if (shapes !== REPORT_SHAPES) return [];
      if (keptFor === store) return reports;
      console.warn(
        `reports: ignoring ${path}: kept for another database (${keptFor ?? 'unnamed'})`,
      );
      return [];
    }
    console.warn(`reports: ignoring ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  } catch (error) {
    console.warn(`reports: ignoring ${path}: ${(error as Error).message}`);
  }
  return [];
}

/** Written to a temporary file first, so a crash mid-write never leaves half a file. */
export async function saveReportSnapshots(
  path: string,
  store: string,
  reports: readonly ReportSnapshot[],
): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  await writeFile(temporary, JSON.stringify({ shapes: REPORT_SHAPES, store, reports }));
  await rename(temporary, path);
}
