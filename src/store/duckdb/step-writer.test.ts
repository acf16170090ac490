/** CSV files left behind by a killed writer are removed; a live writer's files are kept. */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeStaleCsvFiles } from './step-writer.js';

describe('removeStaleCsvFiles', () => {
  it('removes only the files of processes that no longer run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tokenledger-stale-'));
    try {
      // Above Linux's largest pid (2^22), so no process can hold it.
      const dead = join(dir, 'tokenledger-steps-4194399-x.csv');
      const live = join(dir, `tokenledger-steps-${process.ppid}-y.csv`);
      const other = join(dir, 'unrelated.csv');
      for (const file of [dead, live, other]) writeFileSync(file, 'x');
      expect(await removeStaleCsvFiles(dir)).toBe(1);
      expect([dead, live, other].map((file) => existsSync(file))).toEqual([false, true, true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
