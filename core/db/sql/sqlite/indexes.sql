-- One row per key part of every index (key = 1 drops the trailing rowid/PK parts SQLite
-- appends). origin: 'c' CREATE INDEX, 'u' UNIQUE constraint, 'pk' PRIMARY KEY (a rowid
-- table has none for an INTEGER PRIMARY KEY alias). cid -2 is an expression part, whose
-- text only the CREATE INDEX sql holds; auto-indexes have no sql.
SELECT m.name AS table_name,
       l.name AS index_name,
       l."unique" AS is_unique,
       l.origin,
       l.partial,
       x.seqno,
       x.cid,
       x.name AS column_name,
       x."desc" AS is_desc,
       s.sql AS create_sql
FROM main.sqlite_schema m
JOIN pragma_index_list(m.name, 'main') l
JOIN pragma_index_xinfo(l.name, 'main') x
LEFT JOIN main.sqlite_schema s ON s.type = 'index' AND s.name = l.name
WHERE m.type = 'table'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
  AND x."key" = 1
ORDER BY m.name, l.name, x.seqno
