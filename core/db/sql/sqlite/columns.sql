-- Every column of every table in one pass: pragma_table_xinfo (unlike table_info) also
-- lists generated columns, with hidden = 2 (VIRTUAL) or 3 (STORED); hidden = 1 marks a
-- virtual table's hidden column. pk is the 1-based position in the primary key, 0 if none.
-- The schema argument 'main' keeps a same-named TEMP table from shadowing the real one.
SELECT m.name AS table_name,
       c.cid,
       c.name AS column_name,
       c.type AS declared_type,
       c."notnull" AS not_null,
       c.dflt_value AS default_sql,
       c.pk AS pk_position,
       c.hidden
FROM main.sqlite_schema m
JOIN pragma_table_xinfo(m.name, 'main') c
WHERE m.type = 'table'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name, c.cid
