#pragma once

// Schema objects rendered as DDL, per dialect, for the fix planner (the inverse of what
// core/replay and the introspectors read). Internal to core/fix.

#include "schema/Schema.h"

#include <QString>
#include <QStringList>

namespace migconsole::fixddl {

/// The column's type as DDL: a user type named bare is qualified with its namespace
/// when the expected schema defines it there (PostgreSQL resolves bare names through
/// search_path, which need not include the table's schema).
QString typeSql(Dialect dialect, const Namespace *ns, const QString &type);

/// `"name" type [GENERATED …] [DEFAULT …] [NOT NULL]`; PostgreSQL serial columns become
/// serial / bigserial / smallserial so their sequence is created with them.
QString columnSql(Dialect dialect, const Namespace *ns, const Table &table, const Column &column);

/// A default as SQLite accepts it: literals, numbers and CURRENT_* as they are, anything
/// else in parentheses.
QString sqliteDefaultSql(const QString &expression);

QString primaryKeySql(Dialect dialect, const PrimaryKey &key); ///< [CONSTRAINT n] PRIMARY KEY (…)
QString uniqueSql(Dialect dialect, const UniqueConstraint &unique); ///< [CONSTRAINT n] UNIQUE (…)
QString checkSql(Dialect dialect, const CheckConstraint &check);    ///< [CONSTRAINT n] CHECK (…)
/// [CONSTRAINT n] FOREIGN KEY (…) REFERENCES t (…) ON DELETE … ON UPDATE … [DEFERRABLE …].
/// SQLite names the referenced table without a schema (it cannot reference another one).
QString foreignKeySql(Dialect dialect, const QString &ownerSchema, const ForeignKey &fk);

/// CREATE TABLE [IF NOT EXISTS] with columns, primary key, uniques, checks and the given
/// foreign keys (indexes are separate statements). `name` overrides the table's name (the
/// SQLite rebuild creates the new shape under a temporary name).
QString createTableSql(Dialect dialect, const Namespace *ns, const QString &schema,
                       const Table &table, const QList<ForeignKey> &foreignKeys, bool ifNotExists,
                       const QString &name = {});

/// CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] "n" ON t [USING m] (…) [INCLUDE …]
/// [WHERE …]. Column parts are quoted; expressions are kept as written. `owner` (the table
/// as the expected schema has it; may be null) tells columns from expressions.
QString createIndexSql(Dialect dialect, const QString &schema, const QString &table,
                       const Index &index, bool ifNotExists, bool concurrently,
                       const Table *owner);

/// One key part of an index as DDL: `"col" DESC`, `(lower(email))`. A part naming a column
/// of `owner` is that column whatever it contains (`a b`, `Größe`, `x"y`); without an owner,
/// only a plain ASCII name or a quoted one counts as a column.
QString indexPartSql(Dialect dialect, const QString &part, const Table *owner);

/// The name PostgreSQL's format_type() prints for a canonical type ("varchar(36)" →
/// "character varying(36)"); empty when the type has no modifier (compare by regtype).
QString pgFormatTypeSpelling(const QString &canonicalType);

/// "a, b" quoted.
QString columnListSql(Dialect dialect, const QStringList &columns);

} // namespace migconsole::fixddl
