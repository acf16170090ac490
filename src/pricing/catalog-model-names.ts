/** Every model id the bundled catalog prices, with its provider: suggestions for a mistyped model. */
import { loadCatalogProviders } from './catalog-providers.js';

let names: readonly { model: string; provider: string }[] | null = null;

export function catalogModelNames(): readonly { model: string; provider: string }[] {
  names ??= loadCatalogProviders().all.flatMap((p) =>
    p.models.map((m) => ({ model: m.id, provider: p.id })),
  );
  return names;
}
