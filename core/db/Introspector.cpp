#include "db/Introspector.h"

#include <QFile>

namespace migconsole {

Expected<Schema> introspect(DbConnection &connection, const IntrospectOptions &options)
{
    switch (connection.dialect()) {
    case Dialect::PostgreSQL:
        return introspectPostgres(connection, options);
    case Dialect::SQLite:
        return introspectSqlite(connection, options);
    case Dialect::MySQL:
        break;
    }
    return Error{ErrorCode::Connect, QStringLiteral("MySQL/MariaDB is not supported yet"), {}};
}

QString catalogQuery(Dialect dialect, const QString &name)
{
    QFile file(QStringLiteral(":/sql/%1/%2.sql").arg(dialectName(dialect), name));
    if (!file.open(QIODevice::ReadOnly)) // a missing resource is a build bug, not user input
        qFatal("catalogue query %s/%s.sql is not compiled in", qPrintable(dialectName(dialect)),
               qPrintable(name));
    return QString::fromUtf8(file.readAll());
}

bool cancelRequested(const IntrospectOptions &options)
{
    return options.cancel && options.cancel->load(std::memory_order_relaxed);
}

Error cancelledError()
{
    return Error{ErrorCode::Cancelled, QStringLiteral("Reading the schema was cancelled"), {}};
}

} // namespace migconsole
