/**
 * The dashboard's view filters on a query string: from/to, team, workflow and at most one business
 * attribute as `attr.KEY=value`. A second attribute is a 400 naming the rule.
 */
import type { Context } from 'hono';
import { type FlowQuery, NO_TEAM, parseRange, RangeError400 } from '../../analysis/index.js';
import type { Store } from '../../store/index.js';

export function parseViewFilters(c: Context): FlowQuery {
  const query: FlowQuery = parseRange(c.req.query('from'), c.req.query('to'));
  const team = c.req.query('team');
  const workflow = c.req.query('workflow');
  if (team) query.team = team;
  if (workflow) query.workflow = workflow;
  const attributes = Object.entries(c.req.query()).filter(([k]) => k.startsWith('attr.'));
  if (attributes.length > 1)
    throw new RangeError400(
      `attr.*: at most one business attribute filter is supported; got ${attributes.map(([k]) => k).join(', ')}`,
    );
  const [attribute] = attributes;
  if (attribute) {
    const key = attribute[0].slice('attr.'.length);
    if (key === '' || attribute[1] === '')
      throw new RangeError400('attr.KEY: both the key and the value must be non-empty');
    query.attribute = { key, value: attribute[1] };
  }
  return query;
}

/** Whether a workflow belongs to the team (its baseline's); `(no team)` holds workflows without one. */
export async function teamFilter(
  store: Store,
  team: string,
): Promise<(workflow: string) => boolean> {
  const teams = new Map((await store.listBaselines()).map((b) => [b.workflow, b.team]));
  return (workflow) => (teams.get(workflow) || NO_TEAM) === team;
}
