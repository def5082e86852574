#pragma once

// Catalogue conditions for the PostgreSQL planner's DO blocks: "does the object already
// exist with this definition?" as SQL, so a second run of a plan finds everything in
// place and changes nothing. Internal to core/fix.

#include "schema/Schema.h"

#include <QString>
#include <QStringList>

namespace migconsole::fixplan::guards {

/// '"s"."t"'::regclass
QString regclass(const QString &schema, const QString &table);

/// Conditions on a pg_constraint row aliased `c`.
QString uniqueMatches(const UniqueConstraint &unique, const QString &contype);
QString checkMatches(const CheckConstraint &check);
QString foreignKeyMatches(const ForeignKey &resolvedKey);

/// A stable name for a CHECK the expected schema leaves unnamed, so the guard can find it
/// again: "<table>_check_<8 hex digits of the expression's md5>".
QString generatedCheckName(const QString &table, const QString &expression);

/// EXISTS (…): the column is of `canonicalType` (spelled `typeSql` in DDL) right now.
QString columnHasType(const QString &schema, const QString &table, const QString &column,
                      const QString &canonicalType, const QString &typeSql);

/// A SELECT returning a row when an index named like `index` exists in the schema with
/// another definition (other table, uniqueness, method, key parts, INCLUDE or predicate).
QString indexNamedButDifferent(const QString &schema, const QString &table, const Index &index);

} // namespace migconsole::fixplan::guards
