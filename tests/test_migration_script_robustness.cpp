// The core/replay script reader on hostile input: broken and binary files, every prefix of
// a realistic script, random token soup and mutations, absurd nesting, a huge file, and
// every script of the history tests. Nothing may crash, hang or go unreported.

#include "ReplayTestSupport.h"
#include "replay/MigrationScriptParser.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace migconsole;
using namespace migconsole::replaytest;

namespace {

const char kRealistic[] = R"PY("""add things

Revision ID: e5f6
Revises: a1b2
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "e5f6"
down_revision = "a1b2"


def upgrade():
    op.create_table(
        "events",
        sa.Column("id", postgresql.UUID(as_uuid=True), primary_key=True),
        sa.Column("kind", sa.String(length=36), nullable=False, index=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now()),
        sa.ForeignKeyConstraint(["kind"], ["kinds.name"], ondelete="CASCADE"),
    )
    with op.batch_alter_table("events") as batch_op:
        batch_op.add_column(sa.Column("note", sa.Text(), nullable=True))
    if True:
        op.execute("""CREATE INDEX ix_events_at ON events (at) WHERE at > '2020-01-01'""")
    for t in ["a", "b"]:
        op.drop_column(t, "x")


def downgrade():
    op.drop_table("events")
)PY";

} // namespace

class TestMigrationScriptRobustness : public QObject
{
    Q_OBJECT

private slots:
    void unreadableInput_data();
    void unreadableInput();
    void everyPrefixOfARealisticFile();
    void randomTokenSoup();
    void randomMutations();
    void pathologicalNesting();
    void hugeFile();
    void existingAlembicFixtures();
};

void TestMigrationScriptRobustness::unreadableInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("warningLine");
    QTest::addColumn<QString>("fragment");
    QTest::newRow("unterminated string")
        << QByteArray("\ndef upgrade():\n    op.drop_table('t)\n    op.drop_table('u')\n") << 3
        << QStringLiteral("unterminated string");
    QTest::newRow("unterminated triple")
        << QByteArray("\ndef upgrade():\n    op.execute(\"\"\"CREATE\n") << 3
        << QStringLiteral("unterminated triple-quoted");
    QTest::newRow("unclosed bracket")
        << QByteArray("\ndef upgrade():\n    op.create_table('t',\n\n") << 3
        << QStringLiteral("never closed");
    QTest::newRow("binary junk") << QByteArray("\x7f\x45\x4c\x46\x02\x01\x00\x00\xff\xfe", 10) << 1
                                 << QStringLiteral("encoding");
    QTest::newRow("no upgrade") << QByteArray("revision = 'x'\n") << 0
                                << QStringLiteral("no module-level def upgrade()");
    QTest::newRow("bad indentation")
        << QByteArray("\ndef upgrade():\n    op.drop_table('t')\n  op.drop_table('u')\n") << 4
        << QStringLiteral("unindent");
    QTest::newRow("statement not understood") << QByteArray("\ndef upgrade():\n    x += 1\n") << 3
                                              << QStringLiteral("statement not understood");
}

void TestMigrationScriptRobustness::unreadableInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, warningLine);
    QFETCH(QString, fragment);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("bad.py"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(bytes);
    f.close();
    const Expected<MigrationScript> script = readMigrationScript(path, QStringLiteral("bad.py"));
    QVERIFY(script.ok());
    const QList<ReplayWarning> warnings = script->allWarnings();
    QVERIFY2(hasWarning(warnings, warningLine, fragment),
             qPrintable(describeWarnings(warnings).join(u'\n')));
    QCOMPARE(warnings.first().location.file, QStringLiteral("bad.py"));

    QVERIFY(
        !readMigrationScript(dir.filePath(QStringLiteral("missing.py")), QStringLiteral("m")).ok());
}

void TestMigrationScriptRobustness::everyPrefixOfARealisticFile()
{
    const QString full = QString::fromUtf8(kRealistic);
    const MigrationScript complete = parseMigrationScript(full, QStringLiteral("e5f6.py"));
    QCOMPARE(describeOps(complete.upgrade.ops),
             QStringList({
                 QStringLiteral("15 op.create_table('events', sa.Column('id', "
                                "postgresql.UUID(as_uuid=True), primary_key=True), sa.Column("
                                "'kind', sa.String(length=36), nullable=False, index=True), "
                                "sa.Column('at', sa.DateTime(timezone=True), "
                                "server_default=sa.func.now()), sa.ForeignKeyConstraint(['kind'], "
                                "['kinds.name'], ondelete='CASCADE'))"),
                 QStringLiteral("23 op.add_column('events', sa.Column('note', sa.Text(), "
                                "nullable=True))"),
                 QStringLiteral("25 op.execute('CREATE INDEX ix_events_at ON events (at) WHERE "
                                "at > \\'2020-01-01\\'')"),
                 QStringLiteral("27 op.drop_column(t, 'x')"),
             }));
    // Every prefix (cut mid-token, mid-string, mid-bracket) reads without crash or hang, and
    // never invents an operation past the cut.
    for (qsizetype n = 0; n <= full.size(); ++n) {
        const MigrationScript script = parseMigrationScript(full.left(n), QStringLiteral("p.py"));
        QVERIFY(script.upgrade.ops.size() <= complete.upgrade.ops.size());
        for (const OpCall &op : script.upgrade.ops)
            QVERIFY(op.location.line >= 15 && op.location.line <= 27);
    }
}

void TestMigrationScriptRobustness::randomTokenSoup()
{
    const char *pieces[] = {"def ",
                            "upgrade",
                            "(",
                            ")",
                            ":",
                            "\n",
                            "    ",
                            "\t",
                            "op",
                            ".",
                            "create_table",
                            "'t'",
                            "\"\"\"",
                            ",",
                            "=",
                            "with ",
                            " as ",
                            "if ",
                            "else",
                            "for ",
                            "[",
                            "]",
                            "{",
                            "}",
                            "**",
                            "*",
                            "lambda",
                            "f'{x}'",
                            "\\",
                            "#",
                            "\r\n",
                            "return",
                            "-",
                            "1",
                            "None",
                            ";",
                            "\x01",
                            "é"};
    QRandomGenerator rng(4242);
    for (int round = 0; round < 3000; ++round) {
        QString source;
        const int count = int(rng.bounded(1, 80));
        for (int i = 0; i < count; ++i)
            source += QString::fromUtf8(pieces[rng.bounded(int(std::size(pieces)))]);
        const MigrationScript script = parseMigrationScript(source, QStringLiteral("soup.py"));
        for (const ReplayWarning &w : script.allWarnings())
            QVERIFY(!w.message.isEmpty());
        for (const OpCall &op : script.upgrade.ops)
            QVERIFY(op.location.line >= 1);
    }
}

void TestMigrationScriptRobustness::pathologicalNesting()
{
    QElapsedTimer timer;
    timer.start();
    // 200,000 brackets, a deep unary chain, a long attribute chain, 3,000 nested ifs: each
    // far past any recursion limit (unbounded recursion would overflow the stack), yet small
    // enough to stay quick under AddressSanitizer.
    const QString brackets = QStringLiteral("def upgrade():\n    op.execute(") +
                             QString(200000, u'(') + QString(200000, u')') +
                             QStringLiteral(")\n");
    MigrationScript script = parseMigrationScript(brackets, QStringLiteral("b.py"));
    QCOMPARE(script.upgrade.ops.size(), 1);

    const QString unary = QStringLiteral("def upgrade():\n    op.drop_table(") +
                          QString(50000, u'-') + QStringLiteral("1)\n");
    script = parseMigrationScript(unary, QStringLiteral("u.py"));
    QCOMPARE(script.upgrade.ops.size(), 1);

    QString chain = QStringLiteral("def upgrade():\n    op.drop_table(a");
    for (int i = 0; i < 20000; ++i)
        chain += QStringLiteral(".b(c)[d]");
    chain += QStringLiteral(")\n");
    script = parseMigrationScript(chain, QStringLiteral("c.py"));
    QCOMPARE(script.upgrade.ops.size(), 1);
    QCOMPARE(script.upgrade.ops[0].arg(0)->kind, PyExpr::Kind::Opaque);

    QString ifs = QStringLiteral("def upgrade():\n");
    for (int i = 1; i <= 3000; ++i)
        ifs += QString(i * 1, u' ') + QStringLiteral("if x:\n");
    ifs += QString(3001, u' ') + QStringLiteral("op.drop_table('deep')\n");
    ifs += QStringLiteral(" op.drop_table('after')\n");
    script = parseMigrationScript(ifs, QStringLiteral("i.py"));
    QVERIFY(hasWarning(script.upgrade.warnings, 43, QStringLiteral("nested more than")));
    QCOMPARE(describeOps(script.upgrade.ops),
             QStringList({QStringLiteral("3003 op.drop_table('after')")}));
    QVERIFY2(timer.elapsed() < 20000, qPrintable(QString::number(timer.elapsed())));
}

void TestMigrationScriptRobustness::hugeFile()
{
    // 20,000 operations in one upgrade(): linear time, every one read with its line.
    QString source = QStringLiteral("def upgrade():\n");
    for (int i = 0; i < 20000; ++i)
        source += QStringLiteral("    op.add_column('t%1', sa.Column('c', sa.String(%1), "
                                 "nullable=False))\n")
                      .arg(i);
    QElapsedTimer timer;
    timer.start();
    const MigrationScript script = parseMigrationScript(source, QStringLiteral("h.py"));
    QCOMPARE(script.upgrade.ops.size(), 20000);
    QCOMPARE(script.upgrade.ops.last().location.line, 20001);
    QCOMPARE(script.upgrade.ops.last().arg(0)->text, QStringLiteral("t19999"));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

void TestMigrationScriptRobustness::existingAlembicFixtures()
{
    // Every script of the history tests (odd encodings, broken syntax, env.py files) reads
    // without crash, and every warning names its file.
    const QDir root(QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/alembic"));
    QDirIterator it(root.path(), {QStringLiteral("*.py")}, QDir::Files,
                    QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = root.relativeFilePath(path);
        const Expected<MigrationScript> script = readMigrationScript(path, relative);
        QVERIFY(script.ok());
        for (const ReplayWarning &w : script->allWarnings()) {
            QCOMPARE(w.location.file, relative);
            QVERIFY(!w.message.isEmpty());
        }
        ++files;
    }
    QVERIFY(files > 50);
}
void TestMigrationScriptRobustness::randomMutations()
{
    // Characters deleted, duplicated or replaced at random in a realistic script: the reader
    // survives and every operation it still finds lies within the file.
    const QString full = QString::fromUtf8(kRealistic);
    const int lines = int(full.count(u'\n')) + 1;
    const QString alphabet = QStringLiteral("()[]{}'\":,=.\\\n\t #*fx\r");
    QRandomGenerator rng(1717);
    for (int round = 0; round < 2000; ++round) {
        QString source = full;
        const int edits = int(rng.bounded(1, 8));
        for (int e = 0; e < edits && !source.isEmpty(); ++e) {
            const qsizetype at = rng.bounded(int(source.size()));
            switch (rng.bounded(3)) {
            case 0:
                source.remove(at, 1);
                break;
            case 1:
                source.insert(at, source.at(at));
                break;
            default:
                source[at] = alphabet.at(rng.bounded(int(alphabet.size())));
                break;
            }
        }
        const MigrationScript script = parseMigrationScript(source, QStringLiteral("m.py"));
        for (const OpCall &op : script.upgrade.ops)
            QVERIFY(op.location.line >= 1 && op.location.line <= lines + 8);
        for (const ReplayWarning &w : script.allWarnings())
            QVERIFY(!w.message.isEmpty() && w.location.line >= 0);
    }
}

QTEST_GUILESS_MAIN(TestMigrationScriptRobustness)
#include "test_migration_script_robustness.moc"
