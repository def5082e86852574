// Hostile migration files through the entry points the CLI uses: `history` reads every
// script's header (loadMigrationHistory), `check` also reads every upgrade() body
// (readRevisionOperations). Binary junk, NUL bytes, invalid UTF-8, unterminated strings, a
// never-closed call, thousands of nested brackets and a file of tens of megabytes each give
// a problem or warning naming the file and the line of the damage, the project's other
// revisions still load, and nothing crashes or takes more than a few seconds.

#include "ReplayTestSupport.h"
#include "TestSupport.h"
#include "history/MigrationHistory.h"
#include "history/RevisionGraph.h"
#include "replay/Replayer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;

namespace {

const QString kHostileFile = QStringLiteral("versions/h1_hostile.py");

// Lines 1-8 of every hostile script: a header Alembic would accept; the body starts on 10.
const QByteArray kHeader = "\"\"\"hostile\n"                  // 1
                           "\n"                               // 2
                           "Revision ID: h1\n"                // 3
                           "\"\"\"\n"                          // 4
                           "from alembic import op\n"         // 5
                           "import sqlalchemy as sa\n"        // 6
                           "revision = \"h1\"\n"               // 7
                           "down_revision = \"base\"\n"        // 8
                           "def upgrade():\n";                // 9

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// A project: a good base revision, plus `hostile` as versions/h1_hostile.py.
bool writeProject(const QString &root, const QByteArray &hostile)
{
    return writeFile(root + QStringLiteral("/versions/base_ok.py"),
                     "revision = \"base\"\ndown_revision = None\n\n"
                     "from alembic import op\nimport sqlalchemy as sa\n\n"
                     "def upgrade():\n    op.create_table(\"t\", sa.Column(\"id\", sa.Integer()))\n") &&
           writeFile(root + u'/' + kHostileFile, hostile);
}

QStringList describe(const QList<HistoryProblem> &problems)
{
    QStringList out;
    for (const HistoryProblem &p : problems)
        out.append(QStringLiteral("%1:%2: %3").arg(p.location.file).arg(p.location.line).arg(p.message));
    return out;
}

QStringList describe(const QList<ReplayWarning> &warnings)
{
    QStringList out;
    for (const ReplayWarning &w : warnings)
        out.append(QStringLiteral("%1:%2: %3").arg(w.location.file).arg(w.location.line).arg(w.message));
    return out;
}

// True when one of `lines` ("file:line: message") is at kHostileFile:`line` and says `fragment`.
bool names(const QStringList &lines, int line, const QString &fragment)
{
    const QString where = QStringLiteral("%1:%2: ").arg(kHostileFile).arg(line);
    for (const QString &l : lines) {
        if (l.startsWith(where) && l.contains(fragment))
            return true;
    }
    return false;
}

// A literal's bytes, embedded NULs included.
template<qsizetype N>
QByteArray raw(const char (&text)[N])
{
    return QByteArray(text, N - 1);
}

QByteArray repeated(const QByteArray &piece, int times)
{
    QByteArray out;
    out.reserve(piece.size() * times);
    for (int i = 0; i < times; ++i)
        out += piece;
    return out;
}

} // namespace

class TestHostileMigrationFiles : public QObject
{
    Q_OBJECT

private slots:
    void hostileScript_data();
    void hostileScript();
    void historyCommandReportsTheDamagedFile();
};

void TestHostileMigrationFiles::hostileScript_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("fragment");
    // Whether the header still yields revision h1 (then check replays it and warns too): it
    // does when the damage comes after `revision =`, so the project's graph stays whole.
    QTest::addColumn<bool>("revisionRead");

    QTest::newRow("NUL bytes") << kHeader + raw("    op.drop_table(\"t\")\n    op.drop_table(\"\0\0\")\n"
                                                "    op.drop_table(\"u\")\n")
                               << 11 << QStringLiteral("null bytes") << true;
    QTest::newRow("invalid UTF-8") << kHeader + "    op.drop_table(\"t\")\n    op.drop_table(\"\xff\xfe\x80\")\n"
                                   << 11 << QStringLiteral("UTF-8") << true;
    // An ELF header and 64 KiB of every byte value: what a misplaced binary looks like.
    QByteArray junk("\x7f" "ELF\x02\x01\x01\x00", 8);
    for (int i = 0; i < 65536; ++i)
        junk += char((i * 131 + 7) % 256);
    QTest::newRow("binary junk") << junk << 1 << QStringLiteral("not a Python source file") << false;

    QTest::newRow("unterminated string")
        << kHeader + "    op.drop_table(\"t\")\n    op.drop_table('u)\n    op.drop_table('v')\n" << 11
        << QStringLiteral("unterminated string literal") << true;
    QTest::newRow("unterminated triple-quoted string")
        << kHeader + "    op.drop_table(\"t\")\n    op.execute(\"\"\"CREATE TABLE x (\n" +
               repeated("        a integer,\n", 5000)
        << 11 << QStringLiteral("unterminated triple-quoted string literal") << true;
    QTest::newRow("never-closed upgrade() call")
        << kHeader + "    op.create_table(\"t\",\n" +
               repeated("        sa.Column(\"c\", sa.Integer()),\n", 5000)
        << 10 << QStringLiteral("'(' was never closed") << true;
    QTest::newRow("thousands of brackets in upgrade()")
        << kHeader + "    op.drop_table(\"t\")\n    op.execute(" + QByteArray(5000, '(') + "1" +
               QByteArray(5000, ')') + ")\n"
        << 11 << QStringLiteral("too many nested parentheses") << true;
    QTest::newRow("thousands of brackets in down_revision")
        << "revision = \"h1\"\ndown_revision = " + QByteArray(3000, '[') + "\"base\"" +
               QByteArray(3000, ']') + "\ndef upgrade():\n    pass\n"
        << 2 << QStringLiteral("too many nested parentheses") << true;
    // Valid Python all the way, and 30 MB of it: over the size limit, so not read at all.
    QTest::newRow("30 MB file")
        << kHeader + repeated("    op.add_column(\"t\", sa.Column(\"c\", sa.String(20), nullable=False))\n",
                              30 * 1024 * 1024 / 76)
        << 1 << QStringLiteral("more than the 8.0 MB limit") << false;
    QTest::newRow("thousands of nested blocks")
        << kHeader + [] {
               QByteArray body;
               for (int i = 1; i <= 2000; ++i)
                   body += QByteArray(i, ' ') + "if x:\n";
               return body + QByteArray(2001, ' ') + "op.drop_table(\"deep\")\n";
           }()
        << 9 + 100 << QStringLiteral("too many levels of indentation") << true; // the 100th block
}

void TestHostileMigrationFiles::hostileScript()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, line);
    QFETCH(QString, fragment);
    QFETCH(bool, revisionRead);
    QTemporaryDir dir;
    QVERIFY(writeProject(dir.path(), bytes));
    QElapsedTimer timer;
    timer.start();

    // `history --migrations DIR`: the damaged file is a problem at its line, the base loads.
    RevisionGraph graph;
    const Expected<MigrationHistory> history = loadMigrationHistory(nullptr, dir.path(), {}, &graph);
    QVERIFY2(history.ok(), qPrintable(history.ok() ? QString() : history.error().message));
    const QStringList problems = describe(history->problems);
    QVERIFY2(names(problems, line, fragment), qPrintable(problems.join(u'\n')));
    QVERIFY(graph.find(QStringLiteral("base")));
    QCOMPARE(bool(graph.find(QStringLiteral("h1"))), revisionRead);

    // `check`: every upgrade() is read; the damaged one warns at the same line.
    const QHash<QString, RevisionOperations> operations =
        readRevisionOperations(graph, dir.path(), Dialect::PostgreSQL);
    QCOMPARE(operations.value(QStringLiteral("base")).operations.size(), 1);
    QVERIFY(operations.value(QStringLiteral("base")).warnings.isEmpty());
    if (revisionRead) {
        const QStringList warnings = describe(operations.value(QStringLiteral("h1")).warnings);
        QVERIFY2(names(warnings, line, fragment), qPrintable(warnings.join(u'\n')));
    }
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void TestHostileMigrationFiles::historyCommandReportsTheDamagedFile()
{
    // CLI.md: `history` exits 0 when anything usable was read (the problems are listed) and
    // 2 when every file was broken. A NUL byte after the header still leaves the revision.
    QTemporaryDir dir;
    QVERIFY(writeProject(dir.path(), kHeader + raw("    op.drop_table(\"\0\")\n")));
    QByteArray out;
    QByteArray err;
    const QStringList arguments{QStringLiteral("history"), QStringLiteral("--migrations"), dir.path()};
    QCOMPARE(test::runMigconsole(arguments, &out, &err), 0);
    QVERIFY2(out.contains(kHostileFile.toUtf8() + ":10: not a Python source file"), out.constData());
    QVERIFY2(out.contains("base"), out.constData());

    // Only a binary file left: nothing usable, exit 2, and the file is still named.
    QVERIFY(QFile::remove(dir.filePath(QStringLiteral("versions/base_ok.py"))));
    QVERIFY(writeFile(dir.filePath(kHostileFile), raw("\x7f" "ELF\x02\x01\x01\x00\xff\xfe junk")));
    QCOMPARE(test::runMigconsole(arguments, &out, &err), 2);
    QVERIFY2(out.contains(kHostileFile.toUtf8() + ":1: not a Python source file"), out.constData());
}

QTEST_GUILESS_MAIN(TestHostileMigrationFiles)
#include "test_hostile_migration_files.moc"
