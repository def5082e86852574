-- Views with their original CREATE VIEW text; the definition is the part after AS.
SELECT m.name AS view_name,
       m.sql AS create_sql
FROM main.sqlite_schema m
WHERE m.type = 'view'
  AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
ORDER BY m.name
