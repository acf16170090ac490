/**
 * Bytes → strings for the decoders: UTF-8 text cut to a byte limit on a character boundary,
 * lowercase hex ids, base64 for bytes values. One shared TextDecoder; no per-call allocation.
 */

// Non-fatal: invalid UTF-8 becomes U+FFFD rather than failing the whole request.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
const UTF8_ENCODER = new TextEncoder();
const SHORT_ASCII_MAX = 24;
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Decodes `buf[start, end)` as UTF-8, keeping at most `maxBytes` bytes (whole characters only). */
export function decodeUtf8(buf: Uint8Array, start: number, end: number, maxBytes: number): string {
  if (end - start > maxBytes) end = utf8CutPoint(buf, start, start + maxBytes);
  if (end - start <= SHORT_ASCII_MAX) {
    let text = '';
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      if (byte > 0x7f) return UTF8.decode(buf.subarray(start, end));
      text += String.fromCharCode(byte);
    }
    return text;
  }
  return UTF8.decode(buf.subarray(start, end));
}

/** Moves `cut` back so it does not split a multi-byte character (continuation bytes 10xxxxxx). */
function utf8CutPoint(buf: Uint8Array, start: number, cut: number): number {
  let end = cut;
  while (end > start && ((buf[end] as number) & 0xc0) === 0x80) end -= 1;
  return end;
}

/** Truncates a JS string so its UTF-8 form is at most `maxBytes` bytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no measuring.
  if (text.length * 3 <= maxBytes) return text;
  const bytes = UTF8_ENCODER.encode(text);
  if (bytes.length <= maxBytes) return text;
  return UTF8.decode(bytes.subarray(0, utf8CutPoint(bytes, 0, maxBytes)));
}

export function bytesToHex(buf: Uint8Array, start: number, end: number): string {
  let hex = '';
  for (let i = start; i < end; i++) hex += HEX_PAIRS[buf[i] as number];
  return hex;
}

export function bytesToBase64(buf: Uint8Array, start: number, end: number): string {
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('base64');
}
