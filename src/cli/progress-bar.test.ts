import { expect, it } from 'vitest';
import { ProgressBar } from './progress-bar.js';

it('writes plain lines at most every 5 s when stderr is not a terminal', () => {
  const lines: string[] = [];
  const bar = new ProgressBar('spans sent', (t) => lines.push(t), false);
  bar.update(1, 0.1, true);
  for (let i = 2; i < 1000; i++) bar.update(i, i / 1000);
  bar.finish(1000);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^spans sent \[###\.{22}\] 10% 1 \(\d[\d,]*\/s\)\n$/);
  expect(lines[1]).toMatch(/^spans sent \[#{25}\] 100% 1,000 /);
});

it('redraws one line in place on a terminal and ends it on finish', () => {
  const out: string[] = [];
  const bar = new ProgressBar('importing', (t) => out.push(t), true);
  bar.update(5, null, true);
  bar.finish(10);
  expect(out[0]).toMatch(/^\rimporting 5 \(/);
  expect(out.at(-1)).toBe('\n');
});
