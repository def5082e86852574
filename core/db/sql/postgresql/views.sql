-- Views and materialized views with their normalised definitions.
SELECT n.nspname AS schema_name,
       c.relname AS view_name,
       c.relkind = 'm' AS is_materialized,
       pg_catalog.pg_get_viewdef(c.oid, true) AS definition
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND e.objid = c.oid AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
ORDER BY n.nspname, c.relname
