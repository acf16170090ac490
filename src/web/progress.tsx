/**
 * Progressive rendering: each panel shows its own answer as soon as it arrives, a labelled
 * "counting…" placeholder (aria-busy) before, and its own error in its place, so one slow report
 * never holds the others.
 */
import type { ReactNode } from 'react';
import type { Loaded } from './api.js';
import { ErrorAlert } from './status.js';

/** The placeholder of a panel whose answer is still being counted. */
export function Counting(props: { what: string }) {
  return (
    <p className="counting" aria-busy="true" aria-live="polite" data-testid="counting">
      Counting {props.what}…
    </p>
  );
}

/** `children(data)` once `load` is ready; its placeholder or error until then. */
export function WhenReady<T>(props: {
  load: Loaded<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (props.load.state === 'error') return <ErrorAlert message={props.load.error} />;
  if (props.load.state === 'loading') return <Counting what={props.what} />;
  return <>{props.children(props.load.data)}</>;
}
