/**
 * What a step asked and got, read alike from every convention: its logical step name, a
 * fingerprint of the request (tool arguments, retrieval query or prompt messages), the size of
 * the arguments and the documents a retrieval returned. Loop and routing analysis compare these.
 */
import { createHash } from 'node:crypto';
import type {
  Attributes,
  AttributeValue,
  OtlpSpan,
  RetrievedDocument,
  StepKind,
} from '../../domain/index.js';
import { readFirstString, toText } from './attribute-reader.js';

export interface StepDetail {
  stepName: string;
  fingerprint: string | null;
  argumentBytes: number | null;
  documents: RetrievedDocument[] | null;
}

const STEP_NAME_KEYS = ['tokenledger.step.name', 'traceloop.entity.name'] as const;

/** Tool-call arguments: GenAI, AI SDK v4–v5 and v6+, Pydantic AI, OpenLLMetry, OpenInference, Langfuse. */
const TOOL_ARGUMENT_KEYS = [
  'gen_ai.tool.call.arguments',
  'ai.toolCall.args',
  'ai.toolCall.input',
  'tool_arguments',
  'traceloop.entity.input',
  'input.value',
  'langfuse.observation.input',
] as const;

const RETRIEVAL_QUERY_KEYS = [
  'gen_ai.retrieval.query.text',
  'gen_ai.retrieval.query',
  'input.value',
  'langfuse.observation.input',
] as const;

/** Whole-prompt keys; flattened message lists are read by prefix below. */
const PROMPT_KEYS = [
  'gen_ai.input.messages',
  'ai.prompt.messages',
  'ai.prompt',
  'input.value',
  'langfuse.observation.input',
] as const;
const PROMPT_PREFIXES = ['llm.input_messages.', 'gen_ai.prompt.'] as const;

/** A retrieval's documents may be long lists; past this many the rest are not kept. */
export const MAX_DOCUMENTS = 200;

export function readStepDetail(
  span: OtlpSpan,
  kind: StepKind,
  toolName: string | null,
): StepDetail {
  const attributes = span.attributes;
  const stepName = readFirstString(attributes, STEP_NAME_KEYS) ?? span.name;
  if (kind === 'tool') {
    const args = readFirstString(attributes, TOOL_ARGUMENT_KEYS);
    return {
      stepName,
      fingerprint: args === null ? null : fingerprintOf(toolName ?? span.name, args),
      argumentBytes: args === null ? null : Buffer.byteLength(args),
      documents: null,
    };
  }
  if (kind === 'retrieval') {
    const query = readFirstString(attributes, RETRIEVAL_QUERY_KEYS);
    return {
      stepName,
      fingerprint: query === null ? null : fingerprintOf(toolName ?? span.name, query),
      argumentBytes: query === null ? null : Buffer.byteLength(query),
      documents: readDocuments(attributes),
    };
  }
  if (kind === 'llm' || kind === 'embedding') {
    const prompt = readPrompt(attributes);
    return {
      stepName,
      fingerprint: prompt === null ? null : fingerprintOf('prompt', prompt),
      argumentBytes: null,
      documents: null,
    };
  }
  return { stepName, fingerprint: null, argumentBytes: null, documents: null };
}

/** 16 hex characters of SHA-256 over the name and the request text. */
export function fingerprintOf(name: string, text: string): string {
  return createHash('sha256').update(name).update('\u0000').update(text).digest('hex').slice(0, 16);
}

function readPrompt(attributes: Attributes): string | null {
  const whole = readFirstString(attributes, PROMPT_KEYS);
  if (whole !== null) return whole;
  const keys = Object.keys(attributes);
  const parts: string[] = [];
  for (const prefix of PROMPT_PREFIXES) {
    // Only the prefix's keys are sorted: sorting every key of every span cost ~2 µs a span.
    for (const key of keys.filter((k) => k.startsWith(prefix)).sort()) {
      const text = toText(attributes[key]);
      if (text !== null) parts.push(`${key.slice(prefix.length)}=${text}`);
    }
    if (parts.length > 0) return parts.join('\n');
  }
  return null;
}

/** GenAI `gen_ai.retrieval.documents` (JSON list) or OpenInference `retrieval.documents.N.document.*`. */
function readDocuments(attributes: Attributes): RetrievedDocument[] | null {
  const list = parseList(attributes['gen_ai.retrieval.documents']);
  if (list !== null) {
    const documents: RetrievedDocument[] = [];
    for (const item of list.slice(0, MAX_DOCUMENTS)) {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
      const id = toText(item.id ?? null);
      if (id !== null) documents.push({ id, score: toScore(item.score) });
    }
    return documents;
  }
  const documents: RetrievedDocument[] = [];
  for (let index = 0; index < MAX_DOCUMENTS; index++) {
    const id = toText(attributes[`retrieval.documents.${index}.document.id`]);
    if (id === null) break;
    documents.push({
      id,
      score: toScore(attributes[`retrieval.documents.${index}.document.score`]),
    });
  }
  return documents.length > 0 ? documents : null;
}

function parseList(value: AttributeValue | undefined): AttributeValue[] | null {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string' || !value.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as AttributeValue[]) : null;
  } catch {
    return null;
  }
}

function toScore(value: AttributeValue | undefined): number | null {
  const score = typeof value === 'string' ? Number(value) : value;
  return typeof score === 'number' && Number.isFinite(score) ? score : null;
}
