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
import { readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { findPackageRoot } from '../store/index.js';
import type { ReportSnapshot } from './report-cache.js';

/** Answers are kept only for the release that computed them (report shapes change between them). */
const RELEASE = String(
  (
    JSON.parse(readFileSync(join(findPackageRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    }
  ).version,
);

const fileSchema = z.object({
  release: z.string(),
  store: z.string().optional(),
  reports: z.array(z.object({ key: z.string(), value: z.unknown(), computedAt: z.number() })),
});

/** Where the answers of the store at `dbPath` are kept; none for an in-memory store. */
export function snapshotPathFor(dbPath: string): string | null {
  return dbPath === ':memory:' ? null : `${dbPath}.reports.json`;
}

/** The answers kept at `path` for this release and for the store named `store`; none otherwise. */
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
      const { release, store: keptFor, reports } = parsed.data;
      if (release !== RELEASE) return [];
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
  await writeFile(temporary, JSON.stringify({ release: RELEASE, store, reports }));
  await rename(temporary, path);
}
