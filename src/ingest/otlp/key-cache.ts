/**
 * A small direct-mapped cache from UTF-8 bytes to the decoded string, for text that repeats across
 * spans (attribute keys, span names). A hit skips decoding and hands back an already-internalised
 * string, which makes the attribute-object store that follows much cheaper.
 */
import { decodeUtf8 } from './wire-text.js';

const SLOTS = 4096;
const MAX_CACHED_BYTES = 64;
const slotBytes: (Uint8Array | undefined)[] = new Array(SLOTS);
const slotText: string[] = new Array(SLOTS);

/** Same result as `decodeUtf8(buf, start, end, maxBytes)`; a collision only costs a re-decode. */
export function decodeRepeatedText(
  buf: Uint8Array,
  start: number,
  end: number,
  maxBytes: number,
): string {
  const length = end - start;
  if (length > MAX_CACHED_BYTES || length > maxBytes) return decodeUtf8(buf, start, end, maxBytes);
  let hash = 0x811c9dc5 ^ length;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ (buf[i] as number), 0x01000193);
  const slot = (hash >>> 0) & (SLOTS - 1);
  const cached = slotBytes[slot];
  if (cached !== undefined && cached.length === length) {
    let i = 0;
    while (i < length && cached[i] === buf[start + i]) i++;
    if (i === length) return slotText[slot] as string;
  }
  const text = decodeUtf8(buf, start, end, maxBytes);
  slotBytes[slot] = buf.slice(start, end);
  slotText[slot] = text;
  return text;
}
