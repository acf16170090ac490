/** Catalog models whose names are closest to a mistyped one (edit distance, then shared prefix). */
import { catalogModelNames } from '../../pricing/index.js';

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(
        Math.min((row[j - 1] ?? 0) + 1, (previous[j] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}

export function closeCatalogModels(name: string, limit = 5): string[] {
  const wanted = name.trim().toLowerCase();
  const unique = [...new Set(catalogModelNames().map((n) => n.model))];
  return unique
    .map((model) => ({ model, d: distance(wanted, model.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.model.localeCompare(b.model))
    .slice(0, limit)
    .map((m) => m.model);
}
