-- Outcomes: append-only records of what became of each work unit. The latest record of a unit
-- (by occurred_at, then arrival_seq) is its outcome; earlier ones stay as history. Money is
-- DECIMAL(38,15) (exact femto-dollars); attributes a JSON object of string values.
CREATE TABLE outcomes (
  arrival_seq BIGINT NOT NULL,
  work_unit_id VARCHAR NOT NULL,
  workflow VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  resolved_by VARCHAR,
  human_minutes DOUBLE NOT NULL,
  review_minutes DOUBLE,
  correction_minutes DOUBLE,
  overridden BOOLEAN NOT NULL,
  value_usd DECIMAL(38, 15),
  attributes VARCHAR NOT NULL,
  occurred_at TIMESTAMP_NS NOT NULL
);

CREATE VIEW latest_outcomes AS
SELECT * EXCLUDE (rn) FROM (
  SELECT *, row_number() OVER (PARTITION BY workflow, work_unit_id ORDER BY occurred_at DESC, arrival_seq DESC) AS rn
  FROM outcomes
) WHERE rn = 1;
