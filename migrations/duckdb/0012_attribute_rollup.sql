-- Each unit's business attribute values, kept beside the waste roll-up (migration 0009) and
-- derived the same way (store/duckdb/derived-rollup.ts, attribute-rollup-sql.ts), so the waste
-- analysis and the spend flow filtered on a business attribute read the roll-ups instead of
-- joining every step with every trace (5-7 s at a million units). A unit's value of a key is its
-- current outcome's, else its earliest trace's linking span's; identity keys and tokenledger's
-- own are not kept (a filter on one still reads the steps). Derived from the unit roll-up's rows
-- (each unit's earliest trace), units known only by their outcome included, again whenever the
-- unit roll-up's refresh notes a unit (its traces or its outcome changed).
CREATE TABLE unit_attributes (
  unit_key UHUGEINT NOT NULL,
  key VARCHAR NOT NULL,
  value VARCHAR NOT NULL
);

-- Units whose rows must be derived again, noted by every unit roll-up refresh and cleared by the
-- attribute roll-up's refresh before a read filtered on an attribute.
CREATE TABLE attribute_pending_units (unit_key UHUGEINT NOT NULL);

-- false until the first full build (the first filtered read after this migration), and again
-- after the unit roll-up rebuilt every unit.
CREATE TABLE attribute_rollup_state (built BOOLEAN NOT NULL);
INSERT INTO attribute_rollup_state VALUES (false);
