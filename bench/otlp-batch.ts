/**
 * Synthetic OTLP protobuf batches for the ingest benchmark: traces of one agent span, six chat
 * calls and a tool call, ~15 attributes per chat span, ids unique per (seed, batch).
 */
import { BinaryWriter } from '@bufbuild/protobuf/wire';

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4-20250514', 'gemini-2.5-flash'] as const;
const PROVIDERS = ['openai', 'openai', 'anthropic', 'gcp.gemini'] as const;
export const SPANS_PER_TRACE = 8;

type Attr = [string, string | number | boolean | string[]];

function writeAnyValue(w: BinaryWriter, value: string | number | boolean | string[]): void {
  if (typeof value === 'string') w.uint32((1 << 3) | 2).string(value);
  else if (typeof value === 'boolean') w.uint32((2 << 3) | 0).bool(value);
  else if (typeof value === 'number') {
    if (Number.isInteger(value)) w.uint32((3 << 3) | 0).int64(value);
    else w.uint32((4 << 3) | 1).double(value);
  } else {
    w.uint32((5 << 3) | 2).fork();
    for (const item of value)
      w.uint32((1 << 3) | 2)
        .fork()
        .uint32((1 << 3) | 2)
        .string(item)
        .join();
    w.join();
  }
}

function writeAttrs(w: BinaryWriter, field: number, attrs: readonly Attr[]): void {
  for (const [key, value] of attrs) {
    w.uint32((field << 3) | 2).fork();
    w.uint32((1 << 3) | 2).string(key);
    w.uint32((2 << 3) | 2).fork();
    writeAnyValue(w, value);
    w.join();
    w.join();
  }
}

function id(bytes: number, a: number, b: number, c: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  view.setUint32(0, a >>> 0);
  view.setUint32(4, b >>> 0);
  if (bytes === 16) {
    view.setUint32(8, c >>> 0);
    view.setUint32(12, 0x9e3779b9);
  }
  return out;
}

/** One ExportTraceServiceRequest of `spans` spans (a multiple of 8). */
export function makeBatch(
  seed: number,
  batch: number,
  spans = 512,
  baseTimeNs = 1_764_000_000_000_000_000n,
): Uint8Array {
  const w = new BinaryWriter();
  w.uint32((1 << 3) | 2).fork(); // resource_spans
  w.uint32((1 << 3) | 2).fork(); // resource
  writeAttrs(w, 1, [
    ['service.name', 'claims-service'],
    ['deployment.environment', 'bench'],
  ]);
  w.join();
  w.uint32((2 << 3) | 2).fork(); // scope_spans
  w.uint32((1 << 3) | 2)
    .fork()
    .uint32((1 << 3) | 2)
    .string('bench')
    .uint32((2 << 3) | 2)
    .string('1.0.0')
    .join();
  for (let i = 0; i < spans; i++) {
    const trace = Math.floor(i / SPANS_PER_TRACE);
    const pos = i % SPANS_PER_TRACE;
    const traceId = id(16, seed, batch, trace);
    const start = baseTimeNs + BigInt(batch) * 1_000_000_000n + BigInt(i) * 1_000_000n;
    const m = (batch + trace + pos) % MODELS.length;
    w.uint32((2 << 3) | 2).fork(); // span
    w.uint32((1 << 3) | 2).bytes(traceId);
    // batch + 1: the first span of batch 0 would otherwise get the all-zero id OTLP forbids.
    w.uint32((2 << 3) | 2).bytes(id(8, batch + 1, (trace << 4) | pos, 0));
    if (pos > 0) w.uint32((4 << 3) | 2).bytes(id(8, batch + 1, trace << 4, 0));
    let attrs: Attr[];
    if (pos === 0) {
      w.uint32((5 << 3) | 2).string('invoke_agent claims-bot');
      attrs = [
        ['gen_ai.operation.name', 'invoke_agent'],
        ['gen_ai.agent.name', 'claims-bot'],
        ['tokenledger.work_unit.id', `C-${seed}-${batch}-${trace}`],
        ['tokenledger.workflow', 'claims-adjudication'],
      ];
    } else if (pos === SPANS_PER_TRACE - 1) {
      w.uint32((5 << 3) | 2).string('execute_tool lookup_policy');
      attrs = [
        ['gen_ai.operation.name', 'execute_tool'],
        ['gen_ai.tool.name', 'lookup_policy'],
        ['gen_ai.tool.call.id', `call_${batch}_${i}`],
      ];
    } else {
      w.uint32((5 << 3) | 2).string(`chat ${MODELS[m]}`);
      attrs = [
        ['gen_ai.operation.name', 'chat'],
        ['gen_ai.provider.name', PROVIDERS[m] ?? 'openai'],
        ['gen_ai.request.model', MODELS[m] ?? 'gpt-4o'],
        ['gen_ai.response.model', MODELS[m] ?? 'gpt-4o'],
        ['gen_ai.response.id', `resp_${seed}_${batch}_${i}`],
        ['gen_ai.usage.input_tokens', 800 + ((i * 37) % 4000)],
        ['gen_ai.usage.output_tokens', 50 + ((i * 13) % 400)],
        ['gen_ai.usage.cache_read.input_tokens', (i * 7) % 500],
        ['gen_ai.response.finish_reasons', ['stop']],
        ['gen_ai.request.temperature', 0.2],
        ['gen_ai.request.max_tokens', 1024],
        ['server.address', 'api.example.com'],
        ['server.port', 443],
        ['tokenledger.work_unit.id', `C-${seed}-${batch}-${trace}`],
        ['tokenledger.workflow', 'claims-adjudication'],
      ];
    }
    w.uint32((6 << 3) | 0).int32(pos === 0 || pos === SPANS_PER_TRACE - 1 ? 1 : 3);
    w.uint32((7 << 3) | 1).fixed64(start);
    w.uint32((8 << 3) | 1).fixed64(start + 500_000_000n);
    writeAttrs(w, 9, attrs);
    w.uint32((15 << 3) | 2)
      .fork()
      .uint32((3 << 3) | 0)
      .int32(1)
      .join();
    w.join();
  }
  w.join();
  w.join();
  return w.finish();
}
