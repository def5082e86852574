#include "fix/ExecutionLock.h"

#include "db/SqlQuoting.h"
#include "fix/AuditLog.h"

#include <QDeadlineTimer>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>

#include <spdlog/spdlog.h>

namespace migconsole {

namespace {

/// Shown to the next console in pg_stat_activity.application_name: who is applying.
QString applicationName()
{
    // application_name holds at most 63 bytes; the server cuts longer values itself.
    return QStringLiteral("migconsole apply (%1@%2)").arg(operatingSystemUser(), QSysInfo::machineHostName());
}

/// "pid 4711, user app, 'migconsole apply (alice@laptop)', from 10.0.0.5, since 14:02:11".
QString describeHolder(DbConnection &connection)
{
    QSqlQuery query(connection.database());
    const QString sql = QStringLiteral(
        "SELECT a.pid, a.usename, a.application_name, coalesce(host(a.client_addr), 'local'), "
        "to_char(a.backend_start, 'YYYY-MM-DD HH24:MI:SS TZ') "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %1 AND l.objid = %2 "
        "AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())")
                            .arg(ExecutionLock::kAdvisoryKey >> 32)
                            .arg(ExecutionLock::kAdvisoryKey & 0xffffffff);
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("another session (it could not be identified)");
    return QStringLiteral("pid %1, user %2, '%3', from %4, connected since %5")
        .arg(query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
             query.value(3).toString(), query.value(4).toString());
}

} // namespace

Expected<std::shared_ptr<ExecutionLock>> ExecutionLock::acquire(DbConnection &connection, int waitMs)
{
    if (connection.dialect() != Dialect::PostgreSQL)
        return std::shared_ptr<ExecutionLock>(new ExecutionLock(nullptr));

    QSqlQuery setName(connection.database());
    setName.exec(QStringLiteral("SET application_name = %1").arg(quoteLiteral(applicationName())));

    const QDeadlineTimer deadline(waitMs);
    for (;;) {
        QSqlQuery query(connection.database());
        if (!query.exec(QStringLiteral("SELECT pg_try_advisory_lock(%1)").arg(kAdvisoryKey)) || !query.next())
            return DbConnection::queryError(query, QStringLiteral("Cannot take the apply lock"));
        if (query.value(0).toBool())
            return std::shared_ptr<ExecutionLock>(new ExecutionLock(&connection));
        if (deadline.hasExpired())
            break;
        QThread::msleep(200);
    }
    return Error{ErrorCode::Query,
                 QStringLiteral("Another console is applying changes to %1 right now (%2); nothing was "
                                "run — try again when it has finished")
                     .arg(connection.displayUrl(), describeHolder(connection)),
                 {}};
}

ExecutionLock::~ExecutionLock()
{
    if (!m_connection)
        return;
    QSqlQuery query(m_connection->database());
    if (!query.exec(QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kAdvisoryKey)))
        spdlog::warn("could not release the apply lock (the session may be gone, which releases it)");
    query.exec(QStringLiteral("RESET application_name"));
}

} // namespace migconsole
