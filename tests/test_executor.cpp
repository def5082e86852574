// The Executor on SQLite and the editable-text round trip: all-or-nothing transactions,
// dry-runs, skip guards, foreign keys switched off around rebuilds and restored, a second
// writer refused while the first holds the database, and statementsFromSqlText reading the
// directives FixPlan::toSql writes.

#include "TestSupport.h"
#include "db/Introspector.h"
#include "fix/Executor.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

ConnectionSettings settingsFor(const ConnectionUrl &url)
{
    ConnectionSettings settings;
    settings.url = url;
    return settings;
}

FixStatement statement(const QString &sql)
{
    FixStatement s;
    s.sql = sql;
    s.summary = sql.left(60);
    return s;
}

QString scalar(DbConnection &connection, const QString &sql)
{
    QSqlQuery query(connection.database());
    if (!query.exec(sql) || !query.next())
        return QStringLiteral("<error>");
    return query.value(0).toString();
}

} // namespace

class TestExecutor : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<DbConnection> m_db;

    QString rows() { return scalar(*m_db, QStringLiteral("SELECT count(*) || ':' || group_concat(name, ',') FROM items")); }
    Schema schema() { return *introspect(*m_db, IntrospectOptions{}); }

private slots:
    void init()
    {
        qputenv("MIGCONSOLE_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.log")).toUtf8());
        m_path = m_dir.filePath(QStringLiteral("exec-%1.db").arg(QString::fromLatin1(QTest::currentTestFunction())));
        ConnectionSettings settings = settingsFor(*ConnectionUrl::parse(QStringLiteral("sqlite:///") + m_path));
        settings.createSqliteFile = true;
        settings.connectTimeoutSeconds = 1;
        auto opened = DbConnection::open(settings);
        QVERIFY(opened);
        m_db = std::move(opened).value();
        QVERIFY(execScript(*m_db, QStringLiteral(
                                      "CREATE TABLE owners (id integer PRIMARY KEY, name text);\n"
                                      "CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL, "
                                      "owner_id integer REFERENCES owners(id));\n"
                                      "INSERT INTO owners VALUES (1, 'o');\n"
                                      "INSERT INTO items VALUES (1, 'a', 1), (2, 'b', 1), (3, 'c', NULL)")));
        QVERIFY(m_db->exec(QStringLiteral("PRAGMA foreign_keys = ON"), QStringLiteral("fk on")));
    }

    void cleanup() { m_db.reset(); }

    void failureRollsBackEverything()
    {
        const Schema before = schema();
        const QString rowsBefore = rows();
        const QList<FixStatement> statements = {
            statement(QStringLiteral("ALTER TABLE items ADD COLUMN note text")),
            statement(QStringLiteral("DELETE FROM items")),
            statement(QStringLiteral("CREATE TABLE owners (id integer)")), // already exists
        };
        const auto result = executeStatements(*m_db, statements, ExecuteMode::Apply);
        QVERIFY(result);
        QCOMPARE(result->failedIndex, std::optional<int>(2));
        QCOMPARE(result->results.at(0).outcome, StatementOutcome::RolledBack);
        QVERIFY(result->results.at(2).error.contains(QStringLiteral("already exists")));
        QCOMPARE(schema(), before);
        QCOMPARE(rows(), rowsBefore);
    }

    void dryRunRollsBackAndApplyCommits()
    {
        const QString rowsBefore = rows();
        const QList<FixStatement> statements = {statement(QStringLiteral("ALTER TABLE items ADD COLUMN note text")),
                                                statement(QStringLiteral("UPDATE items SET note = 'x'"))};
        const auto dry = executeStatements(*m_db, statements, ExecuteMode::DryRun);
        QVERIFY(dry && dry->succeeded() && !dry->committed);
        QVERIFY(dry->results.at(0).note.contains(QStringLiteral("dry-run")));
        QVERIFY(!schema().table(QStringLiteral("main"), QStringLiteral("items"))->column(QStringLiteral("note")));
        const auto applied = executeStatements(*m_db, statements, ExecuteMode::Apply);
        QVERIFY(applied && applied->committed);
        QVERIFY(schema().table(QStringLiteral("main"), QStringLiteral("items"))->column(QStringLiteral("note")));
        QCOMPARE(rows(), rowsBefore);
    }

    void skipGuardMakesAddColumnIdempotent()
    {
        FixStatement add = statement(QStringLiteral("ALTER TABLE items ADD COLUMN note text"));
        add.skipIfSql = QStringLiteral("SELECT 1 FROM pragma_table_info('items') WHERE name = 'note'");
        const auto first = executeStatements(*m_db, {add}, ExecuteMode::Apply);
        QVERIFY(first && first->succeeded());
        QVERIFY(first->results.at(0).note.isEmpty());
        const auto second = executeStatements(*m_db, {add}, ExecuteMode::Apply);
        QVERIFY2(second && second->succeeded(), qPrintable(second ? second->error : QString()));
        QVERIFY(second->results.at(0).note.contains(QStringLiteral("already in place")));
    }

    void rebuildRunsWithForeignKeysOffAndRestoresThem()
    {
        QList<FixStatement> rebuild = {
            statement(QStringLiteral("CREATE TABLE items_new (id integer PRIMARY KEY, name varchar(10) NOT NULL, "
                                     "owner_id integer REFERENCES owners(id))")),
            statement(QStringLiteral("INSERT INTO items_new SELECT id, name, owner_id FROM items")),
            statement(QStringLiteral("DROP TABLE items")),
            statement(QStringLiteral("ALTER TABLE items_new RENAME TO items")),
        };
        for (FixStatement &s : rebuild)
            s.needsForeignKeysOff = true;
        const QString rowsBefore = rows();
        const auto result = executeStatements(*m_db, rebuild, ExecuteMode::Apply);
        QVERIFY2(result && result->succeeded(), qPrintable(result ? result->error : result.error().toString()));
        QCOMPARE(rows(), rowsBefore);
        QCOMPARE(schema().table(QStringLiteral("main"), QStringLiteral("items"))->column(QStringLiteral("name"))->type,
                 QStringLiteral("varchar(10)"));
        QCOMPARE(scalar(*m_db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));

        // A rebuild that breaks a reference is refused by foreign_key_check and undone.
        QList<FixStatement> breaking = {statement(QStringLiteral("DELETE FROM owners"))};
        breaking.first().needsForeignKeysOff = true;
        const auto refused = executeStatements(*m_db, breaking, ExecuteMode::Apply);
        QVERIFY(refused && !refused->succeeded() && !refused->committed);
        QVERIFY2(refused->error.contains(QStringLiteral("reference missing rows")), qPrintable(refused->error));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM owners")), QStringLiteral("1"));
        QCOMPARE(scalar(*m_db, QStringLiteral("PRAGMA foreign_keys")), QStringLiteral("1"));
    }

    void secondWriterIsRefusedWhileTheFirstHoldsTheDatabase()
    {
        QSqlDatabase holder = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("holder"));
        {
            holder.setDatabaseName(m_path);
            QVERIFY(holder.open());
            QSqlQuery hold(holder);
            QVERIFY(hold.exec(QStringLiteral("BEGIN IMMEDIATE")));
            const auto refused = executeStatements(*m_db, {statement(QStringLiteral("ALTER TABLE items ADD COLUMN x int"))},
                                                   ExecuteMode::Apply);
            QVERIFY(!refused);
            QVERIFY2(refused.error().message.contains(QStringLiteral("Another session is writing")),
                     qPrintable(refused.error().toString()));
            QVERIFY(hold.exec(QStringLiteral("ROLLBACK")));
            holder.close();
        }
        holder = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("holder"));
        QVERIFY(!schema().table(QStringLiteral("main"), QStringLiteral("items"))->column(QStringLiteral("x")));
    }

    void readOnlyUrlOpensReadOnly()
    {
        auto readOnly = DbConnection::open(
            settingsFor(*ConnectionUrl::parse(QStringLiteral("sqlite:///%1?mode=ro").arg(m_path))));
        QVERIFY(readOnly);
        QVERIFY((*readOnly)->isReadOnly());
        QCOMPARE((*readOnly)->displayUrl(), QStringLiteral("sqlite:///%1?mode=ro").arg(m_path));
        QVERIFY(!executeStatements(**readOnly, {statement(QStringLiteral("DELETE FROM items"))}, ExecuteMode::Apply));
        QVERIFY(!(*readOnly)->exec(QStringLiteral("DELETE FROM items"), QStringLiteral("direct")));
        QCOMPARE(scalar(*m_db, QStringLiteral("SELECT count(*) FROM items")), QStringLiteral("3"));
    }

    void textRoundTripKeepsDirectivesAndLines()
    {
        FixStatement guarded = statement(QStringLiteral("ALTER TABLE \"items\" ADD COLUMN \"note\" text"));
        guarded.skipIfSql = QStringLiteral("SELECT 1 FROM pragma_table_info('items') WHERE name = 'note'");
        FixStatement rebuild = statement(QStringLiteral("DROP TABLE \"x\""));
        rebuild.needsForeignKeysOff = true;
        FixStatement concurrent = statement(QStringLiteral("CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"));
        concurrent.inTransaction = false;
        QString text = QStringLiteral("-- header; with a semicolon\n\n");
        for (const FixStatement &s : {guarded, rebuild, concurrent}) {
            text += QStringLiteral("-- a comment; also with one\n");
            for (const QString &line : statementDirectives(s))
                text += line + QLatin1Char('\n');
            text += s.sql + QStringLiteral(";\n\n");
        }
        QList<int> lines;
        const auto parsed = statementsFromSqlText(text, Dialect::PostgreSQL, &lines);
        QCOMPARE(parsed.size(), 3);
        QCOMPARE(parsed.at(0).sql, guarded.sql);
        QCOMPARE(parsed.at(0).skipIfSql, guarded.skipIfSql);
        QVERIFY(parsed.at(1).needsForeignKeysOff);
        QVERIFY(!parsed.at(2).inTransaction);
        const QStringList textLines = text.split(QLatin1Char('\n'));
        for (int i = 0; i < 3; ++i)
            QCOMPARE(textLines.at(lines.at(i) - 1), parsed.at(i).sql + QLatin1Char(';'));

        // Typed by hand without directives: CONCURRENTLY still runs outside the transaction.
        const auto typed = statementsFromSqlText(QStringLiteral("create unique index concurrently u on t(a)"),
                                                 Dialect::PostgreSQL);
        QCOMPARE(typed.size(), 1);
        QVERIFY(!typed.first().inTransaction);
    }
};

QTEST_GUILESS_MAIN(TestExecutor)
#include "test_executor.moc"
