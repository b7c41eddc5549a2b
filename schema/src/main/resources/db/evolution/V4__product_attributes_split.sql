-- V4 expand: table split, product.attributes copied into a table of its own.
-- Safe for old code: product keeps its attributes column and old code keeps reading and writing
-- it; a trigger upserts every insert and every change of product.attributes into
-- product_attributes, and the backfill copies the existing rows 5,000 ids at a time, each batch
-- committed on its own. The trigger is created before the backfill, and the backfill never
-- overwrites a row (ON CONFLICT DO NOTHING), so a write racing the copy always wins.
-- Locks: CREATE TABLE ... REFERENCES product and CREATE TRIGGER take SHARE ROW EXCLUSIVE on
-- product for an instant (writers wait at most that long, readers not at all).
-- Runs outside a transaction (V4__product_attributes_split.sql.conf): committed batches, and
-- every statement can run again after an attempt gave up on a lock.

CREATE TABLE IF NOT EXISTS product_attributes (
    product_id  bigint PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
    attributes  jsonb NOT NULL DEFAULT '{}'::jsonb,
    CONSTRAINT product_attributes_object CHECK (jsonb_typeof(attributes) = 'object')
);

CREATE OR REPLACE FUNCTION product_attributes_sync() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO product_attributes (product_id, attributes) VALUES (NEW.id, NEW.attributes)
    ON CONFLICT (product_id) DO UPDATE SET attributes = EXCLUDED.attributes;
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER product_attributes_sync
    AFTER INSERT OR UPDATE OF attributes ON product
    FOR EACH ROW EXECUTE FUNCTION product_attributes_sync();

DO $$
DECLARE
    last_id bigint := 0;
    upper_id bigint := (SELECT coalesce(max(id), 0) FROM product);
BEGIN
    WHILE last_id < upper_id LOOP
        INSERT INTO product_attributes (product_id, attributes)
        SELECT id, attributes FROM product WHERE id > last_id AND id <= last_id + 5000
        ON CONFLICT (product_id) DO NOTHING;
        last_id := last_id + 5000;
        COMMIT;
    END LOOP;
END
$$;
