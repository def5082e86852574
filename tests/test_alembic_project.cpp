// Reading Alembic projects without Python: single scripts, then whole projects from
// tests/data/alembic/<case>/ (each with an expected.json) and the alembic.ini variants of
// tests/data/alembic/ini_locations/. The tokenizer underneath: test_python_tokenizer.cpp.

#include "history/AlembicProject.h"
#include "history/RevisionGraph.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace migconsole;

namespace {

QString dataDir()
{
    return QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/alembic");
}

QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray())
        out.append(v.toString());
    return out;
}

QStringList ids(const QList<Revision> &revisions)
{
    QStringList out;
    for (const Revision &r : revisions)
        out.append(r.id);
    return out;
}

QString problemKey(const HistoryProblem &p)
{
    return problemKindName(p.kind) + u' ' + p.location.file + u':' +
           QString::number(p.location.line);
}

} // namespace

class TestAlembicProject : public QObject
{
    Q_OBJECT

private slots:
    void readScript()
    {
        const auto read = [](const char *text, const char *file = "versions/x.py") {
            return readRevisionScript(QString::fromUtf8(text), QString::fromUtf8(file));
        };
        auto r = read("\"\"\"  Two\n  lines\n \n still first\n\nsecond\"\"\"\nrevision = 'a'\n"
                      "down_revision = ('b', 'c', '')\nbranch_labels = 'x'\ndepends_on = []\n");
        QVERIFY(r.revision);
        QCOMPARE(r.revision->message, QStringLiteral("Two lines still first"));
        QCOMPARE(r.revision->downRevisions,
                 QStringList({QStringLiteral("b"), QStringLiteral("c")}));
        QCOMPARE(r.revision->branchLabels, QStringList{QStringLiteral("x")});
        QCOMPARE(r.revision->location, (SourceLocation{QStringLiteral("versions/x.py"), 7}));
        QVERIFY(r.problems.isEmpty());

        r = read("revision = 'a'\nrevision = 'b'\ndown_revision = ''\n"); // last wins; '' is None
        QCOMPARE(r.revision->id, QStringLiteral("b"));
        QVERIFY(r.revision->downRevisions.isEmpty());

        r = read("revision = REV\ndown_revision = None\n");
        QVERIFY(!r.revision);
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems[0].kind, HistoryProblem::Kind::UnresolvedValue);

        r = read("revision = 'a'\n"); // Alembic would fail on the missing down_revision
        QVERIFY(r.revision);
        QCOMPARE(r.problems.size(), 1);
        QCOMPARE(r.problems[0].location.line, 1);

        r = read("down_revision = None\n", "versions/abc123.py"); // legacy: id from the name
        QCOMPARE(r.revision->id, QStringLiteral("abc123"));
        r = read("down_revision = None\n", "versions/abc123_x.py");
        QVERIFY(!r.revision);
        QCOMPARE(r.problems[0].kind, HistoryProblem::Kind::NoRevision);
    }

    // ---- projects ------------------------------------------------------------------------
    void cases_data()
    {
        QTest::addColumn<QString>("caseDir");
        const QDir root(dataDir());
        const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
        int rows = 0;
        for (const QString &name : cases) {
            if (QFile::exists(root.filePath(name + QStringLiteral("/expected.json")))) {
                QTest::newRow(qPrintable(name)) << root.filePath(name);
                ++rows;
            }
        }
        QVERIFY(rows >= 10);
    }

    void cases()
    {
        QFETCH(QString, caseDir);
        QFile file(caseDir + QStringLiteral("/expected.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject expected = QJsonDocument::fromJson(file.readAll()).object();
        QVERIFY(!expected.isEmpty());

        const auto loaded =
            loadAlembicProject(QDir(caseDir).filePath(expected[QLatin1String("load")].toString()));
        QVERIFY2(loaded.ok(), qPrintable(loaded.ok() ? QString() : loaded.error().message));
        const AlembicProject &project = *loaded;

        const QJsonArray revisions = expected[QLatin1String("revisions")].toArray();
        QCOMPARE(project.revisions.size(), revisions.size());
        for (qsizetype i = 0; i < revisions.size(); ++i) {
            const QJsonObject e = revisions[i].toObject();
            const Revision &r = project.revisions[i];
            QCOMPARE(r.id, e[QLatin1String("id")].toString());
            QCOMPARE(r.downRevisions, strings(e[QLatin1String("down")]));
            QCOMPARE(r.branchLabels, strings(e[QLatin1String("labels")]));
            QCOMPARE(r.dependsOn, strings(e[QLatin1String("depends")]));
            QCOMPARE(r.message, e[QLatin1String("message")].toString());
            QCOMPARE(r.createDate, e[QLatin1String("created")].toString());
            QCOMPARE(r.location.file, e[QLatin1String("file")].toString());
            QCOMPARE(r.location.line, e[QLatin1String("line")].toInt());
            QCOMPARE(r.filePath, QDir(project.root).absoluteFilePath(r.location.file));
        }

        QList<HistoryProblem> problems = project.problems;
        const RevisionGraph graph = RevisionGraph::build(project.revisions, &problems);
        QStringList actual, wanted;
        for (const HistoryProblem &p : problems) {
            QVERIFY2(p.location.line > 0 && !p.location.file.isEmpty(), qPrintable(problemKey(p)));
            actual.append(problemKey(p));
        }
        for (const QJsonValue &v : expected[QLatin1String("problems")].toArray()) {
            const QJsonObject e = v.toObject();
            const QString key = e[QLatin1String("kind")].toString() + u' ' +
                                e[QLatin1String("file")].toString() + u':' +
                                QString::number(e[QLatin1String("line")].toInt());
            wanted.append(key);
            const QString fragment = e[QLatin1String("message")].toString();
            const bool found =
                std::any_of(problems.begin(), problems.end(), [&](const HistoryProblem &p) {
                    return problemKey(p) == key && p.message.contains(fragment);
                });
            QVERIFY2(found, qPrintable(key + QStringLiteral(" with '") + fragment + u'\''));
        }
        actual.sort();
        wanted.sort();
        QCOMPARE(actual, wanted);

        if (expected[QLatin1String("heads")].isArray())
            QCOMPARE(graph.heads(), strings(expected[QLatin1String("heads")]));
        if (expected[QLatin1String("history")].isArray())
            QCOMPARE(ids(graph.revisions()), strings(expected[QLatin1String("history")]));
        if (expected.contains(QLatin1String("versionTable"))) {
            QCOMPARE(project.versionTable, expected[QLatin1String("versionTable")].toString());
            QCOMPARE(project.versionTableSchema,
                     expected[QLatin1String("versionTableSchema")].toString());
        } else {
            QCOMPARE(project.versionTable, QStringLiteral("alembic_version"));
        }
    }

    // The encoding case must really hold a BOM, CRLF line ends and latin-1 bytes.
    void encodingDataIsRaw()
    {
        QFile utf8(dataDir() + QStringLiteral("/encoding/versions/e1.py"));
        QVERIFY(utf8.open(QIODevice::ReadOnly));
        const QByteArray bytes = utf8.readAll();
        QVERIFY(bytes.startsWith("\xEF\xBB\xBF# -*- coding: utf-8 -*-\r\n"));
        QVERIFY(bytes.contains("\r\n\tif True:\r\n\t\top.execute"));
        QFile latin(dataDir() + QStringLiteral("/encoding/versions/e2.py"));
        QVERIFY(latin.open(QIODevice::ReadOnly));
        QVERIFY(latin.readAll().contains("\"\"\"\xDC"
                                         "ber caf\xE9"));
    }

    void iniLocations_data()
    {
        QTest::addColumn<QString>("ini");
        QTest::addColumn<QStringList>("revisions");
        QTest::addColumn<QStringList>("problems"); // "kind:line"
        QTest::addColumn<bool>("recursive");
        const auto l = [](std::initializer_list<const char *> items) {
            QStringList out;
            for (const char *i : items)
                out.append(QString::fromUtf8(i));
            return out;
        };
        const QStringList ab = l({"loc_a_1", "loc_b_1"});
        QTest::newRow("os separator, %(here)s")
            << QStringLiteral("alembic.ini") << ab << QStringList() << false;
        QTest::newRow("legacy commas and spaces")
            << QStringLiteral("legacy.ini") << ab << QStringList() << false;
        QTest::newRow("version_path_separator ;")
            << QStringLiteral("semicolon.ini") << ab << QStringList() << false;
        QTest::newRow("path_separator space")
            << QStringLiteral("space.ini") << ab << QStringList() << false;
        QTest::newRow("path_separator newline")
            << QStringLiteral("newline.ini") << ab << QStringList() << false;
        QTest::newRow("recursive")
            << QStringLiteral("recursive.ini") << l({"loc_a_1", "loc_b_1", "loc_b_sub"})
            << QStringList() << true;
        QTest::newRow("default versions folder")
            << QStringLiteral("default.ini") << l({"script_default"}) << QStringList() << false;
        QTest::newRow("package resource")
            << QStringLiteral("resource.ini") << l({"from_package"}) << QStringList() << false;
        QTest::newRow("unresolvable package") << QStringLiteral("badresource.ini") << l({"loc_a_1"})
                                              << l({"configuration:2"}) << false;
        QTest::newRow("DEFAULT section interpolation")
            << QStringLiteral("interp.ini") << ab << QStringList() << false;
    }

    void iniLocations()
    {
        QFETCH(QString, ini);
        QFETCH(QStringList, revisions);
        QFETCH(QStringList, problems);
        QFETCH(bool, recursive);
        const QString dir = dataDir() + QStringLiteral("/ini_locations");
        const auto project = loadAlembicProject(dir + u'/' + ini);
        QVERIFY2(project.ok(), qPrintable(project.ok() ? QString() : project.error().message));
        QCOMPARE(ids(project->revisions), revisions);
        QStringList seen;
        for (const HistoryProblem &p : project->problems) {
            seen.append(problemKindName(p.kind) + u':' + QString::number(p.location.line));
            QCOMPARE(p.location.file, ini);
        }
        QCOMPARE(seen, problems);
        QCOMPARE(project->recursive, recursive);
        QCOMPARE(project->iniPath, QDir(dir).absoluteFilePath(ini));
        QCOMPARE(project->root, QDir(dir).absolutePath());
        for (const QString &location : project->versionLocations)
            QVERIFY(QDir::isAbsolutePath(location));
    }

    void unusableInput_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("no such folder")
            << QStringLiteral("/no/such/folder") << QStringLiteral("no such");
        QTest::newRow("no [alembic]")
            << QStringLiteral("ini_locations/noalembic.ini") << QStringLiteral("[alembic]");
        QTest::newRow("no script_location")
            << QStringLiteral("ini_locations/noscript.ini") << QStringLiteral("script_location");
    }

    void unusableInput()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        const auto project = loadAlembicProject(QDir(dataDir()).filePath(path));
        QVERIFY(!project.ok());
        QCOMPARE(project.error().code, ErrorCode::BadInput);
        QVERIFY2(project.error().message.contains(message), qPrintable(project.error().message));
    }

    void badInterpolationIsAProblem()
    {
        const auto project =
            loadAlembicProject(dataDir() + QStringLiteral("/ini_locations/badinterp.ini"));
        QVERIFY(project.ok()); // falls back to scripts/versions
        QCOMPARE(ids(project->revisions), QStringList{QStringLiteral("script_default")});
        QCOMPARE(project->problems.size(), 1);
        QCOMPARE(project->problems[0].kind, HistoryProblem::Kind::Configuration);
        QVERIFY(project->problems[0].message.contains(QLatin1String("missing")));
    }

    void folderIniAndParentAgree()
    {
        const auto byFolder = loadAlembicProject(dataDir() + QStringLiteral("/linear"));
        const auto byIni = loadAlembicProject(dataDir() + QStringLiteral("/linear/alembic.ini"));
        QVERIFY(byFolder.ok() && byIni.ok());
        QCOMPARE(byFolder->revisions, byIni->revisions);
        // A folder above a bare versions folder: the same scripts, one level deeper.
        const auto parent = loadAlembicProject(dataDir() + QStringLiteral("/nested"));
        QVERIFY(parent.ok());
        QCOMPARE(ids(parent->revisions),
                 QStringList({QStringLiteral("nest_base"), QStringLiteral("nest_users"),
                              QStringLiteral("nest_contract"), QStringLiteral("nest_expand")}));
        QCOMPARE(parent->revisions[0].location.file, QStringLiteral("versions/0001_base.py"));
        QVERIFY(parent->recursive);
        QVERIFY(parent->iniPath.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAlembicProject)
#include "test_alembic_project.moc"
