#pragma once

#include "db/DbConnection.h"
#include "schema/Schema.h"
#include "util/Expected.h"

#include <QStringList>

#include <atomic>

namespace migconsole {

struct IntrospectOptions
{
    QStringList namespaces;                   ///< only these schemas; empty = all user schemas
    const std::atomic<bool> *cancel = nullptr; ///< checked between queries and every few rows
    /// PostgreSQL: read constraints and indexes on a second connection while the columns
    /// are read, both on one exported snapshot (as `pg_dump -j` does), so a 10,000-table
    /// catalogue takes the longest query's time rather than their sum. Only for a
    /// connection with no transaction of its own open (the read runs in one). Falls back to
    /// one connection when a second cannot be opened.
    bool sideConnection = false;
};

/// Reads the whole structure of the connected database into a Schema: a fixed handful of
/// set-based catalogue queries (never one per table). The result is sorted by name
/// (columns keep their ordinal order) and column types are canonical.
Expected<Schema> introspect(DbConnection &connection, const IntrospectOptions &options);

/// The per-dialect readers behind introspect().
Expected<Schema> introspectPostgres(DbConnection &connection, const IntrospectOptions &options);
Expected<Schema> introspectSqlite(DbConnection &connection, const IntrospectOptions &options);

/// The text of a catalogue query kept as a resource file (":/sql/<dialect>/<name>.sql").
QString catalogQuery(Dialect dialect, const QString &name);

/// True when `options.cancel` is set; the error to return in that case.
bool cancelRequested(const IntrospectOptions &options);
Error cancelledError();

} // namespace migconsole
