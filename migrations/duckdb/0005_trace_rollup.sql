-- Per-trace roll-up parts: each write transaction appends one row per trace it touched, holding
-- that transaction's contribution (its new steps, and the cost moved by changed usage decisions as
-- signed deltas). Reports sum a trace's parts instead of grouping every step, so the workflows
-- report reads ~1 row per trace instead of ~8 per trace. Append-only, like steps: no index.
-- The link fields keep the earliest linking span of the part (its start in *_start), so the
-- earliest over all parts is the trace's link, exactly as the old per-step grouping chose it.
-- `continued` marks a part of a trace that already had parts: reports read the other traces'
-- single part as is and group only traces with continued parts, which the writer compacts back
-- to one part each from time to time (store/duckdb/trace-part-compaction.ts).
CREATE TABLE trace_parts (
  trace_id VARCHAR NOT NULL,
  continued BOOLEAN NOT NULL,
  unit_start TIMESTAMP_NS,
  work_unit_id VARCHAR,
  link_attributes VARCHAR,
  workflow_start TIMESTAMP_NS,
  workflow VARCHAR,
  attempt_start TIMESTAMP_NS,
  attempt VARCHAR,
  started TIMESTAMP_NS,
  last_seen TIMESTAMP_NS,
  cost DECIMAL(38, 15) NOT NULL,
  step_minutes DOUBLE NOT NULL,
  unpriced BIGINT NOT NULL,
  usage_unknown BIGINT NOT NULL,
  -- md5_number(coalesce(workflow, '(no workflow)') || chr(0) || work_unit_id): reports group and
  -- join units on this fixed-width key (store/duckdb/unit-key.ts computes the same in TypeScript).
  unit_key UHUGEINT
);
INSERT INTO trace_parts
SELECT *, CASE WHEN work_unit_id IS NOT NULL
  THEN md5_number(coalesce(workflow, '(no workflow)') || chr(0) || work_unit_id) END
FROM (SELECT trace_id, false AS continued,
  min(start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS unit_start,
  arg_min(work_unit_id, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS work_unit_id,
  arg_min(attributes, start_time) FILTER (WHERE work_unit_id IS NOT NULL) AS link_attributes,
  min(start_time) FILTER (WHERE workflow IS NOT NULL) AS workflow_start,
  arg_min(workflow, start_time) FILTER (WHERE workflow IS NOT NULL) AS workflow,
  min(start_time) FILTER (WHERE attempt IS NOT NULL) AS attempt_start,
  arg_min(attempt, start_time) FILTER (WHERE attempt IS NOT NULL) AS attempt,
  min(start_time), max(start_time),
  coalesce(sum(cost_usd) FILTER (WHERE usage_counted AND pricing_status = 'priced'), 0),
  coalesce(sum(TRY_CAST(json_extract_string(attributes, '$."tokenledger.human.minutes"') AS DOUBLE))
    FILTER (WHERE kind = 'human'), 0),
  count(*) FILTER (WHERE usage_counted AND pricing_status = 'unpriced'),
  count(*) FILTER (WHERE usage_counted AND pricing_status = 'usage_unknown')
FROM steps GROUP BY trace_id);

ALTER TABLE outcomes ADD COLUMN unit_key UHUGEINT;
UPDATE outcomes SET unit_key = md5_number(workflow || chr(0) || work_unit_id);
