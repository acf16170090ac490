-- The store-wide totals (GET /api/v1/spend/totals) read counted steps and their tokens from the
-- per-trace roll-up instead of scanning every step (10M steps: ~0.4 s). Each part holds its
-- transaction's new counted steps and tokens; changed usage decisions append signed parts, as
-- they do for cost (store/duckdb/trace-part-sql.ts).
-- Rebuilt rather than altered, as in 0008: DuckDB 1.5 cannot replay from its WAL an ALTER TABLE of
-- a table with a column whose default reads a sequence (`part_seq`), so the store would not open
-- after a crash.
CREATE TABLE trace_parts_counted (
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
  steps BIGINT NOT NULL DEFAULT 0,
  input_tokens BIGINT NOT NULL DEFAULT 0,
  output_tokens BIGINT NOT NULL DEFAULT 0,
  unpriced_input_tokens BIGINT NOT NULL DEFAULT 0,
  unpriced_output_tokens BIGINT NOT NULL DEFAULT 0,
  unit_key UHUGEINT,
  part_seq BIGINT NOT NULL DEFAULT nextval('trace_part_seq')
);

-- Parts written before this carry no counts: each trace's earliest part takes its steps' counts
-- as they stand now, so every trace's parts sum to them.
INSERT INTO trace_parts_counted BY NAME
WITH counts AS (
  SELECT trace_id, count(*) AS steps, coalesce(sum(input_tokens), 0) AS input,
    coalesce(sum(output_tokens), 0) AS output,
    coalesce(sum(input_tokens) FILTER (WHERE pricing_status = 'unpriced'), 0) AS unpriced_input,
    coalesce(sum(output_tokens) FILTER (WHERE pricing_status = 'unpriced'), 0) AS unpriced_output
  FROM steps WHERE usage_counted GROUP BY trace_id
), firsts AS (SELECT trace_id, min(part_seq) AS part_seq FROM trace_parts GROUP BY trace_id)
SELECT p.*, coalesce(c.steps, 0) AS steps, coalesce(c.input, 0) AS input_tokens,
  coalesce(c.output, 0) AS output_tokens, coalesce(c.unpriced_input, 0) AS unpriced_input_tokens,
  coalesce(c.unpriced_output, 0) AS unpriced_output_tokens
FROM trace_parts p
  LEFT JOIN firsts f ON f.trace_id = p.trace_id AND f.part_seq = p.part_seq
  LEFT JOIN counts c ON c.trace_id = f.trace_id;
DROP TABLE trace_parts;
ALTER TABLE trace_parts_counted RENAME TO trace_parts;
