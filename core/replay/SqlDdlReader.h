#pragma once

#include "replay/Operation.h"

#include <QString>

namespace migconsole {

/// Operations of the DDL statements in `sql` (one op.execute text, possibly several statements).
/// `location` is the op.execute call's file:line (every produced Operation gets it).
///
/// Read, for PostgreSQL and SQLite (keywords case-insensitive; "quoted" names verbatim, bare
/// names lower-cased on PostgreSQL as the server folds them; `schema.name` split into
/// Operation::schema and the name):
/// CREATE [UNLOGGED] TABLE, DROP TABLE, ALTER TABLE (ADD/DROP COLUMN, ALTER COLUMN TYPE /
/// SET/DROP NOT NULL / SET/DROP DEFAULT, ADD/DROP CONSTRAINT, RENAME TO, RENAME COLUMN; several
/// comma-separated actions), CREATE/DROP INDEX, CREATE TYPE … AS ENUM, DROP TYPE and
/// COMMENT ON TABLE. Tables are typed as typeOperations types op.create_table: canonical
/// types, PostgreSQL's derived constraint names, serial = integer + autoIncrement, SQLite's
/// INTEGER PRIMARY KEY = autoIncrement. IF [NOT] EXISTS sets Operation::conditional. A
/// REFERENCES without a column list leaves ForeignKey::referencedColumns empty (= the
/// referenced table's primary key, which only the replayer knows).
///
/// Statements that leave the compared schema alone (DML, transactions, SET, GRANT, COMMENT
/// ON other objects, views, functions, triggers, sequences, extensions, DO blocks, temporary
/// tables) give nothing. Other DDL, and anything malformed, gives one ReplayWarning at
/// `location` naming the statement; in a multi-action ALTER TABLE one per action not read,
/// the others still apply. Never throws.
TypedOperations readSqlDdl(const QString &sql, const SourceLocation &location, Dialect dialect);

} // namespace migconsole
