/** Placeholder until its page lands. */
export function WorkUnitPage(_props: { query: URLSearchParams; name?: string; id?: string }) {
  return <p>Coming next.</p>;
}
