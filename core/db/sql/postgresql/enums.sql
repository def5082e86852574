-- Enum types with their labels in sort order; extension-owned types are left out.
SELECT n.nspname AS schema_name,
       t.typname AS enum_name,
       pg_catalog.json_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
JOIN pg_catalog.pg_enum e ON e.enumtypid = t.oid
WHERE t.typtype = 'e'
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend x
                  WHERE x.classid = 'pg_catalog.pg_type'::pg_catalog.regclass
                    AND x.objid = t.oid AND x.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname
