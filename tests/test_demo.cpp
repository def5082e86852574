// The bundled demo: written fresh, a realistic schema, and its migrations folder.

#include "TestSupport.h"
#include "db/Introspector.h"
#include "demo/DemoDatabase.h"

#include <QDir>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;

class TestDemo : public QObject
{
    Q_OBJECT

    Schema introspectDemo(const DemoLocation &demo)
    {
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(demo.url());
        auto connection = DbConnection::open(settings);
        if (!connection)
            qFatal("%s", qPrintable(connection.error().toString()));
        const auto schema = introspect(**connection, {});
        if (!schema)
            qFatal("%s", qPrintable(schema.error().toString()));
        return *schema;
    }

private slots:
    void writesARealisticSchema()
    {
        QTemporaryDir dir;
        const auto demo = writeDemo(dir.filePath(QStringLiteral("nested/demo")));
        QVERIFY2(demo.ok(), demo.ok() ? "" : qPrintable(demo.error().toString()));
        QVERIFY(QFile::exists(demo->databasePath));
        QVERIFY(demo->url().startsWith(QStringLiteral("sqlite:////")));

        const Schema schema = introspectDemo(*demo);
        QCOMPARE(schema.dialect, Dialect::SQLite);
        QVERIFY2(schema.tableCount() >= 12, qPrintable(QString::number(schema.tableCount())));
        const Table *games = schema.table(QStringLiteral("main"), QStringLiteral("games"));
        QVERIFY(games);
        QVERIFY(games->column(QStringLiteral("home_team_id")));
        QCOMPARE(games->column(QStringLiteral("starts_at"))->type, QStringLiteral("timestamp"));
        QCOMPARE(games->foreignKeys.size(), 3);
        QVERIFY(games->index(QStringLiteral("ix_games_live")));
        QCOMPARE(games->index(QStringLiteral("ix_games_live"))->predicate,
                 QStringLiteral("status = 'live'"));
        QCOMPARE(games->checks.size(), 2);
        const Table *legs = schema.table(QStringLiteral("main"), QStringLiteral("parlay_legs"));
        QVERIFY(legs && legs->primaryKey);
        QCOMPARE(legs->primaryKey->columns.size(), 2);
        QCOMPARE(schema.namespaces[0].views.size(), 2);
    }

    void migrationsFolderIsAnAlembicProject()
    {
        QTemporaryDir dir;
        const auto demo = writeDemo(dir.path());
        QVERIFY(demo.ok());
        const QDir migrations(demo->migrationsPath);
        QVERIFY(migrations.exists(QStringLiteral("alembic.ini")));
        QVERIFY(migrations.exists(QStringLiteral("env.py")));
        QVERIFY(migrations.exists(QStringLiteral("script.py.mako")));
        QVERIFY(migrations.exists(QStringLiteral("versions")));
    }

    void rewritingGivesAFreshDatabase()
    {
        QTemporaryDir dir;
        const auto first = writeDemo(dir.path());
        QVERIFY(first.ok());
        {
            ConnectionSettings settings;
            settings.url = *ConnectionUrl::parse(first->url());
            auto connection = DbConnection::open(settings);
            QVERIFY(connection.ok());
            QVERIFY((*connection)->exec(QStringLiteral("CREATE TABLE scratch (x int)"), {}).ok());
            QVERIFY((*connection)->exec(QStringLiteral("DROP TABLE games"), {}).ok());
        }
        const auto second = writeDemo(dir.path());
        QVERIFY(second.ok());
        const Schema schema = introspectDemo(*second);
        QVERIFY(!schema.table(QStringLiteral("main"), QStringLiteral("scratch")));
        QVERIFY(schema.table(QStringLiteral("main"), QStringLiteral("games")));
    }

    void unwritableFolderIsAClearError()
    {
        QTemporaryDir dir;
        const QString blocker = dir.filePath(QStringLiteral("file"));
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const auto demo = writeDemo(blocker + QStringLiteral("/demo"));
        QVERIFY(!demo.ok());
        QVERIFY(demo.error().message.contains(blocker));
    }
};

QTEST_GUILESS_MAIN(TestDemo)
#include "test_demo.moc"
