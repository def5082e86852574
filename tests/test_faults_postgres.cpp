// Faults on PostgreSQL (issue 8 item 4), each made to happen at a known moment: the server
// restarted while the schema is read and while an apply runs (on a cluster of this test's
// own), a statement blocked by another session's lock until lock_timeout fires, and an audit
// log that cannot be written (/dev/full). Asserted: a readable error that names the
// database with its password masked, nothing half-applied, and that work goes on afterwards.

#include "FaultTestSupport.h"
#include "ThrowawayDatabases.h"
#include "db/Introspector.h"
#include "fix/AuditLog.h"
#include "fix/Executor.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <optional>
#include <thread>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::faults;

namespace {

FixStatement statement(const QString &sql)
{
    FixStatement s;
    s.sql = sql;
    s.summary = sql.left(60);
    return s;
}

QString displayOf(const QString &url) { return ConnectionUrl::parse(url)->toDisplayString(); }

/// The password of `url` as typed and as percent-encoded: neither may be printed.
QStringList passwordForms(const QString &url)
{
    const QString password = ConnectionUrl::parse(url)->password;
    return {password, QString::fromUtf8(QUrl::toPercentEncoding(password))};
}

Schema introspectSchema(const QString &url, const QString &ns)
{
    auto connection = connectOrFail(url);
    if (!connection)
        return {};
    IntrospectOptions options;
    options.namespaces = {ns};
    auto schema = introspect(*connection, options);
    if (!schema) {
        QTest::qFail(qPrintable(schema.error().toString()), __FILE__, __LINE__);
        return {};
    }
    return *schema;
}

} // namespace

class TestFaultsPostgres : public QObject
{
    Q_OBJECT

    QString m_sharedUrl; ///< the suite's server (MIGCONSOLE_TEST_PG_URL): no restarts there
    OwnCluster m_own;    ///< restarted by the tests below, seen by no other test
    QTemporaryDir m_home;
    ThrowawayDatabases m_databases;

    /// Two databases on the shared server: the target has t(id); the reference also has
    /// t.extra and a table newtab — so `fix` plans CREATE TABLE newtab and ADD COLUMN extra.
    QPair<QString, QString> targetAndReference()
    {
        const QString target = m_databases.create(QStringLiteral("fault_target"));
        const QString reference = m_databases.create(QStringLiteral("fault_ref"));
        if (target.isEmpty() || reference.isEmpty())
            return {};
        auto t = connectOrFail(m_databases.url(target));
        auto r = connectOrFail(m_databases.url(reference));
        if (!t || !r || !execScript(*t, QStringLiteral("CREATE TABLE public.t (id integer PRIMARY KEY)")) ||
            !execScript(*r, QStringLiteral("CREATE TABLE public.t (id integer PRIMARY KEY, extra integer);\n"
                                           "CREATE TABLE public.newtab (id integer PRIMARY KEY)")))
            return {};
        return {m_databases.url(target), m_databases.url(reference)};
    }

    /// Whether the target still looks exactly as targetAndReference() made it.
    static bool targetUntouched(const QString &url)
    {
        auto db = connectOrFail(url);
        return db && scalar(*db, QStringLiteral("SELECT to_regclass('public.newtab') IS NULL")) == QLatin1String("true") &&
               scalar(*db, QStringLiteral("SELECT count(*) FROM information_schema.columns WHERE "
                                          "table_name = 't' AND column_name = 'extra'")) == QLatin1String("0");
    }

private slots:
    void initTestCase()
    {
        m_sharedUrl = postgresUrl(); // fails (never skips) without a server
        QVERIFY(!m_sharedUrl.isEmpty());
        QVERIFY(m_databases.open());
        qputenv("MIGCONSOLE_AUDIT_LOG", m_home.filePath(QStringLiteral("audit.log")).toUtf8());
        QVERIFY(m_own.start());
    }

    // (a) The server restarts while `schema` waits inside the catalogue read.
    void restartDuringIntrospectionSaysConnectionLost()
    {
        const QString url = m_own.url();
        auto monitor = connectOrFail(url);
        QVERIFY(monitor);
        QVERIFY(execScript(*monitor, QStringLiteral(
                                         "CREATE SCHEMA intro;\n"
                                         "CREATE TABLE intro.fault_items (id integer PRIMARY KEY, name text);\n"
                                         "CREATE VIEW intro.fault_view AS SELECT id FROM intro.fault_items")));
        // pg_get_viewdef() opens the view: the views query waits behind this lock.
        LockHolder holder;
        QVERIFY(holder.hold(url, QStringLiteral("intro.fault_view"), QStringLiteral("ACCESS EXCLUSIVE")));
        QProcess cli;
        cli.start(migconsoleBinary(), {QStringLiteral("schema"), QStringLiteral("--db"), url,
                                       QStringLiteral("--schema"), QStringLiteral("intro")});
        QVERIFY(waitForLockWait(*monitor, QStringLiteral("pg_get_viewdef")) > 0);
        QVERIFY(m_own.restart());
        QVERIFY(cli.waitForFinished(20000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 3); // a database error (CLI.md)
        QVERIFY2(err.contains(QStringLiteral("Lost the connection to %1 while reading its schema").arg(displayOf(url))),
                 qPrintable(err));
        QVERIFY2(cli.readAllStandardOutput().isEmpty(), "no half schema printed");
        for (const QString &secret : passwordForms(url))
            QVERIFY2(!err.contains(secret), "password on stderr");
        holder.release();

        // Reconnecting afterwards works and reads everything.
        QByteArray out;
        QByteArray err2;
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), url, QStringLiteral("--schema"),
                                QStringLiteral("intro")},
                               &out, &err2),
                 0);
        QVERIFY2(out.contains("fault_items") && out.contains("fault_view"), out.constData());
        const Schema schema = introspectSchema(url, QStringLiteral("intro"));
        const Table *items = schema.table(QStringLiteral("intro"), QStringLiteral("fault_items"));
        QVERIFY(items);
        QCOMPARE(items->columns.size(), 2);
        QVERIFY(items->primaryKey);
        QCOMPARE(schema.namespaces.value(0).views.size(), 1);
    }

    // (b) The server restarts while an apply waits inside its transaction.
    void restartDuringApplyLeavesNothingHalfApplied()
    {
        const QString url = m_own.url();
        {
            auto setup = connectOrFail(url);
            QVERIFY(setup);
            QVERIFY(execScript(*setup, QStringLiteral(
                                           "CREATE SCHEMA appl;\n"
                                           "CREATE TABLE appl.items (id integer PRIMARY KEY, name text);\n"
                                           "CREATE TABLE appl.alembic_version (version_num varchar(32) PRIMARY KEY);\n"
                                           "INSERT INTO appl.alembic_version VALUES ('a1')")));
        }
        const Schema before = introspectSchema(url, QStringLiteral("appl"));
        const QList<FixStatement> statements = {
            statement(QStringLiteral("CREATE TABLE appl.added (id integer)")),
            statement(QStringLiteral("UPDATE appl.alembic_version SET version_num = 'b2'")),
            statement(QStringLiteral("ALTER TABLE appl.items ADD COLUMN note text")),
        };
        auto monitor = connectOrFail(url);
        QVERIFY(monitor);
        LockHolder holder; // ADD COLUMN needs ACCESS EXCLUSIVE: it waits behind a reader
        QVERIFY(holder.hold(url, QStringLiteral("appl.items"), QStringLiteral("ACCESS SHARE")));

        std::optional<ExecutionResult> outcome;
        QString threadError;
        std::thread applying([&] {
            auto connection = DbConnection::open(settingsFor(*ConnectionUrl::parse(url)));
            if (!connection) {
                threadError = connection.error().toString();
                return;
            }
            ExecuteOptions options;
            options.lockTimeoutMs = 60000; // the restart, not the timeout, ends the wait
            const auto result = executeStatements(**connection, statements, ExecuteMode::Apply, options);
            if (result)
                outcome = *result;
            else
                threadError = result.error().toString();
        });
        const bool waited = waitForLockWait(*monitor, QStringLiteral("ADD COLUMN note")) > 0;
        const bool restarted = waited && m_own.restart();
        if (!restarted)
            holder.release(); // let the apply end so the thread can be joined
        applying.join();
        QVERIFY(waited && restarted);
        QVERIFY2(threadError.isEmpty(), qPrintable(threadError));
        QVERIFY(outcome);
        QVERIFY(!outcome->succeeded());
        QVERIFY(!outcome->committed);
        QCOMPARE(outcome->failedIndex, std::optional<int>(2));
        QCOMPARE(outcome->results.at(0).outcome, StatementOutcome::RolledBack);
        QCOMPARE(outcome->results.at(1).outcome, StatementOutcome::RolledBack);
        QVERIFY2(outcome->error.contains(QStringLiteral("Lost the connection to %1").arg(displayOf(url))),
                 qPrintable(outcome->error));
        QVERIFY2(outcome->error.contains(QStringLiteral("nothing of it was applied")), qPrintable(outcome->error));
        for (const QString &secret : passwordForms(url))
            QVERIFY(!outcome->error.contains(secret));

        // After the server is back: the schema and the version table exactly as before.
        QCOMPARE(introspectSchema(url, QStringLiteral("appl")), before);
        auto after = connectOrFail(url);
        QVERIFY(after);
        QCOMPARE(scalar(*after, QStringLiteral("SELECT string_agg(version_num, ',') FROM appl.alembic_version")),
                 QStringLiteral("a1"));
        // The audit log tells the failure.
        const QList<AuditEntry> audit = readAuditLog(m_home.filePath(QStringLiteral("audit.log")));
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.constLast().event, QStringLiteral("apply end"));
        QVERIFY2(audit.constLast().detail.startsWith(QStringLiteral("failed: Lost the connection to")),
                 qPrintable(audit.constLast().detail));

        // A second apply on a new connection goes through.
        const auto again = executeStatements(*after, statements, ExecuteMode::Apply);
        QVERIFY2(again && again->committed, qPrintable(again ? again->error : again.error().toString()));
        QCOMPARE(scalar(*after, QStringLiteral("SELECT version_num FROM appl.alembic_version")), QStringLiteral("b2"));
        QVERIFY(introspectSchema(url, QStringLiteral("appl"))
                    .table(QStringLiteral("appl"), QStringLiteral("items"))
                    ->column(QStringLiteral("note")));
    }

    // (d) Executor API: lock_timeout fires on the second statement; the first is undone too.
    void lockTimeoutRollsBackThePlanAndNamesTheWait()
    {
        const QString ns = uniqueSchemaName(QStringLiteral("lockwait"));
        auto db = connectOrFail(m_sharedUrl);
        QVERIFY(db);
        QVERIFY(execScript(*db, QStringLiteral("CREATE SCHEMA %1;\nCREATE TABLE %1.items (id integer PRIMARY KEY)").arg(ns)));
        const Schema before = introspectSchema(m_sharedUrl, ns);
        LockHolder holder;
        QVERIFY(holder.hold(m_sharedUrl, ns + QStringLiteral(".items"), QStringLiteral("ACCESS SHARE")));
        ExecuteOptions options;
        options.lockTimeoutMs = 300;
        const auto result = executeStatements(
            *db,
            {statement(QStringLiteral("CREATE TABLE %1.first_one (id integer)").arg(ns)),
             statement(QStringLiteral("ALTER TABLE %1.items ADD COLUMN waits integer").arg(ns))},
            ExecuteMode::Apply, options);
        holder.release();
        QVERIFY(result);
        QCOMPARE(result->failedIndex, std::optional<int>(1));
        QCOMPARE(result->results.at(0).outcome, StatementOutcome::RolledBack);
        QVERIFY(!result->committed);
        QVERIFY2(result->error.contains(QStringLiteral("waited longer than the lock timeout (300 ms)")),
                 qPrintable(result->error));
        QVERIFY2(result->error.contains(QStringLiteral("another session holds")), qPrintable(result->error));
        QCOMPARE(introspectSchema(m_sharedUrl, ns), before);
        db->exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(ns), QStringLiteral("cleanup"));
    }

    // (d) `fix --apply`: the same through the CLI, exit status 3 and JSON that says it all.
    void cliApplyLockTimeoutExitsThreeAndRollsBack()
    {
        const auto [target, reference] = targetAndReference();
        QVERIFY(!target.isEmpty());
        LockHolder holder;
        QVERIFY(holder.hold(target, QStringLiteral("public.t"), QStringLiteral("ACCESS SHARE")));
        QByteArray out;
        QByteArray err;
        const int code = runMigconsole({QStringLiteral("fix"), QStringLiteral("--db"), target,
                                        QStringLiteral("--reference"), reference, QStringLiteral("--apply"),
                                        QStringLiteral("--yes"), QStringLiteral("--lock-timeout"),
                                        QStringLiteral("300ms"), QStringLiteral("--format"), QStringLiteral("json")},
                                       &out, &err);
        holder.release();
        QCOMPARE(code, 3);
        const QJsonObject execution = QJsonDocument::fromJson(out).object().value(QStringLiteral("execution")).toObject();
        QVERIFY2(!execution.isEmpty(), out.constData());
        QCOMPARE(execution.value(QStringLiteral("committed")).toBool(true), false);
        const QString error = execution.value(QStringLiteral("error")).toString();
        QVERIFY2(error.contains(QStringLiteral("lock timeout (300 ms)")), qPrintable(error));
        QStringList outcomes;
        for (const QJsonValue &s : execution.value(QStringLiteral("statements")).toArray())
            outcomes.append(s.toObject().value(QStringLiteral("outcome")).toString());
        // The table is created before the column is added: that earlier statement is undone.
        const qsizetype failed = outcomes.indexOf(QStringLiteral("failed"));
        QVERIFY2(failed > 0, qPrintable(outcomes.join(QLatin1Char(','))));
        for (qsizetype i = 0; i < failed; ++i)
            QCOMPARE(outcomes.at(i), QStringLiteral("rolled_back"));
        QVERIFY(targetUntouched(target));
        for (const QString &secret : passwordForms(target))
            QVERIFY(!out.contains(secret.toUtf8()) && !err.contains(secret.toUtf8()));
    }

    // (e) The audit log cannot be written: an apply is refused before it writes anything;
    // reading commands, preview and dry-run (which changes nothing) keep working.
    void fullAuditLogRefusesApplyOnly()
    {
        const auto [target, reference] = targetAndReference();
        QVERIFY(!target.isEmpty());
        const QStringList fullDisk = {QStringLiteral("MIGCONSOLE_AUDIT_LOG=/dev/full")};
        const QStringList source = {QStringLiteral("--db"), target, QStringLiteral("--reference"), reference};
        QByteArray out;
        QByteArray err;
        const int applied = runMigconsole(QStringList{QStringLiteral("fix")} + source +
                                              QStringList{QStringLiteral("--apply"), QStringLiteral("--yes")},
                                          &out, &err, fullDisk);
        QCOMPARE(applied, 2);
        QVERIFY2(err.contains("audit log /dev/full") && err.contains("nothing was applied"), err.constData());
        QVERIFY(targetUntouched(target));

        QCOMPARE(runMigconsole(QStringList{QStringLiteral("check")} + source, &out, &err, fullDisk), 1); // drift
        QVERIFY2(out.contains("newtab"), out.constData());
        QCOMPARE(runMigconsole({QStringLiteral("schema"), QStringLiteral("--db"), target}, &out, &err, fullDisk), 0);
        QCOMPARE(runMigconsole(QStringList{QStringLiteral("fix")} + source + QStringList{QStringLiteral("--preview")},
                               &out, &err, fullDisk),
                 0);
        QCOMPARE(runMigconsole(QStringList{QStringLiteral("fix")} + source + QStringList{QStringLiteral("--dry-run")},
                               &out, &err, fullDisk),
                 0);
        QVERIFY(targetUntouched(target));
    }

    // (e) The same refusal through the Executor API, naming the path.
    void unwritableAuditLogRefusesExecutorApply()
    {
        const auto [target, reference] = targetAndReference();
        QVERIFY(!target.isEmpty());
        auto db = connectOrFail(target);
        QVERIFY(db);
        const QByteArray saved = qgetenv("MIGCONSOLE_AUDIT_LOG");
        qputenv("MIGCONSOLE_AUDIT_LOG", "/dev/full");
        const auto refused = executeStatements(*db, {statement(QStringLiteral("CREATE TABLE public.newtab (id integer)"))},
                                               ExecuteMode::Apply);
        qputenv("MIGCONSOLE_AUDIT_LOG", saved);
        QVERIFY(!refused);
        QVERIFY2(refused.error().message.contains(QStringLiteral("/dev/full")), qPrintable(refused.error().toString()));
        QVERIFY(targetUntouched(target));
    }

    void cleanupTestCase() { m_databases.dropAll(); }
};

QTEST_GUILESS_MAIN(TestFaultsPostgres)
#include "test_faults_postgres.moc"
