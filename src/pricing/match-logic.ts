/**
 * The catalog's `MatchLogic` evaluated exactly as genai-prices does (case-insensitive string
 * tests, regexes as written) but with each regex compiled once.
 */
import type { MatchLogic } from '@pydantic/genai-prices';

const compiled = new Map<string, RegExp>();

/** `name` must already be lower-cased and trimmed, as the package does before matching. */
export function matchesLogic(logic: MatchLogic, name: string): boolean {
  if ('or' in logic) return logic.or.some((inner) => matchesLogic(inner, name));
  if ('and' in logic) return logic.and.every((inner) => matchesLogic(inner, name));
  if ('equals' in logic) return name === logic.equals.toLowerCase();
  if ('starts_with' in logic) return name.startsWith(logic.starts_with.toLowerCase());
  if ('ends_with' in logic) return name.endsWith(logic.ends_with.toLowerCase());
  if ('contains' in logic) return name.includes(logic.contains.toLowerCase());
  if ('regex' in logic) return regexFor(logic.regex).test(name);
  return false;
}

function regexFor(source: string): RegExp {
  let regex = compiled.get(source);
  if (!regex) {
    regex = new RegExp(source);
    compiled.set(source, regex);
  }
  return regex;
}
