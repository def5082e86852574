-- set up; not a statement
CREATE TABLE a (x text DEFAULT ';');
/* DROP TABLE z; */
DO $body$ BEGIN EXECUTE 'DROP TABLE b; CREATE TABLE c (y int)'; END $body$;
CREATE INDEX ix_a ON a (x);