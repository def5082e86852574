#pragma once

// The rows of PostgreSQL's catalogue queries (core/db/sql/postgresql) as the introspector
// reads them: parsed where they are read, on the main connection or the side one, and
// applied to the Schema once the columns (which name every attnum) are known.

#include "db/DbConnection.h"
#include "db/Introspector.h"
#include "schema/Schema.h"
#include "util/Error.h"

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>
#include <vector>

namespace migconsole::pgcatalog {

/// A JSON array of strings (json_agg) as a list; empty for NULL.
QStringList jsonStrings(const QVariant &value);

/// The numbers of an attnum list as PostgreSQL prints it: "{2,1}" (int2[]) or "2 1"
/// (int2vector); empty for NULL.
QList<int> attnumList(const QVariant &value);

/// An index key's order as PostgreSQL prints it after the column (indoption bits: 1 DESC,
/// 2 NULLS FIRST; DESC implies NULLS FIRST).
QLatin1String keyOrderSuffix(int option);

/// pg_get_viewdef's text without its leading blank and trailing ';'.
QString viewBody(const QVariant &definition);

/// A constraints row (constraints.sql).
struct ConstraintRow
{
    qint64 tableOid = 0;
    QString name;
    QChar kind;
    QList<int> columns;
    qint64 referencedTableOid = 0;
    QList<int> referencedColumns;
    ReferentialAction onUpdate = ReferentialAction::NoAction;
    ReferentialAction onDelete = ReferentialAction::NoAction;
    bool deferrable = false;
    bool initiallyDeferred = false;
    bool validated = true;
    QString checkExpression;
};
ConstraintRow parseConstraint(const QSqlQuery &q);

/// An indexes row (indexes.sql): the Index without its column names, and what names them.
struct IndexRow
{
    qint64 tableOid = 0;
    Index index;
    QList<int> attnums;
    QList<int> options;
    int keyCount = 0;
    QStringList deparsedKeys;
};
IndexRow parseIndex(const QSqlQuery &q);

/// The constraint and index rows, from whichever connection read them.
struct KeyRows
{
    std::vector<ConstraintRow> constraints;
    std::vector<IndexRow> indexes;
};

using RowHandler = std::function<void(const QSqlQuery &)>;

/// Runs the catalogue query `name` on `connection`, handing each row to `handler`; checks
/// the cancel flag between rows.
std::optional<Error> runCatalogQuery(DbConnection &connection, const IntrospectOptions &options,
                                     const QString &name, const RowHandler &handler);

/// The constraints and indexes queries into `rows`.
std::optional<Error> readKeyRows(DbConnection &connection, const IntrospectOptions &options,
                                 KeyRows *rows);

/// The same on a second connection opened with `settings`, in a transaction on `snapshot`
/// (exported by the main connection): both see exactly the same catalogue. Runs on its own
/// thread; the outcome lands in `failure` (nullopt when all went well).
void readKeyRowsOnSide(const ConnectionSettings &settings, const QString &snapshot,
                       const IntrospectOptions &options, KeyRows *rows, std::optional<Error> *failure);

} // namespace migconsole::pgcatalog
