-- Steps: one row per stored step. Money is DECIMAL(38,15) (exact femto-dollars); start_time is
-- TIMESTAMP_NS so reports can bucket with date_trunc while keeping the span's exact nanoseconds.
-- attributes is MAP(VARCHAR, VARCHAR): segment queries read attributes['key'] natively (no JSON
-- parse per row) and the shape matches ClickHouse Map(String, String).
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
  attributes MAP(VARCHAR, VARCHAR) NOT NULL,
  pricing_status VARCHAR NOT NULL,
  cost_usd DECIMAL(38, 15),
  input_cost_usd DECIMAL(38, 15),
  output_cost_usd DECIMAL(38, 15),
  price_source VARCHAR,
  price_id VARCHAR,
  price_version VARCHAR,
  usage_counted BOOLEAN NOT NULL,
  usage_exclusion VARCHAR,
  PRIMARY KEY (trace_id, span_id)
);

-- One row per trace: the time span of its stored steps bounds every per-trace scan of steps
-- (zone maps on start_time), and the counts tell whether usage counting needs re-deciding.
CREATE TABLE traces (
  trace_id VARCHAR PRIMARY KEY,
  first_start_time TIMESTAMP_NS NOT NULL,
  last_start_time TIMESTAMP_NS NOT NULL,
  steps BIGINT NOT NULL,
  usage_steps BIGINT NOT NULL
);
