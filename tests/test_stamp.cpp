// planAlembicStamp on hand-built graphs: which rows each stamp leaves (REFERENCE.md §1.4),
// the refusals, the shape of every statement — and the statements run on SQLite, twice, to
// show they produce those rows and change nothing the second time. Agreement with real
// Alembic is test_stamp_alembic's job.

#include "db/DbConnection.h"
#include "fix/Stamp.h"
#include "fix/ToolStamp.h"
#include "history/MigrationHistory.h"
#include "history/ToolHistory.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;

namespace {

Revision rev(const char *id, std::initializer_list<const char *> down,
             std::initializer_list<const char *> deps = {},
             std::initializer_list<const char *> labels = {})
{
    Revision r;
    r.id = QString::fromUtf8(id);
    for (const char *d : down)
        r.downRevisions.append(QString::fromUtf8(d));
    for (const char *d : deps)
        r.dependsOn.append(QString::fromUtf8(d));
    for (const char *l : labels)
        r.branchLabels.append(QString::fromUtf8(l));
    return r;
}

/// r000 ─ a100 ─ a200 ─┐
///    │    └─ e100     m000 ─ c100        d100 ─ d200 (depends_on b100; label "delta")
///    └─ b100 ─ b200 ─┘
/// a100 carries the label "alpha", e100 "echo"; abcd1111 / abcd2222 share a prefix.
RevisionGraph branchedGraph()
{
    QList<HistoryProblem> problems;
    const RevisionGraph graph = RevisionGraph::build(
        {rev("r000", {}), rev("a100", {"r000"}, {}, {"alpha"}), rev("a200", {"a100"}),
         rev("b100", {"r000"}), rev("b200", {"b100"}), rev("m000", {"a200", "b200"}),
         rev("c100", {"m000"}), rev("e100", {"a100"}, {}, {"echo"}), rev("d100", {}, {}, {"delta"}),
         rev("d200", {"d100"}, {"b100"}), rev("abcd1111", {"c100"}), rev("abcd2222", {"e100"})},
        &problems);
    if (!problems.isEmpty())
        qWarning("graph problems: %s", qPrintable(problems.first().message));
    return graph;
}

RevisionGraph linearGraph()
{
    QList<HistoryProblem> problems;
    return RevisionGraph::build({rev("l1", {}), rev("l2", {"l1"}), rev("l3", {"l2"})}, &problems);
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QStringList words(const char *text)
{
    return QString::fromUtf8(text).split(u' ', Qt::SkipEmptyParts);
}

VersionTableLocation sqliteTable()
{
    VersionTableLocation location;
    location.dialect = Dialect::SQLite;
    return location;
}

std::optional<QStringList> rowsOf(const char *text)
{
    if (QByteArray(text) == "<none>")
        return std::nullopt;
    return words(text);
}

/// Creates the table (unless `rows` is nullopt) with `rows`, runs `statements`, reads back.
QStringList runOnSqlite(const QString &file, const std::optional<QStringList> &rows,
                        const QList<FixStatement> &statements, int times)
{
    ConnectionSettings settings;
    settings.url = *ConnectionUrl::parse(QStringLiteral("sqlite:///") + file);
    settings.createSqliteFile = true;
    auto connection = DbConnection::open(settings);
    if (!connection) {
        QTest::qFail(qPrintable(connection.error().toString()), __FILE__, __LINE__);
        return {};
    }
    DbConnection &db = **connection;
    if (rows) {
        db.exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                               "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"),
                QStringLiteral("create"));
        for (const QString &row : *rows)
            db.exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(row),
                    QStringLiteral("row"));
    }
    for (int i = 0; i < times; ++i) {
        for (const FixStatement &statement : statements) {
            const auto done = db.exec(statement.sql, statement.summary);
            if (!done) {
                QTest::qFail(qPrintable(done.error().toString()), __FILE__, __LINE__);
                return {};
            }
        }
    }
    const auto read = readAlembicVersions(db, QStringLiteral("alembic_version"), {});
    return read && *read ? **read : QStringList{QStringLiteral("<no table>")};
}

} // namespace

class TestStamp : public QObject
{
    Q_OBJECT

private slots:
    void rowsAfterStamp_data()
    {
        QTest::addColumn<QString>("graph");
        QTest::addColumn<QString>("rows"); // "<none>" = no table
        QTest::addColumn<QString>("targets");
        QTest::addColumn<bool>("purge");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QString>("kinds"); // statement verbs in order

        const auto row = [](const char *name, const char *graph, const char *rows,
                            const char *targets, bool purge, const char *after, const char *kinds) {
            QTest::newRow(name) << QString::fromUtf8(graph) << QString::fromUtf8(rows)
                                << QString::fromUtf8(targets) << purge << sorted(words(after))
                                << QString::fromUtf8(kinds);
        };
        // linear
        row("linear, no table", "linear", "<none>", "l2", false, "l2", "CREATE INSERT");
        row("linear, empty table", "linear", "", "l3", false, "l3", "INSERT");
        row("linear up", "linear", "l1", "l3", false, "l3", "UPDATE");
        row("linear down", "linear", "l3", "l1", false, "l1", "UPDATE");
        row("already there", "linear", "l2", "l2", false, "l2", "");
        row("linear base", "linear", "l2", "base", false, "", "DELETE");
        // Alembic decides every step from the rows before the stamp: the second target
        // finds its lineage's row gone and is inserted beside the first.
        row("two targets on one lineage", "linear", "l1", "l2 l3", false, "l2 l3", "UPDATE INSERT");
        // branches and merges
        row("one branch moves, the other stays", "branched", "a100 b100", "a200", false,
            "a200 b100", "UPDATE");
        row("unrelated branch is a new lineage", "branched", "a100", "b200", false, "a100 b200",
            "INSERT");
        row("merge collapses both rows", "branched", "a200 b200", "m000", false, "m000",
            "DELETE UPDATE");
        row("down through a merge", "branched", "c100", "a100", false, "a100", "UPDATE");
        row("down onto a branch point", "branched", "a200 e100", "a100", false, "a100",
            "DELETE UPDATE");
        row("merge keeps the unrelated row", "branched", "a200 e100", "m000", false, "e100 m000",
            "UPDATE");
        row("several branches", "branched", "r000", "a200 b200", false, "a200 b200",
            "UPDATE INSERT");
        row("heads", "branched", "<none>", "heads", false, "abcd1111 abcd2222 d200",
            "CREATE INSERT INSERT INSERT");
        row("label@head", "branched", "a100", "echo@head", false, "abcd2222", "UPDATE");
        row("unique prefix", "branched", "c100", "abcd1", false, "abcd1111", "UPDATE");
        // depends_on: d200 depends on b100, so a row at r000 is below it and collapses.
        row("depends_on collapses the dependency's row", "branched", "r000", "d200", false, "d200",
            "UPDATE");
        row("depends_on stays apart from a side branch", "branched", "e100 d100", "d200", false,
            "d200 e100", "UPDATE");
        // base
        row("base deletes every row", "branched", "a200 b100 d100", "base", false, "",
            "DELETE DELETE DELETE");
        row("label@base deletes that lineage", "branched", "e100 d200", "delta@base", false, "e100",
            "DELETE");
        // purge
        row("purge clears unknown rows", "branched", "zzzz a100", "c100", true, "c100",
            "DELETE INSERT");
        row("purge then several targets", "branched", "a200 b200", "a100 d100", true, "a100 d100",
            "DELETE INSERT INSERT");
        row("purge base", "branched", "a200", "base", true, "", "DELETE");
    }

    void rowsAfterStamp()
    {
        QFETCH(QString, graph);
        QFETCH(QString, rows);
        QFETCH(QString, targets);
        QFETCH(bool, purge);
        QFETCH(QStringList, after);
        QFETCH(QString, kinds);

        const RevisionGraph g = graph == QLatin1String("linear") ? linearGraph() : branchedGraph();
        const auto current = rowsOf(rows.toUtf8().constData());
        StampRequest request;
        request.revisions = targets.split(u' ', Qt::SkipEmptyParts);
        request.purge = purge;
        const auto plan = planAlembicStampWithRows(g, current, request, sqliteTable());
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        QCOMPARE(sorted(plan->rowsAfter), after);

        QStringList verbs;
        for (const FixStatement &s : plan->statements) {
            verbs.append(s.sql.section(u' ', 0, 0));
            QCOMPARE(s.purpose, FixPurpose::Stamp);
            QVERIFY2(!s.revision.isEmpty(), qPrintable(s.sql));
            QVERIFY2(!s.summary.isEmpty(), qPrintable(s.sql));
            QVERIFY(!s.sql.endsWith(u';'));
        }
        QCOMPARE(verbs.join(u' '), kinds);

        // The statements produce the rows predicted, and running them twice is the same.
        QTemporaryDir dir;
        QCOMPARE(sorted(runOnSqlite(dir.filePath(QStringLiteral("once.db")), current,
                                    plan->statements, 1)),
                 after);
        QCOMPARE(sorted(runOnSqlite(dir.filePath(QStringLiteral("twice.db")), current,
                                    plan->statements, 2)),
                 after);
    }

    void statementsAreExactAndQuoted()
    {
        VersionTableLocation location;
        location.dialect = Dialect::PostgreSQL;
        location.schema = QStringLiteral("ops");
        location.table = QStringLiteral("version's");
        StampRequest request{{QStringLiteral("l3")}, false};
        const auto plan =
            planAlembicStamp(linearGraph(), QStringList{QStringLiteral("l1")}, request, location);
        QVERIFY(plan.ok());
        QCOMPARE(plan->size(), 1);
        QCOMPARE(plan->first().sql,
                 QStringLiteral("UPDATE \"ops\".\"version's\" SET \"version_num\" = 'l3' "
                                "WHERE \"version_num\" = 'l1'"));
        QCOMPARE(plan->first().revision, QStringLiteral("l3"));

        const auto created = planAlembicStamp(linearGraph(), std::nullopt, request, location);
        QVERIFY(created.ok());
        QCOMPARE(
            created->first().sql,
            QStringLiteral(
                "CREATE TABLE IF NOT EXISTS \"ops\".\"version's\" (\"version_num\" VARCHAR(32) "
                "NOT NULL, CONSTRAINT \"version's_pkc\" PRIMARY KEY (\"version_num\"))"));
        QCOMPARE(created->at(1).sql,
                 QStringLiteral(
                     "INSERT INTO \"ops\".\"version's\" (\"version_num\") SELECT 'l3' WHERE NOT "
                     "EXISTS (SELECT 1 FROM \"ops\".\"version's\" WHERE \"version_num\" = 'l3')"));
    }

    void longIdsWidenTheColumn()
    {
        const QString longId = QStringLiteral("add_a_rather_long_descriptive_revision_id");
        QList<HistoryProblem> problems;
        Revision r;
        r.id = longId;
        const RevisionGraph graph = RevisionGraph::build({r}, &problems);
        const auto plan =
            planAlembicStamp(graph, std::nullopt, StampRequest{{longId}, false}, sqliteTable());
        QVERIFY(plan.ok());
        QVERIFY2(plan->first().sql.contains(QStringLiteral("VARCHAR(%1)").arg(longId.size())),
                 qPrintable(plan->first().sql));
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("rows");
        QTest::addColumn<QString>("targets");
        QTest::addColumn<QString>("message"); // must appear in the error
        QTest::newRow("unknown target") << "a100"
                                        << "nope1234"
                                        << "nope1234";
        QTest::newRow("ambiguous prefix") << "a100"
                                          << "abcd"
                                          << "Multiple revisions start with 'abcd'";
        QTest::newRow("unknown row") << "a100 gone9999"
                                     << "c100"
                                     << "gone9999";
        QTest::newRow("unknown row suggests purge") << "gone9999"
                                                    << "c100"
                                                    << "--purge";
        QTest::newRow("head with several heads") << ""
                                                 << "head"
                                                 << "Multiple heads";
        QTest::newRow("unknown label") << ""
                                       << "nolabel@head"
                                       << "nolabel";
        QTest::newRow("rows above and below") << "r000 a200"
                                              << "a100"
                                              << "above and below";
        QTest::newRow("nothing named") << ""
                                       << ""
                                       << "Name the revision";
    }

    void refusals()
    {
        QFETCH(QString, rows);
        QFETCH(QString, targets);
        QFETCH(QString, message);
        StampRequest request;
        request.revisions = targets.split(u' ', Qt::SkipEmptyParts);
        const auto plan = planAlembicStamp(branchedGraph(), rows.split(u' ', Qt::SkipEmptyParts),
                                           request, sqliteTable());
        QVERIFY(!plan.ok());
        QCOMPARE(plan.error().code, ErrorCode::BadInput);
        QVERIFY2(plan.error().message.contains(message), qPrintable(plan.error().message));
    }

    /// The other tools on SQLite: the statements run there, twice, and readToolHistory reads
    /// the result back as applied. (PostgreSQL: test_stamp_postgres, through the CLI.)
    void toolStampsOnSqlite_data()
    {
        QTest::addColumn<QString>("setup");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QStringList>("after"); // versions readToolHistory lists, none failed
        QTest::newRow("flyway")
            << QStringLiteral(
                   "CREATE TABLE flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, "
                   "version VARCHAR(50), description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT "
                   "NULL, "
                   "script VARCHAR(1000) NOT NULL, checksum INT, installed_by VARCHAR(100) NOT "
                   "NULL, "
                   "installed_on TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, execution_time INT NOT "
                   "NULL, "
                   "success BOOLEAN NOT NULL);"
                   "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                   "script, "
                   "checksum, installed_by, execution_time, success) VALUES (1, '1', 'init', "
                   "'SQL', "
                   "'V1__init.sql', 1, 'me', 3, 1);"
                   "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
                   "script, "
                   "checksum, installed_by, execution_time, success) VALUES (2, '1.1', 'broken', "
                   "'SQL', "
                   "'V1_1__broken.sql', 1, 'me', 3, 0)")
            << QStringList{QStringLiteral("V1__init.sql"), QStringLiteral("V1_1__broken.sql")}
            << QStringLiteral("1.01") << QStringLiteral("flyway")
            << QStringList{QStringLiteral("1"), QStringLiteral("1.1")};
        QTest::newRow("golang-migrate")
            << QStringLiteral("CREATE TABLE schema_migrations (version bigint NOT NULL PRIMARY "
                              "KEY, dirty boolean NOT NULL);"
                              "INSERT INTO schema_migrations VALUES (5, 1)")
            << QStringList{QStringLiteral("4_x.up.sql"), QStringLiteral("5_y.up.sql")}
            << QStringLiteral("4") << QStringLiteral("golang-migrate")
            << QStringList{QStringLiteral("4")};
        QTest::newRow("prisma") << QStringLiteral("CREATE TABLE _prisma_migrations (id TEXT "
                                                  "PRIMARY KEY NOT NULL, checksum TEXT NOT NULL, "
                                                  "finished_at DATETIME, migration_name TEXT NOT "
                                                  "NULL, logs TEXT, rolled_back_at DATETIME, "
                                                  "started_at DATETIME NOT NULL DEFAULT "
                                                  "current_timestamp, applied_steps_count INTEGER "
                                                  "NOT NULL DEFAULT 0);"
                                                  "INSERT INTO _prisma_migrations (id, checksum, "
                                                  "migration_name) VALUES ('u1', 'c', '2024_a')")
                                << QStringList{QStringLiteral("2024_a/migration.sql")}
                                << QStringLiteral("2024_a") << QStringLiteral("prisma")
                                << QStringList{QStringLiteral("2024_a"), QStringLiteral("2024_a")};
    }

    void toolStampsOnSqlite()
    {
        QFETCH(QString, setup);
        QFETCH(QStringList, files);
        QFETCH(QString, version);
        QFETCH(QString, tool);
        QFETCH(QStringList, after);
        QTemporaryDir dir;
        for (const QString &name : std::as_const(files)) {
            const QString path = dir.filePath(QStringLiteral("m/") + name);
            QDir().mkpath(QFileInfo(path).absolutePath());
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("SELECT 1;\n");
        }
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(QStringLiteral("sqlite:///") +
                                             dir.filePath(QStringLiteral("t.db")));
        settings.createSqliteFile = true;
        auto connection = DbConnection::open(settings);
        QVERIFY(connection.ok());
        DbConnection &db = **connection;
        for (const QString &statement : setup.split(u';', Qt::SkipEmptyParts))
            QVERIFY(db.exec(statement, QStringLiteral("setup")).ok());

        const auto history = readToolHistory(db);
        QVERIFY(history.ok() && history->has_value());
        QCOMPARE((*history)->tool, tool);
        const auto plan =
            planToolStamp(db, **history, dir.filePath(QStringLiteral("m")), {version});
        QVERIFY2(plan.ok(), plan.ok() ? "" : qPrintable(plan.error().message));
        for (int run = 0; run < 2; ++run) {
            for (const FixStatement &statement : plan->statements) {
                QCOMPARE(statement.purpose, FixPurpose::Stamp);
                QVERIFY(!statement.revision.isEmpty());
                const auto done = db.exec(statement.sql, statement.summary);
                QVERIFY2(done.ok(), qPrintable(done.ok() ? QString() : done.error().toString()));
            }
        }
        const auto read = readToolHistory(db);
        QVERIFY(read.ok() && read->has_value());
        QStringList versions;
        for (const ToolMigration &migration : (*read)->migrations) {
            versions.append(migration.version);
            QVERIFY2(!migration.failed, qPrintable(migration.version));
        }
        QCOMPARE(versions, after);

        // Naming a migration no file defines is refused.
        const auto unknown =
            planToolStamp(db, **read, dir.filePath(QStringLiteral("m")), {QStringLiteral("99")});
        QVERIFY(!unknown.ok());
        QCOMPARE(unknown.error().code, ErrorCode::BadInput);
    }

    void flywayChecksumIsCrc32OfTheLines()
    {
        // Oracle: Python's zlib.crc32 fed line by line, as Flyway's ChecksumCalculator does.
        const QByteArray text = "\xEF\xBB\xBF-- add x\r\nALTER TABLE t ADD x int;\n\nSELECT 'é';\n";
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"),
                     {QStringLiteral("-c"),
                      QStringLiteral("import sys,zlib\n"
                                     "data=sys.stdin.buffer.read().decode('utf-8-sig')\n"
                                     "c=0\n"
                                     "for line in data.splitlines():\n"
                                     "    c=zlib.crc32(line.encode('utf-8'),c)\n"
                                     "print(c-(1<<32) if c>=(1<<31) else c)")});
        python.write(text);
        python.closeWriteChannel();
        QVERIFY(python.waitForFinished(30000));
        const qint32 expected = python.readAllStandardOutput().trimmed().toInt();
        QCOMPARE(flywayChecksum(text), expected);
        // Line endings do not matter to Flyway.
        QByteArray lf = text;
        lf.replace("\r\n", "\n");
        QCOMPARE(flywayChecksum(lf), expected);
    }

    void prismaChecksumIsSha256Hex()
    {
        QCOMPARE(prismaChecksum("abc"),
                 QString::fromLatin1(
                     QCryptographicHash::hash("abc", QCryptographicHash::Sha256).toHex()));
        QCOMPARE(prismaChecksum("abc").size(), 64);
    }
};

QTEST_GUILESS_MAIN(TestStamp)
#include "test_stamp.moc"
