-- One row per index that does not back a PRIMARY KEY / UNIQUE / EXCLUDE constraint (those
-- are reported as constraints). Unordered: the client sorts by name.
-- Key and INCLUDE columns come raw (indkey attnums, indoption bits: 1 DESC, 2 NULLS FIRST;
-- the first indnkeyatts are keys) and the client names them from the columns query. Only
-- indexes with an expression slot (attnum 0) have their key parts deparsed, all of them,
-- so the client takes the expression slots from that list.
SELECT i.indrelid::pg_catalog.int8 AS table_oid,
       ic.relname AS index_name,
       i.indisunique AS is_unique,
       i.indisvalid AS is_valid,
       am.amname AS method,
       pg_catalog.pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
       i.indkey::pg_catalog.text AS key_attnums,
       i.indoption::pg_catalog.text AS key_options,
       i.indnkeyatts AS key_count,
       CASE WHEN 0 = ANY (i.indkey::pg_catalog.int2[])
            THEN (SELECT pg_catalog.json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k)
                  FROM pg_catalog.generate_series(1, i.indnkeyatts::int) AS k) END AS deparsed_keys
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
JOIN pg_catalog.pg_am am ON am.oid = ic.relam
WHERE t.relkind IN ('r', 'p')
  AND n.nspname NOT LIKE 'pg\_%'
  AND n.nspname <> 'information_schema'
  AND i.indexrelid NOT IN (SELECT con.conindid FROM pg_catalog.pg_constraint con
                           WHERE con.contype IN ('p', 'u', 'x'))
  AND t.oid NOT IN (SELECT e.objid FROM pg_catalog.pg_depend e -- extension members, by the reference index
                    WHERE e.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                      AND e.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                      AND e.deptype = 'e')
  AND /*NAMESPACE_FILTER*/
