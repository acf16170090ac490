/**
 * The one error an OTLP request decoder throws: the body cannot be decoded at all, so the whole
 * request is refused (HTTP 400). The message names the field path and the rule that broke.
 */
export class OtlpDecodeError extends Error {
  override readonly name = 'OtlpDecodeError';
}
