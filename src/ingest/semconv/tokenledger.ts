/**
 * tokenledger's own attributes: `tokenledger.step.kind` overrides the kind any other convention
 * would give (a human step is kind `human`); the rest of the span is read by that convention.
 */
import type { OtlpSpan, Step, StepKind } from '../../domain/index.js';
import { HUMAN_MINUTES_KEY, STEP_KINDS } from '../../domain/index.js';
import { readString } from './attribute-reader.js';
import { InvalidUsageError } from './invalid-usage-error.js';
import type { SemconvMapper } from './semconv-mapper.js';

export const TOKENLEDGER = {
  STEP_KIND: 'tokenledger.step.kind',
  HUMAN_MINUTES: HUMAN_MINUTES_KEY,
} as const;

const KINDS: ReadonlySet<string> = new Set(STEP_KINDS);

/**
 * `conventions` are the mappers that read the rest of the span, tried in order; the last must
 * match every span. Passed in rather than imported so the mapper list stays in one place.
 */
export function createTokenledgerMapper(conventions: readonly SemconvMapper[]): SemconvMapper {
  return {
    name: 'tokenledger',
    matches(span: OtlpSpan): boolean {
      return span.attributes[TOKENLEDGER.STEP_KIND] !== undefined;
    },
    toStep(span: OtlpSpan): Step {
      checkHumanMinutes(span);
      const delegate = conventions.find((mapper) => mapper.matches(span));
      if (delegate === undefined)
        throw new Error('tokenledger mapper needs a catch-all convention');
      const step = delegate.toStep(span);
      const declared = readString(span.attributes, TOKENLEDGER.STEP_KIND)?.toLowerCase() ?? null;
      const kind = declared !== null && KINDS.has(declared) ? (declared as StepKind) : step.kind;
      return { ...step, kind, convention: 'tokenledger' };
    },
  };
}

/** Human minutes are priced like tokens, so an impossible value is an error, not a guess. */
function checkHumanMinutes(span: OtlpSpan): void {
  const value = span.attributes[TOKENLEDGER.HUMAN_MINUTES];
  if (value === undefined || value === null) return;
  const minutes = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0) {
    throw new InvalidUsageError(
      span,
      TOKENLEDGER.HUMAN_MINUTES,
      'must be a non-negative number',
      value,
    );
  }
}
