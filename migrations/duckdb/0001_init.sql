-- Steps: one row per stored step, appended in bulk (CSV through read_csv). No primary key and no
-- ART index: idempotency on (trace_id, span_id) and usage re-decision are enforced by the writer's
-- in-memory TraceIndex (recent traces + a Bloom filter of every stored trace id), because an ART
-- index made every append 4-7x slower and degraded as the table grew.
-- Money is DECIMAL(38,15) (exact femto-dollars); start_time is TIMESTAMP_NS so reports can bucket
-- with date_trunc while keeping the span's exact nanoseconds. Rows arrive roughly in start_time
-- order, so zone maps on start_time bound per-trace scans and decision UPDATEs.
-- attributes is a JSON object of string values in a VARCHAR: segment queries read one key with
-- json_extract_string(attributes, '$."customer.id"') (quote the key: keys contain dots).
CREATE TABLE steps (
  trace_id VARCHAR NOT NULL,
  span_id VARCHAR NOT NULL,
  parent_span_id VARCHAR,
  kind VARCHAR NOT NULL,
  name VARCHAR NOT NULL,
  convention VARCHAR NOT NULL,
  model VARCHAR,
  request_model VARCHAR,
  provider VARCHAR,
  response_id VARCHAR,
  input_tokens BIGINT,
  output_tokens BIGINT,
  cache_read_tokens BIGINT,
  cache_write_tokens BIGINT,
  cache_write_1h_tokens BIGINT,
  reasoning_tokens BIGINT,
  usage_is_rollup BOOLEAN NOT NULL,
  provided_cost_usd DECIMAL(38, 15),
  service_tier VARCHAR,
  start_time TIMESTAMP_NS NOT NULL,
  duration_ns BIGINT NOT NULL,
  status VARCHAR NOT NULL,
  status_message VARCHAR NOT NULL,
  service_name VARCHAR,
  session_id VARCHAR,
  tool_name VARCHAR,
  -- The span's own link to a work unit (tokenledger.work_unit.id / .workflow / .attempt after the
  -- config's attribution mapping); reports spread it over the whole trace.
  work_unit_id VARCHAR,
  workflow VARCHAR,
  attempt VARCHAR,
  attributes VARCHAR NOT NULL,
  pricing_status VARCHAR NOT NULL,
  cost_usd DECIMAL(38, 15),
  input_cost_usd DECIMAL(38, 15),
  output_cost_usd DECIMAL(38, 15),
  price_source VARCHAR,
  price_id VARCHAR,
  price_version VARCHAR,
  usage_counted BOOLEAN NOT NULL,
  usage_exclusion VARCHAR
);
