// The Executor on a real PostgreSQL server: one transaction that commits all or nothing,
// dry-runs that change nothing, a statement that fails or a connection killed mid-way
// leaving schema and data exactly as before, two concurrent applies never both running,
// lock_timeout firing, read-only sessions refused, and the audit log.

#include "TestSupport.h"
#include "db/Introspector.h"
#include "fix/ExecutionLock.h"
#include "fix/Executor.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <thread>

using namespace migconsole;
using namespace migconsole::test;

namespace {


FixStatement statement(const QString &sql, bool inTransaction = true)
{
    FixStatement s;
    s.sql = sql;
    s.summary = sql.left(60);
    s.inTransaction = inTransaction;
    return s;
}

QString scalar(DbConnection &connection, const QString &sql)
{
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<error: %1>").arg(DbConnection::queryError(query, {}).detail);
    return query.value(0).toString();
}

} // namespace

class TestExecutorPostgres : public QObject
{
    Q_OBJECT

    QString m_url;
    QString m_schema;
    std::unique_ptr<DbConnection> m_db;
    QTemporaryDir m_home;

    QString table() const { return m_schema + QStringLiteral(".items"); }

    /// The schema and a checksum of every row: what "exactly as before" compares.
    QPair<Schema, QString> state()
    {
        auto schema = introspect(*m_db, IntrospectOptions{{m_schema}, nullptr});
        if (!schema)
            return {};
        return {*schema, scalar(*m_db, QStringLiteral("SELECT count(*) || ':' || md5(string_agg(t::text, ',' "
                                                      "ORDER BY id)) FROM %1 t").arg(table()))};
    }

    QString auditText() const
    {
        QFile file(qEnvironmentVariable("MIGCONSOLE_AUDIT_LOG"));
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private slots:
    void initTestCase()
    {
        m_url = postgresUrl();
        QVERIFY(!m_url.isEmpty());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.log")).toUtf8());
        m_db = connectOrFail(m_url);
        QVERIFY(m_db);
    }

    void init()
    {
        m_schema = uniqueSchemaName(QStringLiteral("exec"));
        QVERIFY(execScript(*m_db, QStringLiteral("CREATE SCHEMA %1;\n"
                                                 "CREATE TABLE %2 (id integer PRIMARY KEY, name text NOT NULL);\n"
                                                 "INSERT INTO %2 SELECT g, 'item ' || g FROM generate_series(1, 500) g")
                                      .arg(m_schema, table())));
    }

    void applyCommitsEveryStatementAndAuditsIt()
    {
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS note varchar(20)").arg(table())),
            statement(QStringLiteral("CREATE INDEX IF NOT EXISTS ix_items_name ON %1 (name)").arg(table())),
        };
        QList<int> progress;
        const auto result = executeStatements(*m_db, statements, ExecuteMode::Apply, {},
                                              [&](int index, int) { progress.append(index); });
        QVERIFY2(result, qPrintable(result ? QString() : result.error().toString()));
        QVERIFY2(result->succeeded(), qPrintable(result->error));
        QVERIFY(result->committed);
        QCOMPARE(progress, (QList<int>{0, 1}));
        QCOMPARE(result->results.at(0).outcome, StatementOutcome::Succeeded);
        const auto after = state();
        QVERIFY(after.first.table(m_schema, QStringLiteral("items"))->column(QStringLiteral("note")));
        QVERIFY(after.first.table(m_schema, QStringLiteral("items"))->index(QStringLiteral("ix_items_name")));

        const QString audit = auditText();
        QVERIFY2(audit.contains(QStringLiteral("ADD COLUMN IF NOT EXISTS note")), qPrintable(audit.right(2000)));
        QVERIFY(audit.contains(QStringLiteral("\"event\":\"commit\"")));
        QVERIFY(audit.contains(QStringLiteral("\"user\":")));
        const QString password = ConnectionUrl::parse(m_url)->password;
        if (!password.isEmpty())
            QVERIFY2(!audit.contains(password), "password in the audit log");

        // The same idempotent statements again: nothing changes, nothing fails.
        const auto again = executeStatements(*m_db, statements, ExecuteMode::Apply);
        QVERIFY(again && again->succeeded());
        QCOMPARE(state(), after);
    }

    void failingStatementLeavesEverythingAsBefore()
    {
        const auto before = state();
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN extra integer DEFAULT 7").arg(table())),
            statement(QStringLiteral("UPDATE %1 SET name = 'changed'").arg(table())),
            statement(QStringLiteral("ALTER TABLE %1 ADD CONSTRAINT bad CHECK (id < 10)").arg(table())),
            statement(QStringLiteral("DROP TABLE %1").arg(table())),
        };
        const auto result = executeStatements(*m_db, statements, ExecuteMode::Apply);
        QVERIFY(result);
        QVERIFY(!result->succeeded());
        QVERIFY(!result->committed);
        QCOMPARE(result->failedIndex, std::optional<int>(2));
        QCOMPARE(result->results.at(0).outcome, StatementOutcome::RolledBack);
        QCOMPARE(result->results.at(1).outcome, StatementOutcome::RolledBack);
        QCOMPARE(result->results.at(2).outcome, StatementOutcome::Failed);
        QCOMPARE(result->results.at(3).outcome, StatementOutcome::NotRun);
        QVERIFY2(result->results.at(2).error.contains(QStringLiteral("bad")), qPrintable(result->results.at(2).error));
        QVERIFY(result->error.contains(QStringLiteral("Statement 3")));
        QCOMPARE(state(), before);
        QVERIFY(auditText().contains(QStringLiteral("\"event\":\"rollback\"")));
    }

    void dryRunChangesNothingAndSkipsConcurrentBuilds()
    {
        const auto before = state();
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE %1 ALTER COLUMN name TYPE varchar(40)").arg(table())),
            statement(QStringLiteral("DELETE FROM %1 WHERE id > 10").arg(table())),
            statement(QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_c ON %1 (name)").arg(table()), false),
        };
        const auto result = executeStatements(*m_db, statements, ExecuteMode::DryRun);
        QVERIFY(result && result->succeeded());
        QVERIFY(!result->committed);
        QCOMPARE(result->results.at(0).outcome, StatementOutcome::Succeeded);
        QCOMPARE(result->results.at(2).outcome, StatementOutcome::NotRun);
        QVERIFY(result->results.at(2).note.contains(QStringLiteral("outside a transaction")));
        QCOMPARE(state(), before);
    }

    void concurrentIndexRunsAfterTheCommit()
    {
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS code text").arg(table())),
            statement(QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_code ON %1 (code)").arg(table()), false),
        };
        const auto result = executeStatements(*m_db, statements, ExecuteMode::Apply);
        QVERIFY2(result && result->succeeded(), qPrintable(result ? result->error : result.error().toString()));
        QVERIFY(state().first.table(m_schema, QStringLiteral("items"))->index(QStringLiteral("ix_code")));
    }

    void killedConnectionLeavesEverythingAsBefore()
    {
        const auto before = state();
        std::atomic<bool> finished = false;
        std::optional<ExecutionResult> outcome;
        QString threadError;
        std::thread worker([&] {
            auto connection = DbConnection::open(settingsFor(*ConnectionUrl::parse(m_url)));
            if (!connection) {
                threadError = connection.error().toString();
                finished = true;
                return;
            }
            const QList<FixStatement> statements = {
                statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN doomed integer").arg(table())),
                statement(QStringLiteral("UPDATE %1 SET name = 'doomed'").arg(table())),
                statement(QStringLiteral("SELECT pg_sleep(30)")),
                statement(QStringLiteral("DROP TABLE %1").arg(table())),
            };
            const auto result = executeStatements(**connection, statements, ExecuteMode::Apply);
            if (result)
                outcome = *result;
            else
                threadError = result.error().toString();
            finished = true;
        });
        // Wait until the run sleeps inside its transaction, then kill its backend.
        QString killed;
        for (int i = 0; i < 200 && killed != QLatin1String("true"); ++i) {
            QThread::msleep(50);
            killed = scalar(*m_db, QStringLiteral("SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) "
                                                  "FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%' "
                                                  "AND pid <> pg_backend_pid()"));
        }
        worker.join();
        QCOMPARE(killed, QStringLiteral("true"));
        QVERIFY2(threadError.isEmpty(), qPrintable(threadError));
        QVERIFY(outcome);
        QVERIFY(!outcome->succeeded());
        QVERIFY(!outcome->committed);
        QCOMPARE(outcome->failedIndex, std::optional<int>(2));
        QCOMPARE(state(), before);
    }

    void secondApplyIsRefusedNamingTheHolder()
    {
        std::atomic<bool> holding = false;
        std::optional<ExecutionResult> firstOutcome;
        std::thread first([&] {
            auto connection = DbConnection::open(settingsFor(*ConnectionUrl::parse(m_url)));
            if (!connection)
                return;
            const QList<FixStatement> statements = {
                statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS first_one integer").arg(table())),
                statement(QStringLiteral("SELECT pg_sleep(1.5)")),
            };
            const auto result = executeStatements(**connection, statements, ExecuteMode::Apply, {},
                                                  [&](int index, int) { holding = index == 1; });
            if (result)
                firstOutcome = *result;
        });
        for (int i = 0; i < 100 && !holding; ++i)
            QThread::msleep(20);
        QVERIFY(holding);
        QThread::msleep(100);
        auto second = DbConnection::open(settingsFor(*ConnectionUrl::parse(m_url)));
        QVERIFY(second);
        const QList<FixStatement> secondStatements = {
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN IF NOT EXISTS second_one integer").arg(table())),
        };
        const auto refused = executeStatements(**second, secondStatements, ExecuteMode::Apply);
        first.join();
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("Another console is applying")),
                 qPrintable(refused.error().toString()));
        QVERIFY2(refused.error().message.contains(QStringLiteral("migconsole apply (")),
                 qPrintable(refused.error().toString()));
        QVERIFY(firstOutcome && firstOutcome->committed);
        const Schema schemaAfter = state().first; // kept alive: items points into it
        const Table *items = schemaAfter.table(m_schema, QStringLiteral("items"));
        QVERIFY(items);
        QVERIFY(items->column(QStringLiteral("first_one")));
        QVERIFY(!items->column(QStringLiteral("second_one")));

        // Once the first is done, the lock is free again: the second may now apply,
        // and a waiting apply (applyLockWaitMs) gets through as soon as it is released.
        ExecuteOptions waiting;
        waiting.applyLockWaitMs = 2000;
        const auto later = executeStatements(**second, secondStatements, ExecuteMode::Apply, waiting);
        QVERIFY(later && later->committed);
    }

    void lockTimeoutFiresAndRollsBack()
    {
        const auto before = state();
        auto blocker = connectOrFail(m_url);
        QVERIFY(blocker);
        QVERIFY(blocker->database().transaction());
        QVERIFY(blocker->exec(QStringLiteral("LOCK TABLE %1 IN ACCESS SHARE MODE").arg(table()), QStringLiteral("lock")));
        ExecuteOptions options;
        options.lockTimeoutMs = 300;
        const QList<FixStatement> statements = {
            statement(QStringLiteral("CREATE TABLE %1.other (id integer)").arg(m_schema)),
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN waits integer").arg(table())),
        };
        const auto result = executeStatements(*m_db, statements, ExecuteMode::Apply, options);
        blocker->database().rollback();
        QVERIFY(result);
        QCOMPARE(result->failedIndex, std::optional<int>(1));
        QVERIFY2(result->results.at(1).error.contains(QStringLiteral("lock timeout")),
                 qPrintable(result->results.at(1).error));
        QCOMPARE(state(), before);
        QVERIFY(!state().first.table(m_schema, QStringLiteral("other")));
    }

    void readOnlySessionRefusesWrites()
    {
        auto url = *ConnectionUrl::parse(m_url);
        url.parameters.append({QStringLiteral("mode"), QStringLiteral("ro")});
        auto readOnly = DbConnection::open(settingsFor(url));
        QVERIFY2(readOnly, qPrintable(readOnly ? QString() : readOnly.error().toString()));
        QVERIFY((*readOnly)->isReadOnly());
        QVERIFY((*readOnly)->displayUrl().contains(QStringLiteral("mode=ro")));
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE %1 ADD COLUMN nope integer").arg(table())),
        };
        for (ExecuteMode mode : {ExecuteMode::Apply, ExecuteMode::DryRun}) {
            const auto refused = executeStatements(**readOnly, statements, mode);
            QVERIFY(!refused);
            QVERIFY(refused.error().message.contains(QStringLiteral("read-only")));
        }
        // The server itself refuses a write in that session, whatever SQL is sent.
        const auto direct = (*readOnly)->exec(statements.first().sql, QStringLiteral("direct write"));
        QVERIFY(!direct);
        QVERIFY2(direct.error().detail.contains(QStringLiteral("read-only")), qPrintable(direct.error().detail));
    }

    void cleanup()
    {
        m_db->exec(QStringLiteral("DROP SCHEMA IF EXISTS %1 CASCADE").arg(m_schema), QStringLiteral("cleanup"));
    }
};

QTEST_GUILESS_MAIN(TestExecutorPostgres)
#include "test_executor_postgres.moc"
