/** Bytes → `OtlpSpan[]` → `Step[]`: OTLP decoding and the per-convention span mappers. */
export * from './otlp/index.js';
export * from './semconv/index.js';
