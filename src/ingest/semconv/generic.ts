/** The fallback for spans of no known convention: kept as `other` steps so traces stay whole. */
import type { OtlpSpan, Step } from '../../domain/index.js';
import { buildStep } from './build-step.js';
import type { SemconvMapper } from './semconv-mapper.js';

export const genericMapper: SemconvMapper = {
  name: 'generic',
  matches(): boolean {
    return true;
  },
  toStep(span: OtlpSpan): Step {
    return buildStep(span, { kind: 'other', convention: 'generic' });
  },
};
