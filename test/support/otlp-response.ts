/** Reads an ExportTraceServiceResponse / google.rpc.Status the way an exporter would. */
import { BinaryReader } from '@bufbuild/protobuf/wire';

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** partial_success = field 1 {rejected_spans = 1 (int64), error_message = 2}; null when absent. */
export function readTraceResponse(bytes: Uint8Array): PartialSuccess | null {
  const reader = new BinaryReader(bytes);
  let partial: PartialSuccess | null = null;
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field !== 1) {
      reader.skip(wireType);
      continue;
    }
    const inner = new BinaryReader(reader.bytes());
    partial = { rejectedSpans: 0, errorMessage: '' };
    while (inner.pos < inner.len) {
      const [f, w] = inner.tag();
      if (f === 1) partial.rejectedSpans = Number(inner.int64());
      else if (f === 2) partial.errorMessage = inner.string();
      else inner.skip(w);
    }
  }
  return partial;
}

/** google.rpc.Status: code = 1, message = 2. */
export function readStatus(bytes: Uint8Array): { code: number; message: string } {
  const reader = new BinaryReader(bytes);
  const status = { code: 0, message: '' };
  while (reader.pos < reader.len) {
    const [field, wireType] = reader.tag();
    if (field === 1) status.code = reader.int32();
    else if (field === 2) status.message = reader.string();
    else reader.skip(wireType);
  }
  return status;
}
