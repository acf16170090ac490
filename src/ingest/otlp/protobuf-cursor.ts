/**
 * A position in one protobuf body, on top of `@bufbuild/protobuf`'s BinaryReader: one reader for
 * the whole request, nested messages walked by end offset (no sub-readers, no copies).
 */
import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { decodeRepeatedText } from './key-cache.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import { bytesToHex, decodeUtf8 } from './wire-text.js';

const WIRE_TYPE_NAMES = [
  'varint',
  '64-bit',
  'length-delimited',
  'group start',
  'group end',
  '32-bit',
];

export class ProtobufCursor {
  readonly reader: BinaryReader;
  readonly buf: Uint8Array;
  readonly maxStringBytes: number;
  /** Set by the latest `tag()`. */
  field = 0;
  wireType: WireType = WireType.Varint;
  readonly #view: DataView;
  #lastTraceIdStart = -1;
  #lastTraceIdHex = '';

  constructor(buf: Uint8Array, maxStringBytes: number) {
    this.buf = buf;
    this.reader = new BinaryReader(buf);
    this.maxStringBytes = maxStringBytes;
    this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  get pos(): number {
    return this.reader.pos;
  }

  /** Reads a tag into `field`/`wireType` without the tuple `BinaryReader.tag()` allocates. */
  tag(): void {
    const tag = this.reader.uint32();
    this.field = tag >>> 3;
    this.wireType = tag & 7;
    if (this.field === 0 || this.wireType > 5) {
      throw new RangeError(`illegal tag: field ${this.field}, wire type ${this.wireType}`);
    }
  }

  /** Fails unless the current field has the wire type the OTLP schema gives it. */
  expect(wireType: WireType, field: string): void {
    if (this.wireType !== wireType) {
      throw new OtlpDecodeError(
        `${field}: expected wire type ${wireType} (${WIRE_TYPE_NAMES[wireType]}), got ${this.wireType} (${WIRE_TYPE_NAMES[this.wireType] ?? 'unknown'}); is this an OTLP traces request?`,
      );
    }
  }

  /** Reads a length prefix; returns the end offset of the payload that follows. */
  lengthEnd(): number {
    const length = this.reader.uint32();
    const end = this.reader.pos + length;
    if (end > this.reader.len) throw new RangeError(`length ${length} runs past the body end`);
    return end;
  }

  /** After a nested message: its fields must end exactly where its length said. */
  close(end: number): void {
    if (this.reader.pos !== end) throw new RangeError('a field runs past its message end');
  }

  string(): string {
    const end = this.lengthEnd();
    const start = this.reader.pos;
    this.reader.pos = end;
    return decodeUtf8(this.buf, start, end, this.maxStringBytes);
  }

  /** Like `string()`, through the cache for text that repeats across spans (keys, names). */
  repeatedString(): string {
    const end = this.lengthEnd();
    const start = this.reader.pos;
    this.reader.pos = end;
    return decodeRepeatedText(this.buf, start, end, this.maxStringBytes);
  }

  /** Hex of a 16-byte trace id; spans of one trace usually follow each other, so reuse the last. */
  traceIdHex(start: number): string {
    const buf = this.buf;
    const last = this.#lastTraceIdStart;
    if (last >= 0) {
      let i = 0;
      while (i < 16 && buf[start + i] === buf[last + i]) i++;
      if (i === 16) return this.#lastTraceIdHex;
    }
    this.#lastTraceIdStart = start;
    this.#lastTraceIdHex = bytesToHex(buf, start, start + 16);
    return this.#lastTraceIdHex;
  }

  fixed64(): bigint {
    const value = this.#view.getBigUint64(this.reader.pos, true);
    this.reader.pos += 8;
    return value;
  }

  double(): number {
    const value = this.#view.getFloat64(this.reader.pos, true);
    this.reader.pos += 8;
    return value;
  }

  /** int64 varint as a number when safe, else a decimal string; small values skip BigInt. */
  int64(): number | string {
    const buf = this.buf;
    const pos = this.reader.pos;
    if ((buf[pos] as number) < 0x80) {
      this.reader.pos = pos + 1;
      return buf[pos] as number;
    }
    if ((buf[pos + 1] as number) < 0x80 || (buf[pos + 2] as number) < 0x80) {
      return this.reader.uint32();
    }
    const value = BigInt(this.reader.int64());
    return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value.toString();
  }

  varint32(): number {
    return this.reader.int32();
  }

  bool(): boolean {
    return this.reader.bool();
  }

  /** Skips the current field; only groups need the reader's recursive skip. */
  skip(): void {
    const reader = this.reader;
    switch (this.wireType) {
      case WireType.Varint:
        reader.uint32();
        return;
      case WireType.Bit64:
        reader.pos += 8;
        break;
      case WireType.Bit32:
        reader.pos += 4;
        break;
      case WireType.LengthDelimited:
        reader.pos = this.lengthEnd();
        return;
      default:
        reader.skip(this.wireType, this.field);
        return;
    }
    if (reader.pos > reader.len) throw new RangeError('premature EOF');
  }
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
