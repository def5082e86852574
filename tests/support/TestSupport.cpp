#include "TestSupport.h"

#include <QDateTime>
#include <QProcess>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace migconsole::test {

QString postgresUrl()
{
    const QString url = qEnvironmentVariable("MIGCONSOLE_TEST_PG_URL");
    if (url.isEmpty())
        QTest::qFail("MIGCONSOLE_TEST_PG_URL is not set: run scripts/test.sh, which starts a "
                     "throwaway PostgreSQL server for the tests",
                     __FILE__, __LINE__);
    return url;
}

std::unique_ptr<DbConnection> connectOrFail(const QString &url)
{
    const auto parsed = ConnectionUrl::parse(url);
    if (!parsed) {
        QTest::qFail(qPrintable(parsed.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    ConnectionSettings settings;
    settings.url = *parsed;
    auto connection = DbConnection::open(settings);
    if (!connection) {
        QTest::qFail(qPrintable(connection.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(connection).value();
}

bool execScript(DbConnection &connection, const QString &sql)
{
    for (const QString &statement : sql.split(QStringLiteral(";\n"), Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery query(connection.database());
        if (!query.exec(statement)) {
            const QString message = QStringLiteral("statement failed: %1\n%2")
                                        .arg(statement.trimmed(), query.lastError().text());
            QTest::qFail(qPrintable(message), __FILE__, __LINE__);
            return false;
        }
    }
    return true;
}

QString uniqueSchemaName(const QString &prefix)
{
    return QStringLiteral("%1_%2_%3")
        .arg(prefix)
        .arg(QDateTime::currentMSecsSinceEpoch() % 100000000)
        .arg(QRandomGenerator::global()->bounded(100000));
}

QString migconsoleBinary() { return QStringLiteral(MIGCONSOLE_BINARY); }

int runMigconsole(const QStringList &arguments, QByteArray *out, QByteArray *err,
                  const QStringList &extraEnvironment, int timeoutMs)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString &assignment : extraEnvironment) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        env.insert(assignment.left(eq), assignment.mid(eq + 1));
    }
    process.setProcessEnvironment(env);
    process.start(migconsoleBinary(), arguments);
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        return -1;
    }
    if (out)
        *out = process.readAllStandardOutput();
    if (err)
        *err = process.readAllStandardError();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
}

ConnectionSettings settingsFor(const ConnectionUrl &url)
{
    ConnectionSettings settings;
    settings.url = url;
    return settings;
}

} // namespace migconsole::test
