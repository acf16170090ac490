-- Per-unit roll-up: one row per work unit with what unit reports need (attempts, token cost, retry
-- cost, minutes, first and last activity, the current outcome), so the workflows report
-- scans a million short rows instead of grouping every trace into attempts and units and joining
-- the current outcomes on each call. It is derived data: store/duckdb/unit-rollup.ts brings it up
-- to date before a unit report, recomputing only the units touched since the last refresh.
--
-- What changed since then is read from two watermarks: `trace_parts.part_seq` (every appended
-- roll-up part takes the next value of a sequence; one writer appends parts, one transaction at
-- a time, so a part committed later always has a higher number) and `unit_outcomes.arrival_seq`
-- (an outcome write that changes a unit's current record sets it to the new record's number).
-- The table is rebuilt rather than altered: DuckDB 1.5 cannot replay from its WAL an ALTER TABLE
-- ADD COLUMN whose default reads a sequence (the store would not open after a crash).
CREATE SEQUENCE trace_part_seq;
CREATE TABLE trace_parts_with_seq (
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
  unit_key UHUGEINT,
  part_seq BIGINT NOT NULL DEFAULT nextval('trace_part_seq')
);
INSERT INTO trace_parts_with_seq BY NAME SELECT * FROM trace_parts;
DROP TABLE trace_parts;
ALTER TABLE trace_parts_with_seq RENAME TO trace_parts;

-- Compaction (store/duckdb/trace-part-compaction.ts) keeps parts before and after the roll-up's
-- watermark apart and gives each merged part its side's highest number, so the numbers stay true.

CREATE TABLE unit_rollup (
  unit_key UHUGEINT NOT NULL,
  workflow VARCHAR NOT NULL,
  work_unit_id VARCHAR NOT NULL,
  -- from the unit's traces (0 / NULL for a unit known only by its outcome)
  attempts BIGINT NOT NULL,
  cost DECIMAL(38, 15) NOT NULL,
  retry_cost DECIMAL(38, 15) NOT NULL,
  step_minutes DOUBLE NOT NULL,
  first_seen TIMESTAMP_NS,
  last_seen TIMESTAMP_NS,
  unpriced BIGINT NOT NULL,
  usage_unknown BIGINT NOT NULL,
  -- the unit's earliest trace: its linking span's attributes give the unit's segment values
  link_trace VARCHAR,
  -- from the current outcome (NULL without one)
  status VARCHAR,
  resolved_by VARCHAR,
  value_usd DECIMAL(38, 15),
  human_minutes DOUBLE,
  occurred_at TIMESTAMP_NS
);

-- Watermarks of the last refresh; `built` is false until the first full build.
CREATE TABLE unit_rollup_state (
  built BOOLEAN NOT NULL,
  part_seq BIGINT NOT NULL,
  outcome_seq BIGINT NOT NULL
);
INSERT INTO unit_rollup_state VALUES (false, 0, 0);
