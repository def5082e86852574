-- The introspection floor for bench/run.sh: every catalogue fact `migconsole schema` reports,
-- fetched the conventional way, by plain catalogue queries through `psql -At` with the
-- server-side deparsers (format_type, pg_get_expr, pg_get_indexdef) and per-row JSON
-- aggregates for column lists. It is frozen here on purpose: it is the yardstick, the
-- queries the console shipped before issue 6 (git show 94a84eb:core/db/sql/postgresql/),
-- so changing the console's own queries cannot move it.
SET search_path = '';
-- Every user schema (also empty ones), without system schemas and extension-owned ones.
SELECT n.nspname AS schema_name
FROM pg_catalog.pg_namespace n
WHERE n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass
                    AND e.objid = n.oid AND e.deptype = 'e')
  AND true
ORDER BY n.nspname
;
-- One row per column of every ordinary or partitioned table; a table without columns
-- yields one row whose column_name is NULL. Serial columns are those owning a sequence
-- (pg_depend deptype 'a'); identity columns own theirs with deptype 'i' instead.
-- Comments come from joins on pg_description, not obj_description()/col_description(),
-- which run a query per row. A default cannot refer to a column, so it is deparsed
-- without opening the table (relation 0): several times faster on large catalogues;
-- generation expressions do refer to columns and need the table. Ordered by oid (cheap); only column order matters here.
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
       owned.refobjid IS NOT NULL AS owns_sequence
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
  AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e
                  WHERE e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                    AND e.objid = c.oid AND e.deptype = 'e')
  AND true
ORDER BY c.oid, a.attnum
;
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
  AND true
;
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
  AND true
;
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
  AND true
GROUP BY n.nspname, t.typname
ORDER BY n.nspname, t.typname
;
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
  AND true
ORDER BY n.nspname, c.relname
;
