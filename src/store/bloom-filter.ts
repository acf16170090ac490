/**
 * A fixed-size Bloom filter of strings over a Uint32Array: "definitely never added" or "maybe
 * added". Two 32-bit hashes per key, combined by double hashing (Kirsch–Mitzenmacher).
 */

/** Two independent 32-bit hashes of a string (murmur3-style mixing of its UTF-16 code units). */
export function hashPair(key: string): [number, number] {
  let a = 0x9747b28c;
  let b = 0x85ebca6b;
  for (let i = 0; i < key.length; i += 1) {
    const code = key.charCodeAt(i);
    a = Math.imul(a ^ code, 0xcc9e2d51);
    a = (a << 15) | (a >>> 17);
    b = Math.imul(b ^ code, 0x1b873593);
    b = (b << 13) | (b >>> 19);
    b = Math.imul(b, 5) + 0xe6546b64;
  }
  return [fmix(a ^ key.length), fmix(b ^ key.length) | 1];
}

function fmix(value: number): number {
  let h = value;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Names the hashing and bit layout above: a kept filter of another format is never loaded. */
export const BLOOM_FORMAT = 'murmur3-double-hashing-u32le-v1';

export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly bitCount: number;
  private readonly hashes: number;
  private added = 0;

  /** Sized for `capacity` keys at `falsePositiveRate` (optimal bit and hash counts). */
  constructor(
    readonly capacity: number,
    readonly falsePositiveRate: number,
  ) {
    const n = Math.max(1, capacity);
    const bits = Math.ceil((-n * Math.log(falsePositiveRate)) / Math.LN2 ** 2);
    this.bitCount = Math.max(64, Math.ceil(bits / 32) * 32);
    this.bits = new Uint32Array(this.bitCount / 32);
    this.hashes = Math.max(1, Math.round((this.bitCount / n) * Math.LN2));
  }

  /** Keys added so far (re-adds included): compare with `capacity` to know when to rebuild. */
  get size(): number {
    return this.added;
  }

  get isOverCapacity(): boolean {
    return this.added > this.capacity;
  }

  /** The bits as little-endian 32-bit words, to keep beside the data they describe. */
  toBytes(): Uint8Array {
    const bytes = new Uint8Array(this.bits.byteLength);
    const view = new DataView(bytes.buffer);
    for (let i = 0; i < this.bits.length; i += 1) view.setUint32(i * 4, this.bits[i] ?? 0, true);
    return bytes;
  }

  /**
   * A filter sized as `capacity` and `falsePositiveRate` size it, with `added` keys and the bits
   * `toBytes` gave; null when the bytes do not fit that size.
   */
  static fromBytes(
    capacity: number,
    falsePositiveRate: number,
    added: number,
    bytes: Uint8Array,
  ): BloomFilter | null {
    const filter = new BloomFilter(capacity, falsePositiveRate);
    if (bytes.byteLength !== filter.bits.byteLength) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < filter.bits.length; i += 1) filter.bits[i] = view.getUint32(i * 4, true);
    filter.added = added;
    return filter;
  }

  /** Bytes held by the bit array. */
  get byteLength(): number {
    return this.bits.byteLength;
  }

  add(key: string): void {
    const [a, b] = hashPair(key);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (a + Math.imul(i, b)) >>> 0;
      const index = bit % this.bitCount;
      this.bits[index >>> 5] = (this.bits[index >>> 5] ?? 0) | (1 << (index & 31));
    }
    this.added += 1;
  }

  mightContain(key: string): boolean {
    const [a, b] = hashPair(key);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = (a + Math.imul(i, b)) >>> 0;
      const index = bit % this.bitCount;
      if (((this.bits[index >>> 5] ?? 0) & (1 << (index & 31))) === 0) return false;
    }
    return true;
  }
}
