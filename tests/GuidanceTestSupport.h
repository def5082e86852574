#pragma once

// Shared by the guidance tests: a small Alembic project with a SQLite database beside it,
// run through the real drift check, and lookups into the report.

#include "db/DbConnection.h"
#include "demo/DemoDatabase.h"
#include "drift/DriftCheck.h"
#include "drift/Guidance.h"
#include "report/DriftReportFormat.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>


namespace migconsole::guidancetest {


/// A small Alembic project (a bare versions folder) and a SQLite database beside it.
class Fixture
{
public:
    Fixture() { QDir(m_dir.path()).mkpath(QStringLiteral("versions")); }

    /// Writes versions/<id>_<slug>.py with `body` as upgrade()'s statements (4-space indented).
    void revision(const QString &id, const QString &down, const QString &body,
                  const QString &slug = QStringLiteral("step"))
    {
        const QString downValue = down.isEmpty() ? QStringLiteral("None")
                                  : down.contains(QLatin1Char(','))
                                      ? QStringLiteral("(%1)").arg(down)
                                      : QStringLiteral("\"%1\"").arg(down);
        QString indented;
        for (const QString &line : body.split(QLatin1Char('\n')))
            indented += QStringLiteral("    ") + line + QLatin1Char('\n');
        const QString text =
            QStringLiteral("\"\"\"%1\n\nRevision ID: %2\n\"\"\"\nfrom alembic import op\n"
                           "import sqlalchemy as sa\n\nrevision = \"%2\"\ndown_revision = %3\n"
                           "branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n%4\n\n"
                           "def downgrade():\n    pass\n")
                .arg(slug, id, downValue, indented);
        QFile file(versions().filePath(id + QLatin1Char('_') + slug + QStringLiteral(".py")));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(text.toUtf8());
    }

    /// "<file>:<line>" of the first line of revision `id`'s script containing `needle`, as the
    /// report spells locations (relative to the versions folder).
    QString where(const QString &id, const QString &needle) const
    {
        const QStringList files = versions().entryList({id + QStringLiteral("_*.py")}, QDir::Files);
        if (files.size() != 1)
            return {};
        QFile file(versions().filePath(files.first()));
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (int i = 0; i < lines.size(); ++i) {
            if (lines[i].contains(needle))
                return files.first() + QLatin1Char(':') + QString::number(i + 1);
        }
        return {};
    }

    /// Creates the database from `ddl` (statements separated by ';') and records `versions`
    /// (comma-separated rows) in alembic_version.
    void database(const QString &ddl, const QString &versions)
    {
        ConnectionSettings settings;
        settings.url.dialect = Dialect::SQLite;
        settings.url.database = QDir(m_dir.path()).filePath(QStringLiteral("db.sqlite"));
        settings.createSqliteFile = true;
        auto connection = DbConnection::open(settings);
        QVERIFY2(connection, connection ? "" : qPrintable(connection.error().toString()));
        m_connection = std::move(connection).value();
        QStringList statements = ddl.split(QLatin1Char(';'), Qt::SkipEmptyParts);
        statements << QStringLiteral(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)");
        for (const QString &version : versions.split(QLatin1Char(','), Qt::SkipEmptyParts))
            statements << QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(version);
        for (const QString &sql : std::as_const(statements)) {
            if (sql.trimmed().isEmpty())
                continue;
            const auto done = m_connection->exec(sql.trimmed(), QStringLiteral("fixture"));
            QVERIFY2(done, done ? "" : qPrintable(done.error().toString()));
        }
    }

    DriftReport check(const QString &target = QStringLiteral("current"))
    {
        DriftRequest request;
        request.migrationsPath = versions().path();
        request.target = target;
        auto report = runDriftCheck(*m_connection, request);
        if (!report)
            qFatal("check failed: %s", qPrintable(report.error().toString()));
        return *report;
    }

private:
    QDir versions() const { return QDir(QDir(m_dir.path()).filePath(QStringLiteral("versions"))); }

    QTemporaryDir m_dir;
    std::unique_ptr<DbConnection> m_connection;
};

inline const Finding *findingOf(const DriftReport &report, FindingKind kind, const QString &table,
                         const QString &object = {})
{
    for (const Finding &f : report.drift) {
        if (f.kind == kind && f.table == table && (object.isEmpty() || f.object == object))
            return &f;
    }
    return nullptr;
}

inline const PreflightStep *stepOf(const DriftReport &report, const QString &op, const QString &table)
{
    for (const PreflightStep &s : report.steps) {
        if (s.op == op && s.table == table)
            return &s;
    }
    return nullptr;
}

inline QString describe(const Guidance &g)
{
    return QStringLiteral("[%1] %2\n%3\n%4\n%5")
        .arg(remedyKindName(g.remedy), g.headline, g.whatHappened, g.remedyText, g.incident);
}

inline QString describe(const DriftReport &report)
{
    return driftReportToText(report);
}

#define GUIDANCE_VERIFY(condition, guidance) QVERIFY2(condition, qPrintable(describe(guidance)))

inline const QString kBase =
    QStringLiteral("op.create_table(\"games\", sa.Column(\"id\", sa.Integer(), primary_key=True))");

} // namespace migconsole::guidancetest
