/**
 * A small history router: the path picks the page, the query string holds the shared view
 * (since, until, workflow) so a URL reproduces what its sender saw.
 */
import { type MouseEvent, type ReactNode, useEffect, useState } from 'react';
import { attributeParams } from './api.js';

export const VIEW_KEYS = ['since', 'until', 'workflow', 'team'] as const;
export type ViewKey = (typeof VIEW_KEYS)[number];

export interface Location {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<() => void>();

function current(): Location {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  for (const listener of listeners) listener();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => setLocation(current());
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return location;
}

/** The path with the current view's filters carried over, plus any overrides (empty removes). */
export function withView(path: string, overrides: Partial<Record<ViewKey, string>> = {}): string {
  const from = new URLSearchParams(window.location.search);
  const next = new URLSearchParams();
  for (const key of VIEW_KEYS) {
    const value = key in overrides ? overrides[key] : from.get(key);
    if (value) next.set(key, value);
  }
  // Business attribute filters (attr.KEY=value) travel with the view too.
  for (const [key, value] of attributeParams(from)) next.set(key, value);
  const query = next.toString();
  return query ? `${path}?${query}` : path;
}

export function Link(props: {
  to: string;
  children: ReactNode;
  className?: string;
  current?: boolean;
}) {
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(props.to);
  };
  return (
    <a
      href={props.to}
      onClick={onClick}
      className={props.className}
      aria-current={props.current ? 'page' : undefined}
    >
      {props.children}
    </a>
  );
}
