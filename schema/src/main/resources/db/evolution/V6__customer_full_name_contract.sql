-- V6 contract: rename customer.name to full_name, last half (read the new column, drop the old).
-- NOT safe for old code: it drops customer.name, which code built for V1 still reads and writes;
-- only code that reads full_name may run from here on. This is the step the rehearsal measures:
-- which library notices at start-up and which only at the first failing call.
-- Locks: one transaction under ACCESS EXCLUSIVE on customer, held for an instant: SET NOT NULL
-- does not scan, because the CHECK validated in V2 already proves it (PostgreSQL 12+), and
-- DROP COLUMN only marks the column dropped. The not-blank rule moves to full_name: every row
-- already passed it on name, so the new CHECK is added NOT VALID and validated.

ALTER TABLE customer ALTER COLUMN full_name SET NOT NULL;
ALTER TABLE customer DROP CONSTRAINT customer_full_name_not_null;
DROP TRIGGER customer_full_name_sync ON customer;
DROP FUNCTION customer_full_name_sync();
ALTER TABLE customer DROP COLUMN name;
ALTER TABLE customer ADD CONSTRAINT customer_full_name_not_blank CHECK (length(btrim(full_name)) > 0) NOT VALID;
ALTER TABLE customer VALIDATE CONSTRAINT customer_full_name_not_blank;
