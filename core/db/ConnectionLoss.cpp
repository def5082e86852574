#include "db/ConnectionLoss.h"

#include <QSqlError>
#include <QSqlQuery>

namespace migconsole {

bool connectionLost(DbConnection &connection)
{
    QSqlQuery probe(connection.database());
    if (probe.exec(QStringLiteral("SELECT 1")))
        return false;
    // A live server answers every failure with an SQLSTATE (25P02 in an aborted transaction);
    // a gone session has none, or a connection-class one (08…, 57P0x shutdown/terminated).
    const QString state = probe.lastError().nativeErrorCode();
    return state.isEmpty() || state.startsWith(QLatin1String("08")) ||
           state.startsWith(QLatin1String("57P"));
}

Error connectionLostError(const QString &displayUrl, const QString &during, const Error &cause)
{
    return Error{ErrorCode::Connect,
                 QStringLiteral("Lost the connection to %1 while %2: the server closed the session "
                                "(it restarted or shut down, the session was terminated, or the "
                                "network dropped). Connect again and retry")
                     .arg(displayUrl, during),
                 cause.toString()};
}

Error explainConnectionLoss(DbConnection &connection, const QString &during, const Error &cause)
{
    if (cause.code == ErrorCode::Cancelled || !connectionLost(connection))
        return cause;
    return connectionLostError(connection.displayUrl(), during, cause);
}

} // namespace migconsole
