-- Names and column names of tables referenced by a foreign key but not read by the columns
-- query (they live in a schema left out by --schema). /*TABLE_OIDS*/ becomes an oid list.
SELECT c.oid::pg_catalog.int8 AS table_oid,
       n.nspname AS schema_name,
       c.relname AS table_name,
       a.attnum AS attnum,
       a.attname AS column_name
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.oid = ANY (ARRAY[/*TABLE_OIDS*/]::pg_catalog.oid[])
