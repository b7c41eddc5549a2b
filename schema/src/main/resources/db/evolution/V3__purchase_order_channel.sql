-- V3 expand: a NOT NULL column with a default, then a backfill of the rows that existed before it.
-- Safe for old code: since PostgreSQL 11 ADD COLUMN with a constant default is a catalog change
-- (no table rewrite, the lock is held for an instant); old code never names `channel`, and its
-- inserts get the default 'web'. The rows that existed before the step are then marked 'legacy'
-- by id range, 5,000 rows per committed batch, so no transaction holds many row locks for long
-- and the orders the load places meanwhile are never touched.
-- Runs outside a transaction (V3__purchase_order_channel.sql.conf) so that every batch commits
-- on its own; a batch that already ran is skipped when an attempt is retried.

ALTER TABLE purchase_order ADD COLUMN IF NOT EXISTS channel varchar(16) NOT NULL DEFAULT 'web';

DO $$
DECLARE
    last_id bigint;
    upper_id bigint := (SELECT coalesce(max(id), 0) FROM purchase_order);
BEGIN
    last_id := 0;
    WHILE last_id < upper_id LOOP
        UPDATE purchase_order SET channel = 'legacy'
        WHERE id > last_id AND id <= least(last_id + 5000, upper_id) AND channel <> 'legacy';
        last_id := last_id + 5000;
        COMMIT;
    END LOOP;
END
$$;
