/**
 * Which span and resource attributes become a step's business attributes (outcome keys such as
 * ticket or claim ids), and the namespaces of instrumentation detail that are left out.
 */
import type { Attributes, AttributeValue, OtlpSpan } from '../../domain/index.js';
import { toJsonObject } from './attribute-reader.js';

export const MAX_BUSINESS_ATTRIBUTES = 128;
export const MAX_BUSINESS_VALUE_LENGTH = 512;

/** Namespaces written by instrumentations; span attributes under them are dropped unless listed below. */
export const INSTRUMENTATION_NAMESPACES: readonly string[] = [
  'gen_ai.',
  'llm.',
  'ai.',
  'openinference.',
  'traceloop.',
  'langfuse.',
  'langsmith.',
  'input.',
  'output.',
  'http.',
  'url.',
  'server.',
  'client.',
  'net.',
  'network.',
  'rpc.',
  'db.',
  'code.',
  'thread.',
  'exception.',
  'error.',
  'otel.',
  'telemetry.',
  'tool.',
  'embedding.',
  'retrieval.',
  'reranker.',
  'document.',
  'message.',
  'messaging.',
  'graph.',
  'annotation.',
  'logfire.',
  'operation.',
  'pydantic_ai.',
  'mcp.',
  'openai.',
  'anthropic.',
  'az.',
  'azure.',
  'aws.',
  'user_agent.',
];

/** Dot-less or odd keys written by instrumentations (AI SDK `resource.name`, Pydantic AI format 2). */
export const INSTRUMENTATION_KEYS: readonly string[] = [
  'resource.name',
  'final_result',
  'model_request_parameters',
  'all_messages_events',
  'tool_arguments',
  'tool_response',
  'model_name',
  'agent_name',
];

/** Kept even though they sit inside an instrumentation namespace. */
export const BUSINESS_KEYS: readonly string[] = [
  'session.id',
  'user.id',
  'tag.tags',
  'gen_ai.conversation.id',
  'gen_ai.agent.name',
  'gen_ai.workflow.name',
  'traceloop.workflow.name',
  'ai.telemetry.functionId',
  'langfuse.session.id',
  'langfuse.user.id',
  'langfuse.trace.tags',
  'langfuse.environment',
  'langfuse.release',
];

export const BUSINESS_PREFIXES: readonly string[] = [
  'tokenledger.',
  'traceloop.association.properties.',
  'ai.telemetry.metadata.',
  'ai.settings.context.',
  'langfuse.trace.metadata.',
  'langfuse.observation.metadata.',
  'langsmith.metadata.',
];

/** JSON-object attributes flattened to `<key>.<field>` (OpenInference/Pydantic `metadata`, Langfuse). */
export const FLATTENED_JSON_KEYS: readonly string[] = [
  'metadata',
  'langfuse.trace.metadata',
  'langfuse.observation.metadata',
];

/** Resource namespaces that describe the machine, not the business. */
export const RESOURCE_NOISE_PREFIXES: readonly string[] = [
  'telemetry.',
  'process.',
  'host.',
  'os.',
  'container.',
  'k8s.',
];

const NAMESPACES = new Set(INSTRUMENTATION_NAMESPACES);
const DROPPED_KEYS = new Set(INSTRUMENTATION_KEYS);
const KEPT_KEYS = new Set(BUSINESS_KEYS);
const FLATTENED = new Set(FLATTENED_JSON_KEYS);

/**
 * One pass over the span's attributes: business keys first, then unknown keys (W3C baggage
 * copied onto spans), then resource attributes; the first writer of a key wins.
 */
export function collectBusinessAttributes(span: OtlpSpan): Record<string, string> {
  const out: Record<string, string> = {};
  const counter = { count: 0 };
  const unknown: string[] = [];
  const attributes = span.attributes;
  for (const key in attributes) {
    const value = attributes[key];
    const role = roleOf(key);
    if (role === FLATTEN) flattenJson(out, counter, key, value);
    else if (role === KEEP) put(out, counter, key, value);
    else if (role === UNKNOWN) unknown.push(key);
  }
  for (const key of unknown) put(out, counter, key, attributes[key]);
  collectResource(out, counter, span.resource);
  return out;
}

const FLATTEN = 0;
const KEEP = 1;
const DROP = 2;
const UNKNOWN = 3;
type KeyRole = typeof FLATTEN | typeof KEEP | typeof DROP | typeof UNKNOWN;

/** Keys repeat on nearly every span: each one's role is worked out once (up to a bound). */
const ROLES = new Map<string, KeyRole>();
const MAX_REMEMBERED_ROLES = 10_000;

function roleOf(key: string): KeyRole {
  const known = ROLES.get(key);
  if (known !== undefined) return known;
  const role = FLATTENED.has(key)
    ? FLATTEN
    : isBusinessKey(key)
      ? KEEP
      : isInstrumentationKey(key)
        ? DROP
        : UNKNOWN;
  if (ROLES.size < MAX_REMEMBERED_ROLES) ROLES.set(key, role);
  return role;
}

function isBusinessKey(key: string): boolean {
  if (KEPT_KEYS.has(key)) return true;
  for (const prefix of BUSINESS_PREFIXES) if (key.startsWith(prefix)) return true;
  return false;
}

function isInstrumentationKey(key: string): boolean {
  if (DROPPED_KEYS.has(key)) return true;
  const dot = key.indexOf('.');
  return dot !== -1 && NAMESPACES.has(key.slice(0, dot + 1));
}

function collectResource(
  out: Record<string, string>,
  counter: { count: number },
  resource: Attributes,
): void {
  for (const key in resource) {
    if (RESOURCE_NOISE_PREFIXES.some((prefix) => key.startsWith(prefix))) continue;
    put(out, counter, key, resource[key]);
  }
}

function flattenJson(
  out: Record<string, string>,
  counter: { count: number },
  key: string,
  value: AttributeValue | undefined,
): void {
  const object = toJsonObject(value);
  if (object === null) {
    put(out, counter, key, value);
    return;
  }
  for (const field in object) {
    const fieldValue = object[field];
    const flat =
      typeof fieldValue === 'object' && fieldValue !== null && !Array.isArray(fieldValue)
        ? JSON.stringify(fieldValue)
        : fieldValue;
    put(out, counter, `${key}.${field}`, flat);
  }
}

function put(
  out: Record<string, string>,
  counter: { count: number },
  key: string,
  value: AttributeValue | undefined,
): void {
  if (counter.count >= MAX_BUSINESS_ATTRIBUTES || key in out) return;
  const text = toBusinessValue(value);
  if (text === null) return;
  out[key] =
    text.length > MAX_BUSINESS_VALUE_LENGTH ? text.slice(0, MAX_BUSINESS_VALUE_LENGTH) : text;
  counter.count++;
}

/** Scalars as strings; arrays of scalars joined with ","; structured values are not business keys. */
function toBusinessValue(value: AttributeValue | undefined): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (!Array.isArray(value)) return null;
  const parts: string[] = [];
  for (const item of value) {
    if (typeof item === 'object' && item !== null) return null;
    parts.push(item === null ? '' : String(item));
  }
  return parts.join(',');
}
