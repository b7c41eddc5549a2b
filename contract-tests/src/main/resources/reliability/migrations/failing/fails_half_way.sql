-- R6.2: a migration that fails half-way. Everything before the failing statement (new column,
-- new table, a row, a narrowed type) must be rolled back with it: PostgreSQL's DDL is
-- transactional, and Flyway runs each migration in one transaction. R6.2 applies it as the version
-- right after the suite's schema (V1.1 on V1); on the evolution track's V6, which has no
-- customer.name, the INSERT is the statement that fails.
ALTER TABLE customer ADD COLUMN loyalty_points integer NOT NULL DEFAULT 0;
CREATE TABLE audit_note (id bigint PRIMARY KEY, note text NOT NULL);
INSERT INTO customer (email, name) VALUES ('half-way@example.com', 'Half-way migration');
ALTER TABLE product ALTER COLUMN price TYPE numeric(8, 2);
SELECT 1 / 0;
CREATE TABLE never_created (id bigint);
