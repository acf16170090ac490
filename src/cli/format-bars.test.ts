import { describe, expect, it } from 'vitest';
import { bar, formatBars } from './format-bars.js';

describe('terminal bar charts', () => {
  it('scales bars to the largest value in eighths of a cell', () => {
    expect(bar(8, 8, 4)).toBe('████');
    // 3/8 of 4 cells = 1.5 cells = one full cell and four eighths.
    expect(bar(3, 8, 4)).toBe('█▌');
    // Far below one eighth still shows a sliver; zero shows nothing.
    expect(bar(1, 1000, 4)).toBe('▏');
    expect(bar(0, 8, 4)).toBe('');
  });

  it('aligns labels, bars and notes', () => {
    expect(
      formatBars(
        [
          { label: '$0.01–$0.10', value: 4, note: '4 units' },
          { label: '$0.10–$1', value: 2, note: '2 units' },
        ],
        4,
      ),
    ).toBe(['  $0.01–$0.10  ████  4 units', '  $0.10–$1     ██    2 units'].join('\n'));
  });
});
