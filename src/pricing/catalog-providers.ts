/**
 * The bundled genai-prices provider list, snapshotted once at load, and the map from OTel
 * `gen_ai.provider.name` values to its provider ids. Never triggers the package's remote update.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findProvider, type Provider } from '@pydantic/genai-prices';
import { matchesLogic } from './match-logic.js';

/**
 * The package exports no list of its providers, so the ids are listed here; a test checks that
 * each resolves and that every `fallback_model_providers` target is listed.
 */
export const CATALOG_PROVIDER_IDS: readonly string[] = [
  'anthropic',
  'arcee',
  'avian',
  'aws',
  'azure',
  'baseten',
  'cerebras',
  'cloudflare',
  'cohere',
  'cursor',
  'deepseek',
  'doubleword',
  'fireworks',
  'github-copilot',
  'google',
  'groq',
  'huggingface_cerebras',
  'huggingface_fireworks-ai',
  'huggingface_groq',
  'huggingface_hyperbolic',
  'huggingface_nebius',
  'huggingface_novita',
  'huggingface_nscale',
  'huggingface_ovhcloud',
  'huggingface_publicai',
  'huggingface_sambanova',
  'huggingface_together',
  'minimax',
  'mistral',
  'modal',
  'moonshotai',
  'novita',
  'openai',
  'openrouter',
  'ovhcloud',
  'perplexity',
  'quicksilverpro',
  'together',
  'typesafe',
  'voyageai',
  'x-ai',
  'zai',
  'zhipuai',
];

/** OTel well-known provider values (and common spellings) whose catalog id differs or is ambiguous. */
const OTEL_TO_CATALOG: Readonly<Record<string, string>> = {
  'aws.bedrock': 'aws',
  bedrock: 'aws',
  'gcp.vertex_ai': 'google',
  'gcp.gemini': 'google',
  'gcp.gen_ai': 'google',
  vertex_ai: 'google',
  gemini: 'google',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  azure_openai: 'azure',
  mistral_ai: 'mistral',
  x_ai: 'x-ai',
  xai: 'x-ai',
  moonshot_ai: 'moonshotai',
  together_ai: 'together',
  fireworks_ai: 'fireworks',
};

export interface CatalogProviders {
  /** Catalog order (alphabetical by id), as the package holds them. */
  readonly all: readonly Provider[];
  readonly byId: ReadonlyMap<string, Provider>;
}

export function loadCatalogProviders(): CatalogProviders {
  const byId = new Map<string, Provider>();
  for (const id of CATALOG_PROVIDER_IDS) {
    // findProvider reads the bundled data; the remote update only runs if updatePrices() was called.
    const provider = findProvider({ providerId: id });
    if (provider?.id === id) byId.set(id, provider);
  }
  return { all: [...byId.values()], byId };
}

/** The catalog provider for a step's provider name, or null when none is known. */
export function resolveCatalogProvider(
  providers: CatalogProviders,
  stepProvider: string | null,
): Provider | null {
  if (stepProvider === null) return null;
  const name = stepProvider.trim().toLowerCase();
  if (name === '') return null;
  const direct = providers.byId.get(OTEL_TO_CATALOG[name] ?? name);
  if (direct) return direct;
  // The package's own rule: the first provider whose provider_match accepts the name.
  for (const provider of providers.all) {
    if (provider.provider_match && matchesLogic(provider.provider_match, name)) return provider;
  }
  return null;
}

/** `genai-prices@<installed version>`, read from the installed package's manifest. */
export function readCatalogVersion(): string {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@pydantic/genai-prices');
  const manifest: unknown = JSON.parse(
    readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8'),
  );
  const version =
    typeof manifest === 'object' && manifest !== null && 'version' in manifest
      ? String(manifest.version)
      : 'unknown';
  return `genai-prices@${version}`;
}
