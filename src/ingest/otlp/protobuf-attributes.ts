/**
 * OTLP common.proto on the wire: KeyValue{key=1, value=2} and AnyValue's oneof {string=1, bool=2,
 * int=3, double=4, array=5 {values=1}, kvlist=6 {values=1}, bytes=7}. Unknown fields are skipped.
 */
import { WireType } from '@bufbuild/protobuf/wire';
import type { Attributes, AttributeValue } from '../../domain/index.js';
import { OtlpDecodeError } from './otlp-decode-error.js';
import type { ProtobufCursor } from './protobuf-cursor.js';
import { setAttribute } from './set-attribute.js';
import { bytesToBase64 } from './wire-text.js';

/** Arrays and kvlists nested deeper than this refuse the body instead of exhausting the stack. */
export const MAX_VALUE_DEPTH = 32;

/** Reads one length-delimited KeyValue (the cursor is just past its tag) into `attributes`. */
export function readKeyValue(c: ProtobufCursor, attributes: Attributes, depth: number): void {
  const end = c.lengthEnd();
  let key = '';
  let value: AttributeValue = null;
  while (c.pos < end) {
    c.tag();
    if (c.field === 1) {
      c.expect(WireType.LengthDelimited, 'KeyValue.key');
      key = c.repeatedString();
    } else if (c.field === 2) {
      c.expect(WireType.LengthDelimited, 'KeyValue.value');
      value = readAnyValue(c, c.lengthEnd(), depth);
    } else {
      c.skip();
    }
  }
  c.close(end);
  setAttribute(attributes, key, value);
}

function readAnyValue(c: ProtobufCursor, end: number, depth: number): AttributeValue {
  let value: AttributeValue = null;
  while (c.pos < end) {
    c.tag();
    switch (c.field) {
      case 1:
        c.expect(WireType.LengthDelimited, 'AnyValue.string_value');
        value = c.string();
        break;
      case 2:
        c.expect(WireType.Varint, 'AnyValue.bool_value');
        value = c.bool();
        break;
      case 3:
        c.expect(WireType.Varint, 'AnyValue.int_value');
        value = c.int64();
        break;
      case 4:
        c.expect(WireType.Bit64, 'AnyValue.double_value');
        value = c.double();
        break;
      case 5:
        c.expect(WireType.LengthDelimited, 'AnyValue.array_value');
        value = readArrayValue(c, c.lengthEnd(), depth + 1);
        break;
      case 6:
        c.expect(WireType.LengthDelimited, 'AnyValue.kvlist_value');
        value = readKeyValueList(c, c.lengthEnd(), depth + 1);
        break;
      case 7:
        c.expect(WireType.LengthDelimited, 'AnyValue.bytes_value');
        value = readBytesAsBase64(c);
        break;
      default:
        c.skip();
    }
  }
  c.close(end);
  return value;
}

function readArrayValue(c: ProtobufCursor, end: number, depth: number): AttributeValue[] {
  checkDepth(depth);
  const values: AttributeValue[] = [];
  while (c.pos < end) {
    c.tag();
    if (c.field === 1) {
      c.expect(WireType.LengthDelimited, 'ArrayValue.values');
      values.push(readAnyValue(c, c.lengthEnd(), depth));
    } else {
      c.skip();
    }
  }
  c.close(end);
  return values;
}

function readKeyValueList(c: ProtobufCursor, end: number, depth: number): Attributes {
  checkDepth(depth);
  const values: Attributes = {};
  while (c.pos < end) {
    c.tag();
    if (c.field === 1) {
      c.expect(WireType.LengthDelimited, 'KeyValueList.values');
      readKeyValue(c, values, depth);
    } else {
      c.skip();
    }
  }
  c.close(end);
  return values;
}

/** Bytes values are kept as base64 text (domain `AttributeValue`), cut to the byte limit first. */
function readBytesAsBase64(c: ProtobufCursor): string {
  const end = c.lengthEnd();
  const start = c.pos;
  c.reader.pos = end;
  return bytesToBase64(c.buf, start, Math.min(end, start + c.maxStringBytes));
}

function checkDepth(depth: number): void {
  if (depth > MAX_VALUE_DEPTH) {
    throw new OtlpDecodeError(`attribute value nested deeper than ${MAX_VALUE_DEPTH} levels`);
  }
}
