// Agreement with REAL Alembic: projects and databases are made by Debian's python3-alembic
// (revision, merge, upgrade, stamp) on PostgreSQL and SQLite, and our current / heads /
// pending must equal what `alembic current`, `alembic heads` and `alembic upgrade heads`
// say about the same project and database.

#include "RealAlembic.h"
#include "TestSupport.h"
#include "history/MigrationHistory.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

/// One database per scenario, so scenarios never see each other's version tables.
struct ScenarioDatabase
{
    QString ourUrl;        ///< for ConnectionUrl / DbConnection
    QString alembicUrl;    ///< for SQLAlchemy
    QString dropStatement; ///< run on the server connection afterwards (PostgreSQL)
};

} // namespace

class TestHistoryAlembic : public QObject
{
    Q_OBJECT

    QString m_serverUrl;
    std::unique_ptr<DbConnection> m_server;
    QTemporaryDir m_temp;
    int m_counter = 0;
    QStringList m_dropStatements;

    ScenarioDatabase makeDatabase(const QString &dialect)
    {
        ++m_counter;
        if (dialect == QLatin1String("sqlite")) {
            const QString path = m_temp.filePath(QStringLiteral("scenario%1.db").arg(m_counter));
            QFile file(path); // an empty file is an empty SQLite database
            if (!file.open(QIODevice::WriteOnly))
                qFatal("cannot create %s", qPrintable(path));
            return {QStringLiteral("sqlite:///") + path, QStringLiteral("sqlite:///") + path, {}};
        }
        const QString name = uniqueSchemaName(QStringLiteral("hist%1").arg(m_counter));
        if (!m_server->exec(QStringLiteral("CREATE DATABASE %1").arg(name), {}).ok())
            qFatal("cannot create database %s", qPrintable(name));
        m_dropStatements.append(QStringLiteral("DROP DATABASE IF EXISTS %1").arg(name));
        const QString base = m_serverUrl.left(m_serverUrl.lastIndexOf(QLatin1Char('/')) + 1);
        QString alembicUrl = base + name;
        alembicUrl.replace(QStringLiteral("postgresql://"), QStringLiteral("postgresql+psycopg2://"));
        return {base + name, alembicUrl, {}};
    }

    /// Builds the scenario's project with real Alembic and brings the database into the
    /// scenario's state.
    bool buildScenario(const QString &scenario, const RealAlembic &alembic, DbConnection &db)
    {
        const auto ok = [](const RealAlembic::Result &r) {
            if (r.exitCode != 0)
                QTest::qFail(qPrintable(QStringLiteral("alembic failed: ") + r.err), __FILE__, __LINE__);
            return r.exitCode == 0;
        };
        const QStringList linear = {QStringLiteral("aaa1"), QStringLiteral("bbb2"),
                                    QStringLiteral("ccc3"), QStringLiteral("ddd4")};
        auto buildLinear = [&](int count) {
            for (int i = 0; i < count; ++i) {
                if (!alembic.revision(linear[i], QStringLiteral("step %1").arg(i + 1),
                                      i == 0 ? QString() : linear[i - 1]))
                    return false;
            }
            return true;
        };
        auto upgrade = [&](const QString &target) {
            return ok(alembic.run({QStringLiteral("upgrade"), target}));
        };
        if (scenario == QLatin1String("linear") || scenario == QLatin1String("typed"))
            return buildLinear(3) && upgrade(QStringLiteral("bbb2"));
        if (scenario == QLatin1String("fresh"))
            return buildLinear(2);
        if (scenario == QLatin1String("stamped"))
            return buildLinear(4) && ok(alembic.run({QStringLiteral("stamp"), QStringLiteral("bbb2")}));
        if (scenario == QLatin1String("branched") || scenario == QLatin1String("both heads")) {
            if (!(buildLinear(2) && alembic.revision(QStringLiteral("ccc3"), QStringLiteral("side branch"),
                                                     QStringLiteral("aaa1"), true)))
                return false;
            return scenario == QLatin1String("branched") ? upgrade(QStringLiteral("bbb2"))
                                                         : upgrade(QStringLiteral("heads"));
        }
        if (scenario == QLatin1String("merged")) {
            return buildLinear(2) &&
                   alembic.revision(QStringLiteral("ccc3"), QStringLiteral("side"), QStringLiteral("aaa1"), true) &&
                   alembic.merge(QStringLiteral("mmm4"), {QStringLiteral("bbb2"), QStringLiteral("ccc3")},
                                 QStringLiteral("merge the branches")) &&
                   alembic.revision(QStringLiteral("eee5"), QStringLiteral("after the merge"),
                                    QStringLiteral("mmm4")) &&
                   upgrade(QStringLiteral("ccc3"));
        }
        if (scenario == QLatin1String("unknown id")) {
            return buildLinear(2) && upgrade(QStringLiteral("head")) &&
                   db.exec(QStringLiteral("UPDATE alembic_version SET version_num = 'feedface9999'"), {}).ok();
        }
        QTest::qFail(qPrintable(QStringLiteral("no scenario ") + scenario), __FILE__, __LINE__);
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(),
                 "no python3 imports alembic: install python3-alembic (Debian); agreement "
                 "tests need the real thing");
        m_serverUrl = postgresUrl();
        QVERIFY(!m_serverUrl.isEmpty());
        m_server = connectOrFail(m_serverUrl);
        QVERIFY(m_server);
    }

    void cleanupTestCase()
    {
        for (const QString &drop : std::as_const(m_dropStatements))
            m_server->exec(drop, {});
    }

    void agreesWithAlembic_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<QString>("scenario");
        for (const char *dialect : {"postgresql", "sqlite"}) {
            for (const char *scenario : {"linear", "fresh", "stamped", "branched", "both heads",
                                         "merged", "typed", "unknown id"}) {
                QTest::addRow("%s %s", dialect, scenario)
                    << QString::fromLatin1(dialect) << QString::fromLatin1(scenario);
            }
        }
    }

    void agreesWithAlembic()
    {
        QFETCH(QString, dialect);
        QFETCH(QString, scenario);
        const ScenarioDatabase database = makeDatabase(dialect);
        const QString folder = m_temp.filePath(QStringLiteral("project%1").arg(m_counter));
        RealAlembic alembic(folder, database.alembicUrl, scenario == QLatin1String("typed"));
        auto db = connectOrFail(database.ourUrl);
        QVERIFY(db);
        QVERIFY(buildScenario(scenario, alembic, *db));

        const auto ours = loadMigrationHistory(db.get(), folder, {});
        QVERIFY2(ours.ok(), ours.ok() ? "" : qPrintable(ours.error().toString()));
        QCOMPARE(sorted(ours->heads), sorted(alembic.heads()));

        RealAlembic::Result raw;
        const QStringList alembicCurrent = alembic.current(&raw);
        if (scenario == QLatin1String("unknown id")) {
            QVERIFY(raw.exitCode != 0); // Alembic itself cannot place the row
            QVERIFY2(raw.err.contains(QStringLiteral("feedface9999")), qPrintable(raw.err));
            QCOMPARE(ours->unknown, QStringList{QStringLiteral("feedface9999")});
            QVERIFY(ours->current.isEmpty());
            QCOMPARE(ours->entries.first().status, RevisionStatus::Unknown);
            QVERIFY(alembic.upgradeHeads(&raw).isEmpty());
            QVERIFY(raw.exitCode != 0);
            return;
        }
        QVERIFY2(raw.exitCode == 0, qPrintable(raw.err));
        QCOMPARE(sorted(ours->current), sorted(alembicCurrent));
        QVERIFY(ours->unknown.isEmpty());
        QCOMPARE(ours->hasVersionTable, scenario != QLatin1String("fresh"));

        // Last, as it changes the database: what Alembic really runs is what was pending.
        const QStringList ran = alembic.upgradeHeads(&raw);
        QVERIFY2(raw.exitCode == 0, qPrintable(raw.err));
        QCOMPARE(sorted(ours->pending), sorted(ran));
        // …and afterwards we agree that nothing is.
        const auto after = loadMigrationHistory(db.get(), folder, {});
        QVERIFY(after.ok());
        QVERIFY(after->pending.isEmpty());
        QCOMPARE(sorted(after->current), sorted(alembic.current()));
    }
};

QTEST_GUILESS_MAIN(TestHistoryAlembic)
#include "test_history_alembic_postgres.moc"
