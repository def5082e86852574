-- One row per table of the main database with its original CREATE TABLE text: SQLite
-- keeps no catalogue of CHECKs, constraint names or generation expressions, so the
-- introspector reads them from this text. Internal sqlite_* tables are skipped.
SELECT m.name AS table_name,
       m.sql AS create_sql
FROM main.sqlite_schema m
WHERE m.type = 'table'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name
