/** Span normalisation: one mapper per telemetry convention, turning `OtlpSpan` into `Step`. */
export {
  BUSINESS_KEYS,
  BUSINESS_PREFIXES,
  FLATTENED_JSON_KEYS,
  INSTRUMENTATION_KEYS,
  INSTRUMENTATION_NAMESPACES,
  MAX_BUSINESS_ATTRIBUTES,
  MAX_BUSINESS_VALUE_LENGTH,
  RESOURCE_NOISE_PREFIXES,
} from './business-attributes.js';
export { MAPPERS, normalizeSpan } from './normalize-span.js';
export { normalizeProvider, PROVIDER_ALIASES } from './provider-alias.js';
export type { NormalizeResult, SemconvMapper } from './semconv-mapper.js';
export { MAX_TOKEN_COUNT } from './token-count.js';
