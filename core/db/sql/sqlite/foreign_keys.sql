-- One row per column pair of every foreign key; rows with the same id form one key, in
-- seq order. "table" and "to" are spelled as written in the DDL; "to" is NULL when the
-- clause names no columns (the referenced table's primary key is meant).
SELECT m.name AS table_name,
       f.id,
       f.seq,
       f."table" AS referenced_table,
       f."from" AS column_name,
       f."to" AS referenced_column,
       f.on_update,
       f.on_delete
FROM main.sqlite_schema m
JOIN pragma_foreign_key_list(m.name, 'main') f
WHERE m.type = 'table'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name, f.id, f.seq
