#pragma once

#include "drift/Finding.h"
#include "drift/OriginMap.h"
#include "schema/Schema.h"

#include <QList>
#include <QStringList>

namespace migconsole {

struct DiffOptions
{
    /// Tables never compared: a bare name matches in every namespace, "schema.table" in
    /// one. Default: Alembic's own version table.
    QStringList ignoreTables = {QStringLiteral("alembic_version")};
    /// Namespaces to compare; empty = every namespace the expected schema names (a
    /// database's other schemas are not the scripts' business).
    QStringList namespaces;
    /// Whether objects the expected schema never mentions are listed (extra_*, info).
    bool reportExtras = true;
};

/// Compares what the schema should be with what it is and lists the differences as data,
/// sorted by schema, table, kind (FindingKind order), object name. `origins` (may be null)
/// gives each finding about an expected object its revision and file:line.
///
/// Per kind — severity, fixable (= `fix` can repair it without losing data):
/// * missing_table, missing_column, missing_index, missing_foreign_key, missing_unique,
///   missing_check: error, fixable (creating loses nothing; it may fail on existing rows,
///   which the executor reports). A same-named index / constraint with another definition
///   is reported as missing with both definitions: replacing it loses no data either.
/// * missing_primary_key: error; fixable when the table has no primary key; when it has
///   one on other columns, expected and actual show both and it is not fixable (dropping a
///   key that foreign keys may depend on is not an automatic repair). A primary key that
///   differs only by name is no finding.
/// * type_mismatch: error; fixable only for widenings (smallint → integer → bigint,
///   real → double precision, varchar(n) → varchar(m ≥ n) / varchar / text,
///   numeric(p,s) → numeric with at least as many integer and fraction digits or unbounded).
/// * nullability_mismatch: warning; fixable both ways (DROP NOT NULL loses nothing; SET
///   NOT NULL loses nothing either — it fails if NULLs exist). Primary-key and identity
///   columns count as NOT NULL on both sides.
/// * default_mismatch: warning; fixable (SET / DROP DEFAULT touch no row) unless either side
///   is an identity, a generated column or a sequence (serial) default.
/// * extra_table, extra_column, extra_index, extra_foreign_key: info, never fixable (a drop
///   loses data or is not ours to decide). Extra PKs, uniques and checks have no kind in
///   CLI.md and are not reported.
///
/// Texts: missing_column / extra_column carry the column's type; constraint findings the
/// constraint's definition (an unnamed constraint has nothing else to identify it);
/// missing_table / missing_index / extra_table / extra_index only their names (the
/// schemas hold the definitions), except that a same-named index with another definition
/// shows both. Mismatches show both sides as written, not as normalised ("" = no default).
/// Not compared: column order, comments, enums, views, sequences' options, collations.
QList<Finding> diffSchemas(const Schema &expected, const Schema &actual,
                           const OriginMap *origins = nullptr, const DiffOptions &options = {});

} // namespace migconsole
