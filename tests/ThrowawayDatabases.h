#pragma once

// Databases of their own on the throwaway PostgreSQL server, for tests in which REAL Alembic
// builds a database and migconsole then reads or repairs it: one URL form for us, one for
// SQLAlchemy, created on demand (optionally from a template) and dropped at the end.

#include "TestSupport.h"

#include <QStringList>
#include <QTest>
#include <QThread>

#include <memory>

namespace migconsole::test {

class ThrowawayDatabases
{
public:
    /// Connects to the server (MIGCONSOLE_TEST_PG_URL); false after failing the test.
    bool open()
    {
        m_serverUrl = postgresUrl();
        if (m_serverUrl.isEmpty())
            return false;
        m_server = connectOrFail(m_serverUrl);
        return m_server != nullptr;
    }

    /// Our URL of `database` on the same server, with the same credentials.
    QString url(const QString &database) const
    {
        return m_serverUrl.left(m_serverUrl.lastIndexOf(QLatin1Char('/')) + 1) + database;
    }

    /// The same for SQLAlchemy (psycopg2 driver), as env.py hands it to Alembic.
    QString alembicUrl(const QString &database) const
    {
        QString sqlalchemy = url(database);
        sqlalchemy.replace(QStringLiteral("postgresql://"), QStringLiteral("postgresql+psycopg2://"));
        return sqlalchemy;
    }

    /// CREATE DATABASE, from `templateDb` when given; empty after failing the test. A
    /// template must have no sessions, and the backend of a just-finished migconsole or
    /// Alembic run may take a moment to go away: retried for a few seconds.
    QString create(const QString &prefix, const QString &templateDb = {})
    {
        const QString name = uniqueSchemaName(QStringLiteral("%1%2").arg(prefix).arg(++m_counter));
        const QString sql = templateDb.isEmpty()
                                ? QStringLiteral("CREATE DATABASE %1").arg(name)
                                : QStringLiteral("CREATE DATABASE %1 TEMPLATE %2").arg(name, templateDb);
        QString lastError;
        for (int attempt = 0; attempt < 50; ++attempt) {
            const auto done = m_server->exec(sql, QStringLiteral("create database"));
            if (done.ok()) {
                m_databases.append(name);
                return name;
            }
            lastError = done.error().toString();
            if (!lastError.contains(QLatin1String("being accessed by other users")))
                break;
            QThread::msleep(100);
        }
        QTest::qFail(qPrintable(QStringLiteral("%1: %2").arg(sql, lastError)), __FILE__, __LINE__);
        return {};
    }

    /// How many databases were created: a unique number for other per-test names.
    int counter() const { return m_counter; }

    void dropAll()
    {
        if (!m_server)
            return;
        for (const QString &name : std::as_const(m_databases))
            m_server->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name), {});
        m_databases.clear();
    }

private:
    QString m_serverUrl;
    std::unique_ptr<DbConnection> m_server;
    QStringList m_databases;
    int m_counter = 0;
};

} // namespace migconsole::test
