/**
 * Model-name normalisation: the raw name a span reports (provider prefixes, Bedrock ids and ARNs,
 * Vertex resource paths and `@` versions, dated snapshots) → candidate catalog ids.
 */

const BEDROCK_REGION = /^(?:us|us-gov|eu|apac|ap|au|ca|jp|in|global)\./;
const BEDROCK_VENDOR =
  /^(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer|google|nvidia|twelvelabs|stability)\./;
const BEDROCK_VERSION = /(?:-v\d+(?::\d+)?|:\d+)$/;
const VERTEX_DATED = /^(.+?)(?:-v\d+)?@(\d{8})$/;
const VERTEX_VERSION = /@[^@/]*$/;
const DATED_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|20\d{6})$/;

/**
 * Candidate ids, most specific first, lower-cased and de-duplicated. The first is the name as
 * reported, except that pure wrappers (ARNs, `models/`, `publishers/…/models/`) are unwrapped
 * because the wrapper says nothing about price. Later entries drop one qualifier at a time.
 */
export function normalizeModelName(model: string): string[] {
  const candidates: string[] = [];
  const add = (name: string): void => {
    if (name !== '' && !candidates.includes(name)) candidates.push(name);
  };
  let name = unwrap(model.trim().toLowerCase());
  add(name);

  const slash = name.lastIndexOf('/');
  if (slash >= 0) {
    name = name.slice(slash + 1);
    add(name);
  }

  const vertex = VERTEX_DATED.exec(name);
  if (vertex) {
    name = `${vertex[1]}-${vertex[2]}`;
    add(name);
  } else if (VERTEX_VERSION.test(name)) {
    name = name.replace(VERTEX_VERSION, '');
    add(name);
  }

  for (const pattern of [BEDROCK_REGION, BEDROCK_VENDOR, BEDROCK_VERSION, DATED_SUFFIX]) {
    if (pattern.test(name)) {
      name = name.replace(pattern, '');
      add(name);
    }
  }

  // Azure deployments spell GPT-3.5 without the dot.
  if (name.startsWith('gpt-35-')) add(`gpt-3.5-${name.slice('gpt-35-'.length)}`);
  return candidates;
}

function unwrap(name: string): string {
  let inner = name;
  if (inner.startsWith('arn:')) inner = inner.slice(inner.lastIndexOf('/') + 1);
  const publisher = /(?:^|\/)publishers\/[^/]+\/models\/(.+)$/.exec(inner);
  if (publisher?.[1]) inner = publisher[1];
  if (inner.startsWith('models/')) inner = inner.slice('models/'.length);
  return inner;
}
