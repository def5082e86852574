-- Primary keys, unique, check and foreign-key constraints of every table, one row each.
-- Unordered: the client sorts by name.
-- Column lists in constraint order as JSON; actions as pg_constraint's letters
-- (a no action, r restrict, c cascade, n set null, d set default).
SELECT n.nspname AS schema_name,
       t.relname AS table_name,
       con.conname AS constraint_name,
       con.contype AS kind,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
        FROM pg_catalog.unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum)
           AS columns,
       rn.nspname AS ref_schema,
       rt.relname AS ref_table,
       (SELECT pg_catalog.json_agg(a.attname ORDER BY k.ord)
        FROM pg_catalog.unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
        JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum)
           AS ref_columns,
       con.confupdtype AS on_update,
       con.confdeltype AS on_delete,
       con.condeferrable AS is_deferrable,
       con.condeferred AS is_deferred,
       con.convalidated AS is_validated,
       CASE WHEN con.contype = 'c'
            THEN pg_catalog.pg_get_expr(con.conbin, con.conrelid, true) END AS check_expr
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class t ON t.oid = con.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
LEFT JOIN pg_catalog.pg_class rt ON rt.oid = con.confrelid
LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rt.relnamespace
WHERE con.contype IN ('p', 'u', 'c', 'f')
  AND t.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND e.objid = t.oid AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
