// Our stamp against REAL Alembic (Debian's python3-alembic) on SQLite: for a project with
// branches, a merge, a second base with a label, depends_on and shared prefixes, each
// scenario starts two identical database files, runs `alembic stamp …` on one and our plan
// on the other, and compares the version rows — and what `alembic current` prints on each.
// Where Alembic refuses (or fails), ours must refuse too.

#include "RealAlembic.h"
#include "TestSupport.h"
#include "db/DbConnection.h"
#include "fix/AuditLog.h"
#include "fix/Stamp.h"
#include "history/AlembicProject.h"
#include "history/MigrationHistory.h"

#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;

namespace {

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

std::unique_ptr<DbConnection> openSqlite(const QString &file)
{
    ConnectionSettings settings;
    settings.url = *ConnectionUrl::parse(QStringLiteral("sqlite:///") + file);
    settings.createSqliteFile = true;
    auto connection = DbConnection::open(settings);
    if (!connection) {
        QTest::qFail(qPrintable(connection.error().toString()), __FILE__, __LINE__);
        return nullptr;
    }
    return std::move(connection).value();
}

/// A database file whose version table holds `rows` (no table when `rows` is "<none>").
void prepare(const QString &file, const QString &rows)
{
    auto db = openSqlite(file);
    if (!db || rows == QLatin1String("<none>"))
        return;
    db->exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"),
             QStringLiteral("create"));
    for (const QString &row : rows.split(u' ', Qt::SkipEmptyParts))
        db->exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(row),
                 QStringLiteral("row"));
}

QStringList versionRows(const QString &file)
{
    auto db = openSqlite(file);
    if (!db)
        return {};
    const auto rows = readAlembicVersions(*db, QStringLiteral("alembic_version"), {});
    if (!rows)
        return {QStringLiteral("<error>")};
    return *rows ? sorted(**rows) : QStringList{QStringLiteral("<no table>")};
}

} // namespace

class TestStampAlembic : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project;

private slots:
    void initTestCase()
    {
        QVERIFY2(!RealAlembic::python().isEmpty(),
                 "no python3 that imports alembic (python3-alembic)");
        m_project = m_dir.filePath(QStringLiteral("project"));
        // The binary's audit log goes to the test's folder, not the user's.
        qputenv("MIGCONSOLE_AUDIT_LOG", m_dir.filePath(QStringLiteral("audit.log")).toUtf8());
        const RealAlembic alembic(m_project, QStringLiteral("sqlite:///") +
                                                 m_dir.filePath(QStringLiteral("x.db")));
        const auto revision = [&](const char *id, const char *head, QStringList extra = {}) {
            const auto r = alembic.run(
                QStringList{QStringLiteral("revision"), QStringLiteral("-m"), QString::fromUtf8(id),
                            QStringLiteral("--rev-id"), QString::fromUtf8(id),
                            QStringLiteral("--head"), QString::fromUtf8(head)} +
                extra);
            if (r.exitCode != 0)
                QTest::qFail(qPrintable(QStringLiteral("alembic revision %1: %2")
                                            .arg(QString::fromUtf8(id), r.err)),
                             __FILE__, __LINE__);
            return r.exitCode == 0;
        };
        const QString splice = QStringLiteral("--splice");
        const QString label = QStringLiteral("--branch-label");
        QVERIFY(revision("r000", "head"));
        QVERIFY(revision("a100", "r000", {label, QStringLiteral("alpha")}));
        QVERIFY(revision("a200", "a100"));
        QVERIFY(revision("b100", "r000", {splice}));
        QVERIFY(revision("b200", "b100"));
        QVERIFY(alembic.merge(QStringLiteral("m000"),
                              {QStringLiteral("a200"), QStringLiteral("b200")},
                              QStringLiteral("merge")));
        QVERIFY(revision("c100", "m000"));
        QVERIFY(revision("e100", "a100", {splice, label, QStringLiteral("echo")}));
        QVERIFY(revision("d100", "base", {label, QStringLiteral("delta")}));
        QVERIFY(revision("d200", "d100", {QStringLiteral("--depends-on"), QStringLiteral("b100")}));
        QVERIFY(revision("abcd1111", "c100"));
        QVERIFY(revision("abcd2222", "e100"));
        QCOMPARE(sorted(alembic.heads()),
                 sorted({QStringLiteral("abcd1111"), QStringLiteral("abcd2222"),
                         QStringLiteral("d200")}));
    }

    void sameRowsAsAlembic_data()
    {
        QTest::addColumn<QString>("rows");
        QTest::addColumn<QString>("targets");
        QTest::addColumn<bool>("purge");
        const auto row = [](const char *rows, const char *targets, bool purge = false) {
            QTest::addRow("[%s] stamp %s%s", rows, targets, purge ? " --purge" : "")
                << QString::fromUtf8(rows) << QString::fromUtf8(targets) << purge;
        };
        row("<none>", "a100");
        row("<none>", "heads");
        row("", "c100");
        row("r000", "a200");
        row("a200 b200", "m000");
        row("c100", "a100");
        row("c100", "c100");
        row("a200 b100", "b200");
        row("a200 b100", "heads");
        row("a200 e100", "a100");
        row("a200 e100", "m000");
        row("c100", "base");
        row("c100 d200", "delta@base");
        row("c100 d100", "d200");
        row("r000", "d200");
        row("a100", "a200 e100");
        row("r000", "a200 b200");
        row("r000", "a100 a200");
        row("c100", "abcd1");
        row("a100", "echo@head");
        row("e100", "alpha@base");
        row("zzzz9999", "c100", true);
        row("a200 b200", "a100 d100", true);
        row("a200", "base", true);
        // Alembic refuses these; so must we.
        row("a100", "nope9999");
        row("zzzz9999", "c100");
        row("a100", "abcd");
        row("r000 a200", "a100");
        row("a200 b200", "a100 b100");
    }

    void sameRowsAsAlembic()
    {
        QFETCH(QString, rows);
        QFETCH(QString, targets);
        QFETCH(bool, purge);
        static int counter = 0;
        const QString theirs = m_dir.filePath(QStringLiteral("theirs%1.db").arg(counter));
        const QString ours = m_dir.filePath(QStringLiteral("ours%1.db").arg(counter));
        ++counter;
        prepare(theirs, rows);
        prepare(ours, rows);

        const QStringList arguments = targets.split(u' ', Qt::SkipEmptyParts);
        const RealAlembic alembicTheirs(m_project, QStringLiteral("sqlite:///") + theirs);
        const auto real = alembicTheirs.run(
            QStringList{QStringLiteral("stamp")} +
            (purge ? QStringList{QStringLiteral("--purge")} : QStringList{}) + arguments);

        const auto project = loadAlembicProject(m_project);
        QVERIFY(project.ok());
        QList<HistoryProblem> problems;
        const RevisionGraph graph = RevisionGraph::build(project->revisions, &problems);
        auto db = openSqlite(ours);
        QVERIFY(db);
        const auto current = readAlembicVersions(*db, QStringLiteral("alembic_version"), {});
        QVERIFY(current.ok());
        VersionTableLocation location;
        location.dialect = Dialect::SQLite;
        const auto plan =
            planAlembicStampWithRows(graph, *current, StampRequest{arguments, purge}, location);

        if (real.exitCode != 0) {
            QVERIFY2(!plan.ok(),
                     qPrintable(QStringLiteral("Alembic refused (%1) but we planned a stamp")
                                    .arg(real.err.trimmed().section(u'\n', -1))));
            QCOMPARE(plan.error().code, ErrorCode::BadInput);
            // Ours wrote nothing. (Alembic may have: on SQLite it commits each step, so a stamp
            // that fails on its second target leaves the first one done.)
            const QStringList untouched = rows == QLatin1String("<none>")
                                              ? QStringList{QStringLiteral("<no table>")}
                                              : sorted(rows.split(u' ', Qt::SkipEmptyParts));
            QCOMPARE(versionRows(ours), untouched);
            return;
        }
        QVERIFY2(plan.ok(), qPrintable(plan.ok() ? QString() : plan.error().message));
        for (const FixStatement &statement : plan->statements)
            QVERIFY2(db->exec(statement.sql, statement.summary).ok(), qPrintable(statement.sql));
        db.reset();

        const QStringList expected = versionRows(theirs);
        QCOMPARE(versionRows(ours), expected);
        QCOMPARE(sorted(plan->rowsAfter), expected);

        // Equal rows mean `alembic current` reads both alike; that it reads a table we wrote
        // is checked once, in cliOnSqlite (each Alembic start costs a second or more).
    }

    /// The CLI end to end on SQLite: the Executor applies the plan; a read-only connection
    /// is refused before anything runs.
    void cliOnSqlite()
    {
        const QString theirs = m_dir.filePath(QStringLiteral("cli-theirs.db"));
        const QString ours = m_dir.filePath(QStringLiteral("cli-ours.db"));
        prepare(theirs, QStringLiteral("a200 b100"));
        prepare(ours, QStringLiteral("a200 b100"));
        const RealAlembic alembicTheirs(m_project, QStringLiteral("sqlite:///") + theirs);
        QCOMPARE(alembicTheirs.run({QStringLiteral("stamp"), QStringLiteral("heads")}).exitCode, 0);

        QByteArray out, err;
        const QStringList stamp{
            QStringLiteral("stamp"), QStringLiteral("--migrations"), m_project,
            QStringLiteral("heads"), QStringLiteral("--yes"),        QStringLiteral("--db")};
        QCOMPARE(runMigconsole(stamp + QStringList{QStringLiteral("sqlite:///") + ours +
                                                   QStringLiteral("?mode=ro")},
                               &out, &err),
                 2);
        QVERIFY2(err.contains("read-only"), err.constData());
        QCOMPARE(versionRows(ours), sorted({QStringLiteral("a200"), QStringLiteral("b100")}));

        QVERIFY2(runMigconsole(stamp + QStringList{QStringLiteral("sqlite:///") + ours}, &out,
                               &err) == 0,
                 err.constData());
        QCOMPARE(versionRows(ours), versionRows(theirs));
        QVERIFY2(out.contains("Stamped"), out.constData());
        // Alembic reads the table we wrote exactly as it reads its own.
        RealAlembic::Result currentOurs;
        const QStringList ourCurrent =
            sorted(RealAlembic(m_project, QStringLiteral("sqlite:///") + ours).current(&currentOurs));
        QCOMPARE(currentOurs.exitCode, 0);
        QCOMPARE(ourCurrent, sorted(alembicTheirs.current()));
        // Every write is in the audit log, the refused read-only attempt is not.
        bool logged = false;
        for (const AuditEntry &entry : readAuditLog(m_dir.filePath(QStringLiteral("audit.log")))) {
            QVERIFY(!entry.database.contains(QStringLiteral("mode=ro")));
            logged = logged || (entry.database.contains(ours) &&
                                entry.detail.contains(QStringLiteral("alembic_version")));
        }
        QVERIFY(logged);
    }

    /// A statement the database rejects: exit 3, and the transaction leaves the rows as
    /// they were.
    void cliDatabaseErrorRollsBack()
    {
        const QString file = m_dir.filePath(QStringLiteral("cli-error.db"));
        {
            auto db = openSqlite(file);
            QVERIFY(db);
            QVERIFY(
                db->exec(QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT "
                                        "NULL PRIMARY KEY CHECK (version_num <> 'c100'))"),
                         QStringLiteral("create"))
                    .ok());
            QVERIFY(
                db->exec(QStringLiteral("INSERT INTO alembic_version VALUES ('a200'), ('b200')"),
                         QStringLiteral("rows"))
                    .ok());
        }
        QByteArray out, err;
        // c100 collapses both rows: DELETE a200 runs, then UPDATE b200 to c100 fails the CHECK.
        QCOMPARE(runMigconsole({QStringLiteral("stamp"), QStringLiteral("--db"),
                                QStringLiteral("sqlite:///") + file, QStringLiteral("--migrations"),
                                m_project, QStringLiteral("c100"), QStringLiteral("--yes")},
                               &out, &err),
                 3);
        QVERIFY2(err.contains("rolled back"), err.constData());
        QCOMPARE(versionRows(file), sorted({QStringLiteral("a200"), QStringLiteral("b200")}));
    }
};

QTEST_GUILESS_MAIN(TestStampAlembic)
#include "test_stamp_alembic.moc"
