// Other tools' history tables, read-only: each is recognised by its table and columns and
// read with failed / dirty rows flagged (REFERENCE.md §3).

#include "TestSupport.h"
#include "history/ToolHistory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

struct ToolCase
{
    const char *tool;
    const char *setup;          ///< statements separated by ";\n"
    int rows;
    int failedRow;              ///< index of the failed/dirty row, or -1
    const char *firstVersion;
};

const ToolCase kCases[] = {
    {"flyway",
     "CREATE TABLE flyway_schema_history (installed_rank INT PRIMARY KEY, version VARCHAR(50), "
     "description VARCHAR(200), type VARCHAR(20), script VARCHAR(1000), checksum INT, installed_by "
     "VARCHAR(100), installed_on TIMESTAMP DEFAULT CURRENT_TIMESTAMP, execution_time INT, success BOOLEAN);\n"
     "INSERT INTO flyway_schema_history VALUES (1, '1', 'init', 'SQL', 'V1__init.sql', 1, 'ci', "
     "CURRENT_TIMESTAMP, 5, TRUE);\n"
     "INSERT INTO flyway_schema_history VALUES (2, '2', 'add games', 'SQL', 'V2__add_games.sql', 2, 'ci', "
     "CURRENT_TIMESTAMP, 5, FALSE);\n",
     2, 1, "1"},
    {"golang-migrate",
     "CREATE TABLE schema_migrations (version BIGINT NOT NULL PRIMARY KEY, dirty BOOLEAN NOT NULL);\n"
     "INSERT INTO schema_migrations VALUES (20250101120000, TRUE);\n",
     1, 0, "20250101120000"},
    {"rails",
     "CREATE TABLE schema_migrations (version VARCHAR(255) PRIMARY KEY);\n"
     "CREATE TABLE ar_internal_metadata (key VARCHAR(255) PRIMARY KEY, value VARCHAR(255));\n"
     "INSERT INTO schema_migrations VALUES ('20250102000000');\n"
     "INSERT INTO schema_migrations VALUES ('20250101000000');\n",
     2, -1, "20250101000000"},
    {"dbmate",
     "CREATE TABLE schema_migrations (version VARCHAR(128) PRIMARY KEY);\n"
     "INSERT INTO schema_migrations VALUES ('20250101000000');\n",
     1, -1, "20250101000000"},
    {"django",
     "CREATE TABLE django_migrations (id INTEGER PRIMARY KEY, app VARCHAR(255), name VARCHAR(255), "
     "applied TIMESTAMP);\n"
     "INSERT INTO django_migrations VALUES (1, 'auth', '0001_initial', CURRENT_TIMESTAMP);\n",
     1, -1, "auth.0001_initial"},
    {"prisma",
     "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64), finished_at "
     "TIMESTAMP, migration_name VARCHAR(255), logs TEXT, rolled_back_at TIMESTAMP, started_at "
     "TIMESTAMP DEFAULT CURRENT_TIMESTAMP, applied_steps_count INTEGER DEFAULT 0);\n"
     "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at) VALUES "
     "('a', 'x', CURRENT_TIMESTAMP, '20250101_init', '2025-01-01 00:00:00');\n"
     "INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at) VALUES "
     "('b', 'y', '20250102_broken', '2025-01-02 00:00:00');\n",
     2, 1, "20250101_init"},
    {"liquibase",
     "CREATE TABLE databasechangelog (id VARCHAR(255), author VARCHAR(255), filename VARCHAR(255), "
     "dateexecuted TIMESTAMP, orderexecuted INT, exectype VARCHAR(10), md5sum VARCHAR(35), "
     "description VARCHAR(255));\n"
     "INSERT INTO databasechangelog VALUES ('1', 'ann', 'db.xml', CURRENT_TIMESTAMP, 1, 'EXECUTED', "
     "'9:x', 'createTable');\n"
     "INSERT INTO databasechangelog VALUES ('2', 'ann', 'db.xml', CURRENT_TIMESTAMP, 2, 'FAILED', "
     "'9:y', 'addColumn');\n",
     2, 1, "1:ann"},
    {"sqlx",
     "CREATE TABLE _sqlx_migrations (version BIGINT PRIMARY KEY, description TEXT, installed_on "
     "TIMESTAMP DEFAULT CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BYTEA, execution_time BIGINT);\n"
     "INSERT INTO _sqlx_migrations (version, description, success) VALUES (1, 'init', TRUE);\n"
     "INSERT INTO _sqlx_migrations (version, description, success) VALUES (2, 'games', FALSE);\n",
     2, 1, "1"},
    {"knex",
     "CREATE TABLE knex_migrations (id INTEGER PRIMARY KEY, name VARCHAR(255), batch INTEGER, "
     "migration_time TIMESTAMP);\n"
     "INSERT INTO knex_migrations VALUES (1, '20250101_init.js', 1, CURRENT_TIMESTAMP);\n",
     1, -1, "20250101_init.js"},
};

} // namespace

class TestToolHistory : public QObject
{
    Q_OBJECT

    QTemporaryDir m_temp;
    std::unique_ptr<DbConnection> m_server;
    QString m_serverUrl;

    void check(DbConnection &db, const ToolCase &c)
    {
        QVERIFY(execScript(db, QString::fromLatin1(c.setup)));
        const auto found = readToolHistory(db);
        QVERIFY2(found.ok(), found.ok() ? "" : qPrintable(found.error().toString()));
        QVERIFY2(found->has_value(), "no tool recognised");
        const ToolHistory &history = **found;
        QCOMPARE(history.tool, QString::fromLatin1(c.tool));
        QCOMPARE(history.migrations.size(), c.rows);
        QCOMPARE(history.migrations.first().version, QString::fromLatin1(c.firstVersion));
        for (int i = 0; i < c.rows; ++i)
            QCOMPARE(history.migrations[i].failed, i == c.failedRow);
    }

private slots:
    void initTestCase()
    {
        m_serverUrl = postgresUrl();
        QVERIFY(!m_serverUrl.isEmpty());
        m_server = connectOrFail(m_serverUrl);
        QVERIFY(m_server);
    }

    void recognisesEachTool_data()
    {
        QTest::addColumn<QString>("dialect");
        QTest::addColumn<int>("index");
        for (const char *dialect : {"sqlite", "postgresql"}) {
            for (int i = 0; i < int(std::size(kCases)); ++i)
                QTest::addRow("%s %s", dialect, kCases[i].tool) << QString::fromLatin1(dialect) << i;
        }
    }
    void recognisesEachTool()
    {
        QFETCH(QString, dialect);
        QFETCH(int, index);
        const ToolCase &c = kCases[index];
        if (dialect == QLatin1String("sqlite")) {
            ConnectionSettings settings;
            settings.url = *ConnectionUrl::parse(QStringLiteral("sqlite:///") +
                                                 m_temp.filePath(QStringLiteral("%1.db").arg(index)));
            settings.createSqliteFile = true;
            auto db = DbConnection::open(settings);
            QVERIFY(db.ok());
            check(**db, c);
            return;
        }
        // PostgreSQL: a schema of its own, found through the search_path as the tool would.
        const QString schema = uniqueSchemaName(QStringLiteral("tool"));
        auto db = connectOrFail(m_serverUrl);
        QVERIFY(db);
        QVERIFY(db->exec(QStringLiteral("CREATE SCHEMA %1").arg(schema), {}).ok());
        QVERIFY(db->exec(QStringLiteral("SET search_path = %1").arg(schema), {}).ok());
        check(*db, c);
        m_server->exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schema), {});
    }

    void noToolIsNoHistory()
    {
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(QStringLiteral("sqlite:///") +
                                             m_temp.filePath(QStringLiteral("plain.db")));
        settings.createSqliteFile = true;
        auto db = DbConnection::open(settings);
        QVERIFY(db.ok());
        QVERIFY((*db)->exec(QStringLiteral("CREATE TABLE games (id INTEGER PRIMARY KEY)"), {}).ok());
        const auto found = readToolHistory(**db);
        QVERIFY(found.ok());
        QVERIFY(!found->has_value());
    }
};

QTEST_GUILESS_MAIN(TestToolHistory)
#include "test_tool_history_postgres.moc"
