import { describe, expect, it } from 'vitest';
import { checkSpanCases } from '../../../test/fixtures/semconv/check-span-cases.js';
import { loadSpanFixture } from '../../../test/fixtures/semconv/load-span-fixture.js';
import { MAPPERS, normalizeSpan } from './normalize-span.js';

describe('tokenledger mapper', () => {
  const tokenledger = MAPPERS[0];
  const cases = loadSpanFixture('tokenledger/spans.json');

  it("declares the step kind, keeping what the span's own convention reads", () => {
    if (!tokenledger) throw new Error('no mappers');
    checkSpanCases(tokenledger, cases);
  });

  it('rejects negative or non-numeric human minutes', () => {
    const human = cases[0];
    if (!human) throw new Error('fixture is empty');
    for (const minutes of [-1, 'soon']) {
      const span = {
        ...human.span,
        attributes: { ...human.span.attributes, 'tokenledger.human.minutes': minutes },
      };
      const result = normalizeSpan(span);
      expect(result).toEqual({
        ok: false,
        error: `span ${span.traceId}/${span.spanId}: tokenledger.human.minutes must be a non-negative number, got ${JSON.stringify(minutes)}`,
      });
    }
  });
});
