/**
 * Provider vocabularies of every convention mapped to OTel `gen_ai.provider.name` well-known
 * values (telemetry-mapping.md §1, §5 rule 7, H12). Unknown providers pass through lower-cased.
 */

export const PROVIDER_ALIASES: Readonly<Record<string, string>> = {
  openai: 'openai',
  anthropic: 'anthropic',
  aws: 'aws.bedrock',
  bedrock: 'aws.bedrock',
  'amazon-bedrock': 'aws.bedrock',
  amazon: 'aws.bedrock',
  'aws.bedrock': 'aws.bedrock',
  google: 'gcp.gemini',
  gemini: 'gcp.gemini',
  'google.generative-ai': 'gcp.gemini',
  'gcp.gemini': 'gcp.gemini',
  vertex_ai: 'gcp.vertex_ai',
  vertexai: 'gcp.vertex_ai',
  'google.vertex': 'gcp.vertex_ai',
  'google-vertex': 'gcp.vertex_ai',
  'gcp.vertex_ai': 'gcp.vertex_ai',
  'gcp.gen_ai': 'gcp.gen_ai',
  azure_openai: 'azure.ai.openai',
  'az.ai.openai': 'azure.ai.openai',
  'azure-openai': 'azure.ai.openai',
  'azure.ai.openai': 'azure.ai.openai',
  azure: 'azure.ai.inference',
  'az.ai.inference': 'azure.ai.inference',
  'azure.ai.inference': 'azure.ai.inference',
  mistralai: 'mistral_ai',
  mistral: 'mistral_ai',
  mistral_ai: 'mistral_ai',
  xai: 'x_ai',
  x_ai: 'x_ai',
  cohere: 'cohere',
  deepseek: 'deepseek',
  groq: 'groq',
  perplexity: 'perplexity',
  moonshot: 'moonshot_ai',
  moonshot_ai: 'moonshot_ai',
  'ibm.watsonx.ai': 'ibm.watsonx.ai',
  watsonx: 'ibm.watsonx.ai',
};

/**
 * AI SDK provider ids carry an API suffix (`openai.chat`, `anthropic.messages`,
 * `google.vertex.anthropic`): the longest dotted or dashed prefix with an alias wins.
 */
export function normalizeProvider(raw: string | null): string | null {
  if (raw === null) return null;
  const lower = raw.trim().toLowerCase();
  if (lower === '') return null;
  const exact = PROVIDER_ALIASES[lower];
  if (exact !== undefined) return exact;
  let cut = lower.length;
  while (cut > 0) {
    cut = Math.max(lower.lastIndexOf('.', cut - 1), lower.lastIndexOf('-', cut - 1));
    if (cut <= 0) break;
    const alias = PROVIDER_ALIASES[lower.slice(0, cut)];
    if (alias !== undefined) return alias;
  }
  return lower;
}
