-- Primary keys, unique, check and foreign-key constraints of every table, one row each.
-- Unordered: the client sorts by name.
-- Column lists are raw attnum arrays ("{2,1}", in constraint order): the client names them
-- from the columns query (by table_oid), and looks up the few referenced tables it has not
-- read (another schema under --schema). Only CHECK expressions are deparsed here.
-- Actions are pg_constraint's letters (a no action, r restrict, c cascade, n set null,
-- d set default).
SELECT con.conrelid::pg_catalog.int8 AS table_oid,
       con.conname AS constraint_name,
       con.contype AS kind,
       con.conkey::pg_catalog.text AS columns,
       con.confrelid::pg_catalog.int8 AS ref_table_oid,
       con.confkey::pg_catalog.text AS ref_columns,
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
WHERE con.contype IN ('p', 'u', 'c', 'f')
  AND t.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND t.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e -- extension members, by the reference index
                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                      AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
