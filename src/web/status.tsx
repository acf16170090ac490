/** What a page shows while loading, on an API error, and when no data has arrived yet. */
import type { ReactNode } from 'react';
import type { Loaded } from './api.js';

export function ErrorAlert(props: { message: string }) {
  return (
    <div role="alert">
      <strong>The API answered with an error.</strong> {props.message}
    </div>
  );
}

export function EmptyState() {
  const origin = window.location.origin;
  return (
    <div className="empty" data-testid="empty-state">
      <h2>No work units yet</h2>
      <p>
        Send OpenTelemetry traces of your agents to <code>{origin}/v1/traces</code> (OTLP/HTTP,
        protobuf or JSON), with <code>tokenledger.work_unit.id</code> and{' '}
        <code>tokenledger.workflow</code> on the span that starts each unit, and post outcomes to{' '}
        <code>{origin}/v1/outcomes</code>.
      </p>
      <p>
        Or fill this server with a simulated enterprise:{' '}
        <code>tokenledger demo --url {origin}</code>
      </p>
    </div>
  );
}

/** Renders children once every load is ready; the first error is shown as an alert. */
export function Ready(props: { loads: Loaded<unknown>[]; children: () => ReactNode }) {
  for (const load of props.loads) {
    if (load.state === 'error') return <ErrorAlert message={load.error} />;
  }
  if (props.loads.some((load) => load.state === 'loading')) {
    return <p aria-live="polite">Loading…</p>;
  }
  return (
    <>
      <StaleNote loads={props.loads} />
      {props.children()}
    </>
  );
}

/**
 * One note for the page when any answer shown predates the latest data, or was kept from before a
 * restart: it is being refreshed. The date is shown when it is not today's.
 */
export function StaleNote(props: { loads: Loaded<unknown>[] }) {
  const staleSince = props.loads
    .map((load) => (load.state === 'ready' ? load.staleSince : null))
    .filter((since): since is string => typeof since === 'string')
    .sort()[0];
  if (!staleSince) return null;
  const today = new Date().toISOString().slice(0, 10);
  const day = staleSince.slice(0, 10);
  const when = `${day === today ? '' : `${day} `}${staleSince.slice(11, 19)} UTC`;
  return (
    <p className="note" role="status" data-testid="stale-note">
      Figures as of {when}: being brought up to date, reload in a moment.
    </p>
  );
}
