-- One row per index that does not back a PRIMARY KEY / UNIQUE / EXCLUDE constraint (those
-- are reported as constraints). Unordered: the client sorts by name.
-- Key parts: the column name, or the deparsed expression for
-- expression slots (indkey 0), with DESC / NULLS as PostgreSQL prints them; INCLUDE
-- columns separately. Lists come back as JSON to avoid parsing array literals.
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       ic.relname AS index_name,
       i.indisunique AS is_unique,
       i.indisvalid AS is_valid,
       am.amname AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       (SELECT pg_catalog.json_agg(
                   CASE WHEN k.attnum <> 0 THEN a.attname::text
                        ELSE pg_catalog.pg_get_indexdef(i.indexrelid, k.ord::int, true) END
                   || CASE WHEN k.opt & 1 = 1 AND k.opt & 2 = 0 THEN ' DESC NULLS LAST'
                           WHEN k.opt & 1 = 1 THEN ' DESC'
                           WHEN k.opt & 2 = 2 THEN ' NULLS FIRST'
                           ELSE '' END
                   ORDER BY k.ord)
        FROM ROWS FROM (pg_catalog.unnest(i.indkey::pg_catalog.int2[]),
                        pg_catalog.unnest(i.indoption::pg_catalog.int2[]))
             WITH ORDINALITY AS k(attnum, opt, ord)
        LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE k.ord <= i.indnkeyatts) AS key_parts,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
        FROM pg_catalog.unnest(i.indkey::pg_catalog.int2[]) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
        WHERE k.ord > i.indnkeyatts) AS include_columns
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE t.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                  WHERE con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND e.objid = t.oid AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
