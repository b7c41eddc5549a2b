-- V5 expand: an index built without blocking writes.
-- Safe for old code: CREATE INDEX CONCURRENTLY holds SHARE UPDATE EXCLUSIVE on purchase_order,
-- which lets reads and writes go on; it waits instead for the transactions that were running
-- when it started. It cannot run inside a transaction block: Flyway detects CONCURRENTLY and runs
-- this script outside one (the .conf file states it). Flyway must then take its own lock at
-- session level (flyway.postgresql.transactional.lock=false, set by the rehearsal), or the index
-- build waits forever for Flyway's own lock-holding transaction (flyway/flyway#3682).
-- A build that failed (a lock timeout, say) leaves an INVALID index behind: the DROP removes it
-- before the retry builds it again.

DROP INDEX CONCURRENTLY IF EXISTS purchase_order_channel_created_at_idx;

CREATE INDEX CONCURRENTLY purchase_order_channel_created_at_idx ON purchase_order (channel, created_at);
