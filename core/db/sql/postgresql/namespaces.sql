-- Every user schema (also empty ones), without system schemas and extension-owned ones.
SELECT n.nspname AS schema_name
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    AND e.objid = n.oid AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
ORDER BY n.nspname
