// `migconsole fix` against real Alembic on the throwaway PostgreSQL server: a half-applied
// revision (a run died after creating its first table) is completed and stamped, after
// which REAL `alembic current` agrees and REAL `alembic upgrade head` succeeds; drift made
// by hand is repaired so that `check` is clean, a second apply has nothing to do, and every
// row survives.

#include "DriftTestSupport.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::drift;

class TestFixAlembicPostgres : public QObject
{
    Q_OBJECT

    QString m_serverUrl;
    std::unique_ptr<DbConnection> m_server;
    QTemporaryDir m_temp;
    QString m_project;
    QStringList m_databases;
    int m_counter = 0;

    QString ourUrl(const QString &database) const
    {
        return m_serverUrl.left(m_serverUrl.lastIndexOf(QLatin1Char('/')) + 1) + database;
    }
    QString alembicUrl(const QString &database) const
    {
        QString url = ourUrl(database);
        url.replace(QStringLiteral("postgresql://"), QStringLiteral("postgresql+psycopg2://"));
        return url;
    }
    QString createDatabase(const QString &prefix)
    {
        const QString name = uniqueSchemaName(QStringLiteral("%1%2").arg(prefix).arg(++m_counter));
        if (!m_server->exec(QStringLiteral("CREATE DATABASE %1").arg(name), QStringLiteral("create database")))
            return {};
        m_databases.append(name);
        return name;
    }
    RealAlembic alembicOn(const QString &database) const { return RealAlembic(m_project, alembicUrl(database)); }

    QString scalar(const QString &database, const QString &sql)
    {
        auto db = connectOrFail(ourUrl(database));
        if (!db)
            return {};
        QSqlQuery query(db->database());
        if (!query.exec(sql) || !query.next())
            return QStringLiteral("<error: %1>").arg(DbConnection::queryError(query, {}).detail);
        return query.value(0).toString();
    }

    CliRun fix(const QString &database, const QStringList &extra)
    {
        return runCli(QStringList{QStringLiteral("fix"), QStringLiteral("--db"), ourUrl(database),
                                  QStringLiteral("--migrations"), m_project, QStringLiteral("--format"),
                                  QStringLiteral("json")} +
                      extra);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(), "no python3 imports alembic: install python3-alembic (Debian)");
        m_serverUrl = postgresUrl();
        QVERIFY(!m_serverUrl.isEmpty());
        m_server = connectOrFail(m_serverUrl);
        QVERIFY(m_server);
        m_project = m_temp.filePath(QStringLiteral("project"));
        QVERIFY(makeProject(QStringLiteral("postgresql"), m_project, alembicUrl(QStringLiteral("unused"))));
    }

    void cleanupTestCase()
    {
        if (!m_server)
            return;
        for (const QString &name : std::as_const(m_databases))
            m_server->exec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name), {});
    }

    /// The half-created-table incident: revision 7's run died after its first statement.
    void halfAppliedRevisionIsCompletedThenAlembicUpgrades()
    {
        const QString database = createDatabase(QStringLiteral("fix_half"));
        QVERIFY(!database.isEmpty());
        const RealAlembic alembic = alembicOn(database);
        const auto up = alembic.run({QStringLiteral("upgrade"), kRev6});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        // Alembic's own DDL for revision 7, of which only the first statement "ran".
        const auto offline = alembic.run({QStringLiteral("upgrade"), kRev6 + QStringLiteral(":") + kRev7,
                                          QStringLiteral("--sql")});
        QVERIFY2(offline.exitCode == 0, qPrintable(offline.err));
        const QStringList statements = RealAlembic::offlineSchemaStatements(offline.out);
        QVERIFY2(statements.value(0).startsWith(QStringLiteral("CREATE TABLE shipments")), qPrintable(statements.join(QLatin1Char('\n'))));
        auto db = connectOrFail(ourUrl(database));
        QVERIFY(db && db->exec(statements.first(), QStringLiteral("half run")));
        db.reset();

        const CliRun before = runCheck(ourUrl(database), m_project);
        QCOMPARE(before.exitCode, 1);
        const CliRun preview = fix(database, {QStringLiteral("--preview")});
        QVERIFY2(preview.exitCode == 0 && preview.parsed, qPrintable(preview.describe()));
        QCOMPARE(preview.json.value(QStringLiteral("completed_revisions")).toArray(), QJsonArray{kRev7});

        const CliRun applied = fix(database, {QStringLiteral("--apply"), QStringLiteral("--yes")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
        QVERIFY2(applied.json.value(QStringLiteral("execution")).toObject().value(QStringLiteral("committed")).toBool(),
                 qPrintable(applied.describe()));

        QCOMPARE(alembic.current(), QStringList{kRev7});
        const CliRun checkAt7 = runCheck(ourUrl(database), m_project);
        QVERIFY2(checkAt7.json.value(QStringLiteral("drift")).toArray().isEmpty(), qPrintable(checkAt7.describe()));

        const auto upgrade = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(upgrade.exitCode == 0, qPrintable(upgrade.err + upgrade.out));
        QCOMPARE(alembic.current(), QStringList{kRev8});
        const CliRun atHead = runCheck(ourUrl(database), m_project);
        QVERIFY2(atHead.exitCode == 0, qPrintable(atHead.describe()));
    }

    /// Drift made by hand on a database at head: repaired, clean, idempotent, rows kept.
    void handMadeDriftIsRepairedAndRowsSurvive()
    {
        const QString database = createDatabase(QStringLiteral("fix_drift"));
        QVERIFY(!database.isEmpty());
        const RealAlembic alembic = alembicOn(database);
        const auto up = alembic.run({QStringLiteral("upgrade"), QStringLiteral("head")});
        QVERIFY2(up.exitCode == 0, qPrintable(up.err));
        auto db = connectOrFail(ourUrl(database));
        QVERIFY(db);
        QVERIFY(execScript(*db, QStringLiteral(
                                    "INSERT INTO accounts (name) SELECT 'acct ' || g FROM generate_series(1, 50) g;\n"
                                    "DROP INDEX ix_orders_shipped_at;\n"
                                    "ALTER TABLE tickets DROP COLUMN external_ref;\n"
                                    "ALTER TABLE shipments ALTER COLUMN carrier TYPE varchar(80)")));
        db.reset();
        const QString checksum = QStringLiteral("SELECT count(*) || md5(string_agg(t::text, ',' ORDER BY t::text)) FROM accounts t");
        const QString rowsBefore = scalar(database, checksum);

        const CliRun before = runCheck(ourUrl(database), m_project);
        QCOMPARE(before.exitCode, 1);
        QVERIFY(before.json.value(QStringLiteral("drift")).toArray().size() >= 3);

        const CliRun dryRun = fix(database, {QStringLiteral("--dry-run")});
        QVERIFY2(dryRun.exitCode == 0, qPrintable(dryRun.describe()));
        QCOMPARE(runCheck(ourUrl(database), m_project).json.value(QStringLiteral("drift")),
                 before.json.value(QStringLiteral("drift")));

        const CliRun refused = runCli({QStringLiteral("fix"), QStringLiteral("--db"), ourUrl(database),
                                       QStringLiteral("--migrations"), m_project, QStringLiteral("--apply")});
        QCOMPARE(refused.exitCode, 2); // no terminal, no --yes
        QCOMPARE(runCheck(ourUrl(database), m_project).json.value(QStringLiteral("drift")),
                 before.json.value(QStringLiteral("drift")));

        const CliRun applied = fix(database, {QStringLiteral("--apply"), QStringLiteral("--yes")});
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.describe()));
        const CliRun after = runCheck(ourUrl(database), m_project);
        QVERIFY2(after.exitCode == 0, qPrintable(after.describe()));
        QCOMPARE(scalar(database, checksum), rowsBefore);

        const CliRun again = fix(database, {QStringLiteral("--apply"), QStringLiteral("--yes")});
        QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
        QVERIFY(again.json.value(QStringLiteral("statements")).toArray().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFixAlembicPostgres)
#include "test_fix_alembic_postgres.moc"
