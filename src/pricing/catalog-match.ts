/**
 * Finding a catalog model for a step: the step's provider first (with the catalog's own
 * `fallback_model_providers` and dated-id rewrite), then a model-only search across providers.
 */
import type { ModelInfo, Provider } from '@pydantic/genai-prices';
import { type CatalogProviders, resolveCatalogProvider } from './catalog-providers.js';
import { matchesLogic } from './match-logic.js';

export interface CatalogMatch {
  /** The provider whose model list holds the match (a fallback provider when one was used). */
  readonly provider: Provider;
  readonly model: ModelInfo;
}

/**
 * Candidates are tried most specific first. Model-only search asks providers whose
 * `model_match` claims the name first (the package's own guess), then every provider, with
 * resellers (OpenRouter, Hugging Face routers) after first-party hosts.
 */
export function findCatalogModel(
  providers: CatalogProviders,
  stepProvider: string | null,
  candidates: readonly string[],
): CatalogMatch | null {
  const provider = resolveCatalogProvider(providers, stepProvider);
  if (provider) {
    for (const name of candidates) {
      const match = matchInProvider(providers, provider, name);
      if (match) return match;
    }
  }
  for (const name of candidates) {
    for (const claimant of providers.all) {
      if (claimant === provider || !claimant.model_match) continue;
      if (!matchesLogic(claimant.model_match, name)) continue;
      const match = matchInProvider(providers, claimant, name);
      if (match) return match;
    }
  }
  for (const name of candidates) {
    for (const candidate of searchOrder(providers)) {
      const model = firstMatching(candidate, name);
      if (model) return { provider: candidate, model };
    }
  }
  return null;
}

/** The package's `findModel`: the name, then its `-YYYYMMDD` → `-YYYY-MM-DD` rewrite. */
function matchInProvider(
  providers: CatalogProviders,
  provider: Provider,
  name: string,
): CatalogMatch | null {
  const direct = matchWithFallback(providers, provider, name);
  if (direct) return direct;
  const dashed = dashDates(name);
  return dashed === name ? null : matchWithFallback(providers, provider, dashed);
}

function matchWithFallback(
  providers: CatalogProviders,
  provider: Provider,
  name: string,
): CatalogMatch | null {
  const model = firstMatching(provider, name);
  if (model) return { provider, model };
  for (const id of provider.fallback_model_providers ?? []) {
    const fallback = providers.byId.get(id);
    const inherited = fallback ? firstMatching(fallback, name) : undefined;
    if (fallback && inherited) return { provider: fallback, model: inherited };
  }
  return null;
}

function firstMatching(provider: Provider, name: string): ModelInfo | undefined {
  return provider.models.find((model) => matchesLogic(model.match, name));
}

const DATE_IN_ID = /(-)(20\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=-|:|$)/g;

function dashDates(name: string): string {
  return name.replace(DATE_IN_ID, (whole, dash: string, y: string, m: string, d: string) => {
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    const valid = date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
    return valid ? `${dash}${y}-${m}-${d}` : whole;
  });
}

const ordered = new WeakMap<CatalogProviders, readonly Provider[]>();

function searchOrder(providers: CatalogProviders): readonly Provider[] {
  let order = ordered.get(providers);
  if (!order) {
    const reseller = (p: Provider): boolean =>
      p.id === 'openrouter' || p.id.startsWith('huggingface_');
    order = [...providers.all.filter((p) => !reseller(p)), ...providers.all.filter(reseller)];
    ordered.set(providers, order);
  }
  return order;
}
