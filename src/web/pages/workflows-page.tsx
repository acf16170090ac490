/** Placeholder until its page lands. */
export function WorkflowsPage(_props: { query: URLSearchParams; name?: string; id?: string }) {
  return <p>Coming next.</p>;
}
