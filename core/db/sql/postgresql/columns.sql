-- One row per column of every ordinary or partitioned table; a table without columns
-- yields one row whose column_name is NULL. Serial columns are those owning a sequence
-- (pg_depend deptype 'a'); identity columns own theirs with deptype 'i' instead.
-- Comments come from joins on pg_description, not obj_description()/col_description(),
-- which run a query per row. A default cannot refer to a column, so it is deparsed
-- without opening the table (relation 0): several times faster on large catalogues;
-- generation expressions do refer to columns and need the table. Ordered by oid (cheap); only column order matters here.
-- The table's oid and each column's attnum let the constraint and index queries send raw
-- attnum arrays that the client names (a correlated subquery per constraint cost seconds).
-- Extension-owned tables are one hashed list, not a pg_depend probe per table.
SELECT n.nspname AS schema_name,
       c.relname AS table_name,
       td.description AS table_comment,
       a.attname AS column_name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS column_type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0)
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END AS default_expr,
       a.attidentity AS identity,
       a.attgenerated AS generated,
       cd.description AS column_comment,
       owned.refobjid IS NOT NULL AS owns_sequence,
       c.oid::pg_catalog.int8 AS table_oid,
       a.attnum AS attnum
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_attribute a
       ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
LEFT JOIN pg_catalog.pg_description td
       ON td.objoid = c.oid AND td.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND td.objsubid = 0
LEFT JOIN pg_catalog.pg_description cd
       ON cd.objoid = c.oid AND cd.classoid = 'pg_catalog.pg_class'::pg_catalog.regclass
      AND cd.objsubid = a.attnum
LEFT JOIN (SELECT DISTINCT dep.refobjid, dep.refobjsubid
           FROM pg_catalog.pg_depend dep
           JOIN pg_catalog.pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
           WHERE dep.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
             AND dep.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
             AND dep.deptype = 'a') owned
       ON owned.refobjid = c.oid AND owned.refobjsubid = a.attnum
WHERE c.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND c.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e -- extension members, by the reference index
                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                      AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
ORDER BY c.oid, a.attnum
