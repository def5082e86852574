#pragma once

// Faults made to happen at a known moment, for test_faults_postgres.cpp and
// gui_test_faults_postgres.cpp: a PostgreSQL server of the test's own that can be restarted
// under a running statement, a session that holds a lock, and a wait until the victim is
// seen blocked on it in pg_stat_activity (a condition, never a guessed sleep).

#include "TestSupport.h"
#include "db/DbConnection.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QProcess>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <memory>

namespace migconsole::test::faults {

/// scripts/pg-test-cluster.sh of this source tree.
inline QString clusterScript()
{
    return QDir::cleanPath(QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/../../scripts/pg-test-cluster.sh"));
}

/// A throwaway cluster only this test process uses, so restarting it disturbs no other
/// test running in parallel. Stopped and removed when destroyed.
class OwnCluster
{
public:
    OwnCluster() = default;
    OwnCluster(const OwnCluster &) = delete;
    OwnCluster &operator=(const OwnCluster &) = delete;
    ~OwnCluster()
    {
        if (!m_dir.isEmpty())
            script({QStringLiteral("stop"), m_dir});
    }

    /// Starts it; false after failing the test. Not in a QTemporaryDir: its 0700 folder
    /// would keep out the unprivileged user the server runs as (the script's note).
    bool start()
    {
        m_dir = QDir::tempPath() + QStringLiteral("/migconsole-faults-%1-%2")
                                       .arg(QCoreApplication::applicationPid())
                                       .arg(reinterpret_cast<quintptr>(this), 0, 16);
        QByteArray out;
        if (!script({QStringLiteral("start"), m_dir}, &out))
            return false;
        m_url = QString::fromUtf8(out).trimmed();
        return !m_url.isEmpty();
    }

    /// pg_ctl restart with shutdown `mode` ("fast" ends every session, "immediate" kills the
    /// server like a crash); returns once it accepts connections again.
    bool restart(const QString &mode = QStringLiteral("fast"))
    {
        return script({QStringLiteral("restart"), m_dir, mode});
    }

    QString url() const { return m_url; }

private:
    bool script(const QStringList &arguments, QByteArray *out = nullptr)
    {
        QProcess process;
        process.start(QStringLiteral("bash"), QStringList{clusterScript()} + arguments);
        if (!process.waitForFinished(120000) || process.exitCode() != 0) {
            QTest::qFail(qPrintable(QStringLiteral("pg-test-cluster.sh %1 failed: %2")
                                        .arg(arguments.join(QLatin1Char(' ')),
                                             QString::fromUtf8(process.readAllStandardError()))),
                         __FILE__, __LINE__);
            return false;
        }
        if (out)
            *out = process.readAllStandardOutput();
        return true;
    }

    QString m_dir;
    QString m_url;
};

/// One value of the first row of `sql`, or "<error: …>".
inline QString scalar(DbConnection &connection, const QString &sql)
{
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<error: %1>").arg(DbConnection::queryError(query, {}).detail);
    return query.value(0).toString();
}

/// A session that holds `LOCK TABLE relation IN mode MODE` in an open transaction until
/// release() (or destruction): what a long report query or a forgotten transaction does.
class LockHolder
{
public:
    bool hold(const QString &url, const QString &relation, const QString &mode)
    {
        m_session = connectOrFail(url);
        if (!m_session)
            return false;
        return m_session->database().transaction() &&
               m_session->exec(QStringLiteral("LOCK TABLE %1 IN %2 MODE").arg(relation, mode),
                               QStringLiteral("take the lock"));
    }
    void release()
    {
        if (m_session)
            m_session->database().rollback(); // fails harmlessly when the server went away
        m_session.reset();
    }
    ~LockHolder() { release(); }

private:
    std::unique_ptr<DbConnection> m_session;
};

/// Waits (up to `timeoutMs`) until some other session's statement containing `fragment`
/// waits for a lock; returns its pid, or 0 after failing the test. `processEvents` keeps a
/// window's event loop turning while we wait.
inline qint64 waitForLockWait(DbConnection &monitor, const QString &fragment, int timeoutMs = 15000,
                              bool processEvents = false)
{
    const QDeadlineTimer deadline(timeoutMs);
    QString last;
    while (!deadline.hasExpired()) {
        QSqlQuery query(monitor.database());
        query.prepare(QStringLiteral("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                                     "AND pid <> pg_backend_pid() AND strpos(query, ?) > 0"));
        query.addBindValue(fragment);
        if (query.exec() && query.next())
            return query.value(0).toLongLong();
        last = DbConnection::queryError(query, {}).detail;
        if (processEvents)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(20); // polling a condition: the fault starts only once it holds
    }
    QTest::qFail(qPrintable(QStringLiteral("no session waited for a lock in a statement with '%1' %2")
                                .arg(fragment, last)),
                 __FILE__, __LINE__);
    return 0;
}

} // namespace migconsole::test::faults
