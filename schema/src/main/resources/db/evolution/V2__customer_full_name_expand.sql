-- V2 expand: rename customer.name to full_name, first half (add, write both, backfill, prove NOT NULL).
-- Safe for old code: it reads and writes only `name`, which stays as it was; a trigger copies
-- `name` into `full_name` on every insert and update (and the other way for new code that writes
-- only `full_name`), so the database bridges "write both" while old and new code run side by side.
-- Locks: ADD COLUMN (nullable, no default) and CREATE TRIGGER take their table lock for an instant
-- (the session's lock_timeout bounds the wait); the backfill updates 5,000 rows per committed
-- batch, and NOT NULL is proven by a CHECK added NOT VALID (no scan) and then validated under
-- SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes. V6 turns it into a real NOT NULL
-- without a scan.
-- Runs outside a transaction (V2__customer_full_name_expand.sql.conf) so that every batch commits
-- on its own; every statement can run again after an attempt gave up on a lock.

ALTER TABLE customer ADD COLUMN IF NOT EXISTS full_name varchar(10000);

CREATE OR REPLACE FUNCTION customer_full_name_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.full_name := coalesce(NEW.full_name, NEW.name);
        NEW.name := coalesce(NEW.name, NEW.full_name);
    ELSIF NEW.name IS DISTINCT FROM OLD.name THEN
        NEW.full_name := NEW.name;
    ELSIF NEW.full_name IS DISTINCT FROM OLD.full_name THEN
        NEW.name := NEW.full_name;
    END IF;
    RETURN NEW;
END
$$;

CREATE OR REPLACE TRIGGER customer_full_name_sync
    BEFORE INSERT OR UPDATE ON customer
    FOR EACH ROW EXECUTE FUNCTION customer_full_name_sync();

DO $$
DECLARE
    updated integer;
BEGIN
    LOOP
        UPDATE customer SET full_name = name
        WHERE id IN (SELECT id FROM customer WHERE full_name IS NULL ORDER BY id LIMIT 5000);
        GET DIAGNOSTICS updated = ROW_COUNT;
        EXIT WHEN updated = 0;
        COMMIT;
    END LOOP;
END
$$;

ALTER TABLE customer DROP CONSTRAINT IF EXISTS customer_full_name_not_null;
ALTER TABLE customer ADD CONSTRAINT customer_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID;
ALTER TABLE customer VALIDATE CONSTRAINT customer_full_name_not_null;
