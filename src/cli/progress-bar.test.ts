import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, isTTY, write: (text: string) => writes.push(text) };
}

describe('ProgressBar', () => {
  it('redraws in place at most 10 times a second on a terminal, with percent and rate', () => {
    let now = 0;
    const out = sink(true);
    const bar = new ProgressBar('importing a.csv', out, 'rows', () => now);
    for (let ms = 0; ms < 1000; ms += 10) {
      now = ms;
      bar.update(ms * 10, ms / 2000);
    }
    now = 2000;
    expect(bar.finish(20_000)).toBe(10);
    expect(out.writes[5]).toBe(
      `\rimporting a.csv [######...................] 25% 5,000 rows (10,000 rows/s)\u001b[K`,
    );
    expect(out.writes.at(-1)).toBe(
      `\rimporting a.csv [#########################] 100% 20,000 rows (10,000 rows/s)\u001b[K\n`,
    );
  });

  it('writes only the final line when the output is not a terminal', () => {
    let now = 0;
    const out = sink(false);
    const bar = new ProgressBar('importing', out, '', () => now);
    bar.update(10, null);
    now = 500;
    bar.update(20, null);
    expect(bar.finish(40)).toBe(0);
    expect(out.writes).toEqual(['importing [#########################] 100% 40 (80/s)\n']);
  });
});
