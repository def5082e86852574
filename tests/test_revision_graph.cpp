// RevisionGraph: queries, resolve(), broken graphs, a 5,000-revision graph — and agreement
// with REAL Alembic (Debian's python3-alembic): `heads` and `history` on the data projects,
// identifier resolution through its RevisionMap, and random graphs (history order,
// heads, ancestors, branch labels) fed to RevisionMap directly.

#include "RealAlembicOracle.h"
#include "history/AlembicProject.h"
#include "history/RevisionGraph.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace migconsole;
using namespace migconsole::oracle;

namespace {

QStringList list(std::initializer_list<const char *> items)
{
    QStringList out;
    for (const char *i : items)
        out.append(QString::fromUtf8(i));
    return out;
}

Revision rev(const char *id, std::initializer_list<const char *> down,
             std::initializer_list<const char *> deps = {},
             std::initializer_list<const char *> labels = {})
{
    Revision r;
    r.id = QString::fromUtf8(id);
    r.downRevisions = list(down);
    r.dependsOn = list(deps);
    r.branchLabels = list(labels);
    r.location = SourceLocation{QStringLiteral("versions/") + r.id + QStringLiteral(".py"), 13};
    return r;
}

QStringList ids(const QList<Revision> &revisions)
{
    QStringList out;
    for (const Revision &r : revisions)
        out.append(r.id);
    return out;
}

QStringList sorted(QStringList l)
{
    l.sort();
    return l;
}

QStringList sorted(const QSet<QString> &s)
{
    return sorted(QStringList(s.begin(), s.end()));
}

// Every revision exactly once, each before all of its parents (down_revision + depends_on).
bool topological(const RevisionGraph &graph)
{
    QHash<QString, qsizetype> at;
    for (qsizetype i = 0; i < graph.revisions().size(); ++i)
        at.insert(graph.revisions()[i].id, i);
    if (at.size() != graph.size())
        return false;
    for (const Revision &r : graph.revisions()) {
        for (const QString &p : r.downRevisions + r.dependsOn) {
            if (at.contains(p) && at.value(p) <= at.value(r.id))
                return false;
        }
    }
    return true;
}

QJsonArray toJson(const QStringList &l)
{
    return QJsonArray::fromStringList(l);
}

} // namespace

class TestRevisionGraph : public QObject
{
    Q_OBJECT

private slots:
    void queries()
    {
        // root ─ a ─┬─ b ───────┐
        //           ├─ c ─ d ───┼─ m (merge of b, d, e) ─ n
        //           └─ e ───────┘
        // other (second base, depends_on c)
        QList<HistoryProblem> problems;
        const RevisionGraph g = RevisionGraph::build(
            {rev("root", {}), rev("a", {"root"}), rev("b", {"a"}), rev("c", {"a"}), rev("d", {"c"}),
             rev("e", {"a"}), rev("m", {"b", "d", "e"}), rev("n", {"m"}), rev("other", {}, {"c"})},
            &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(g.size(), 9);
        QCOMPARE(g.heads(), list({"n", "other"}));
        QCOMPARE(g.bases(), list({"root", "other"}));
        QCOMPARE(g.branchPoints(), list({"a"}));
        QCOMPARE(g.mergePoints(), list({"m"}));
        QCOMPARE(g.children(QStringLiteral("a")), list({"b", "c", "e"}));
        QCOMPARE(g.children(QStringLiteral("n")), QStringList());
        QCOMPARE(g.find(QStringLiteral("d"))->downRevisions, list({"c"}));
        QVERIFY(!g.find(QStringLiteral("zzz")));
        QCOMPARE(sorted(g.ancestors(QStringLiteral("other"))), list({"a", "c", "root"}));
        QCOMPARE(sorted(g.ancestors(QStringLiteral("m"))), list({"a", "b", "c", "d", "e", "root"}));
        QCOMPARE(sorted(g.descendants(QStringLiteral("c"))), list({"d", "m", "n", "other"}));
        QCOMPARE(g.ancestors(QStringLiteral("zzz")), QSet<QString>());
        // What Alembic 1.8.1's RevisionMap.iterate_revisions("heads", "base") yields.
        QCOMPARE(ids(g.revisions()), list({"n", "m", "b", "other", "d", "c", "e", "a", "root"}));
        QVERIFY(topological(g));
    }

    void resolve_data()
    {
        QTest::addColumn<QString>("identifier");
        QTest::addColumn<QString>("result"); // an id, or "!" + the start of the error
        const auto row = [](const char *name, const char *identifier, const char *result) {
            QTest::newRow(name) << QString::fromUtf8(identifier) << QString::fromUtf8(result);
        };
        row("exact id", "ab12cd", "ab12cd");
        row("exact id shorter than four", "x1", "x1");
        row("unique prefix", "ab12c", "ab12cd");
        row("prefix of four", "ef56", "ef5678");
        row("ambiguous", "ab12", "!Multiple revisions start with 'ab12': 'ab12cd', 'ab12ef'...");
        row("short prefix, long ids", "ab1", "!Multiple revisions start with 'ab1'");
        row("short prefix, nothing", "x",
            "!No such revision or branch 'x'; please ensure at least four characters");
        row("three-character prefix", "ef5", "ef5678");
        row("unknown", "zzzzzz", "!No such revision or branch 'zzzzzz'");
        row("branch label", "feature", "ef5678");
        row("label prefix", "featu", "ef5678");
        row("label@head", "feature@head", "ef9999");
        row("head with several heads", "head",
            "!Multiple heads are present for given argument 'head'; ");
        row("label@id in lineage", "feature@ef99", "ef9999");
        row("label@id elsewhere", "feature@ab12ef",
            "!Revision ab12ef is not a member of branch 'feature'");
        row("unknown branch", "nobranch@head", "!No such revision or branch 'nobranch'");
        row("base", "base", "!'base' names no revision");
    }

    void resolve()
    {
        QFETCH(QString, identifier);
        QFETCH(QString, result);
        const RevisionGraph g = RevisionGraph::build(
            {rev("x1", {}), rev("ab12cd", {"x1"}), rev("ab12ef", {"x1"}),
             rev("ef5678", {"ab12cd"}, {}, {"feature"}), rev("ef9999", {"ef5678"})},
            nullptr);
        const auto resolved = g.resolve(identifier);
        if (result.startsWith(u'!')) {
            QVERIFY2(!resolved.ok(), qPrintable(resolved.ok() ? *resolved : QString()));
            QCOMPARE(resolved.error().code, ErrorCode::BadInput);
            QVERIFY2(resolved.error().message.startsWith(result.mid(1)),
                     qPrintable(resolved.error().message));
        } else {
            QVERIFY2(resolved.ok(),
                     qPrintable(resolved.ok() ? QString() : resolved.error().message));
            QCOMPARE(*resolved, result);
        }
    }

    void duplicatesKeepTheLastLoaded()
    {
        Revision first = rev("dup", {"a"});
        first.message = QStringLiteral("first");
        first.location.file = QStringLiteral("versions/1.py");
        Revision second = rev("dup", {"a"});
        second.message = QStringLiteral("second");
        second.location.file = QStringLiteral("versions/2.py");
        QList<HistoryProblem> problems;
        const RevisionGraph g = RevisionGraph::build({rev("a", {}), first, second}, &problems);
        QCOMPARE(g.size(), 2);
        QCOMPARE(g.find(QStringLiteral("dup"))->message, QStringLiteral("second"));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].kind, HistoryProblem::Kind::DuplicateId);
        QCOMPARE(problems[0].location.file, QStringLiteral("versions/1.py"));
        QVERIFY(problems[0].message.contains(QLatin1String("present more than once")));
    }

    void brokenGraphsStayUsable_data()
    {
        QTest::addColumn<QList<Revision>>("revisions");
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<QStringList>("heads");
        QTest::newRow("two-cycle")
            << QList<Revision>{rev("a", {}), rev("b", {"c"}), rev("c", {"b"})} << list({"cycle"})
            << list({"a", "b"});
        QTest::newRow("three-cycle hanging off a base")
            << QList<Revision>{rev("a", {}), rev("b", {"a", "d"}), rev("c", {"b"}), rev("d", {"c"}),
                               rev("e", {"d"})}
            << list({"cycle"}) << list({"b", "e"});
        QTest::newRow("self-loop")
            << QList<Revision>{rev("a", {"a"})} << list({"cycle"}) << list({"a"});
        QTest::newRow("dependency cycle")
            << QList<Revision>{rev("a", {}, {"c"}), rev("b", {"a"}), rev("c", {"b"})}
            << list({"cycle"}) << list({"c"}); // the depends_on link is the one dropped
        QTest::newRow("missing parent and dependency")
            << QList<Revision>{rev("a", {}), rev("b", {"a", "gone"}), rev("c", {"b"}, {"nowhere"})}
            << list({"missing_parent", "missing_parent"}) << list({"c"});
        QTest::newRow("label that is an id")
            << QList<Revision>{rev("a", {}), rev("b", {"a"}, {}, {"a", "ok"}),
                               rev("c", {"b"}, {}, {"ok"})}
            << list({"duplicate_id", "duplicate_id"}) << list({"c"});
    }

    void brokenGraphsStayUsable()
    {
        QFETCH(QList<Revision>, revisions);
        QFETCH(QStringList, kinds);
        QFETCH(QStringList, heads);
        QList<HistoryProblem> problems;
        const RevisionGraph g = RevisionGraph::build(revisions, &problems);
        QStringList seen;
        for (const HistoryProblem &p : problems) {
            seen.append(problemKindName(p.kind));
            QVERIFY(p.location.line > 0 && !p.location.file.isEmpty());
        }
        QCOMPARE(seen, kinds);
        QCOMPARE(g.heads(), heads);
        QCOMPARE(g.size(), revisions.size());
        for (const Revision &r : revisions) {
            QVERIFY(!g.ancestors(r.id).contains(r.id)); // finite, no loops
            QVERIFY(!g.descendants(r.id).contains(r.id));
        }
        QCOMPARE(sorted(ids(g.revisions())), sorted(ids(revisions)));
    }

    // Branches, merges, several bases and depends_on across branches, 5,000 revisions:
    // heads are what no revision names as a parent, the order is topological. (How fast
    // it builds is measured outside the test suite.)
    void fiveThousandRevisions()
    {
        QRandomGenerator rng(5000);
        QList<Revision> revisions;
        QStringList open; // current heads
        QSet<QString> named;
        for (int i = 0; i < 5000; ++i) {
            Revision r;
            r.id = QStringLiteral("%1%2")
                       .arg(rng.generate64() & 0xffffffffffffULL, 12, 16, QLatin1Char('0'))
                       .arg(i);
            r.location = SourceLocation{QStringLiteral("versions/%1.py").arg(i), 13};
            const quint32 roll = rng.bounded(100);
            if (!open.isEmpty() && rng.bounded(1000) >= 3) { // else: a new base
                const int fanIn = (roll < 1 && open.size() >= 3)   ? 3
                                  : (roll < 5 && open.size() >= 2) ? 2
                                                                   : 1;
                for (int k = 0; k < fanIn; ++k) {
                    const bool branch = k == 0 && rng.bounded(100) < 5 && !revisions.isEmpty();
                    // Mostly the newest line goes on; sometimes an older one, or a branch.
                    const int line = rng.bounded(100) < 70 ? int(open.size()) - 1
                                                           : int(rng.bounded(int(open.size())));
                    const QString parent =
                        branch ? revisions[int(rng.bounded(int(revisions.size())))].id
                               : open.takeAt(line);
                    if (!r.downRevisions.contains(parent))
                        r.downRevisions.append(parent);
                }
            }
            if (rng.bounded(100) < 3 && revisions.size() > 10)
                r.dependsOn.append(revisions[int(rng.bounded(int(revisions.size())))].id);
            for (const QString &p : std::as_const(r.downRevisions)) {
                named.insert(p);
                open.removeAll(p);
            }
            open.append(r.id);
            revisions.append(r);
        }
        std::shuffle(revisions.begin(), revisions.end(), rng); // load order is not topological
        QList<HistoryProblem> problems;
        const RevisionGraph g = RevisionGraph::build(revisions, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(g.size(), 5000);
        QStringList expectedHeads;
        for (const Revision &r : std::as_const(revisions)) {
            if (!named.contains(r.id))
                expectedHeads.append(r.id);
        }
        QCOMPARE(g.heads(), expectedHeads);
        QVERIFY(g.heads().size() > 1);
        QVERIFY(g.mergePoints().size() > 100);
        QVERIFY(g.branchPoints().size() > 100);
        QVERIFY(topological(g));
        const QStringList heads = g.heads();
        QVERIFY(std::any_of(heads.begin(), heads.end(),
                            [&](const QString &h) { return g.ancestors(h).size() > 1000; }));
        const QString tip = g.revisions().first().id;
        QCOMPARE(*g.resolve(tip.left(12)), tip);
    }

    // ---- agreement with real Alembic ---------------------------------------------------

    void realAlembicAvailable()
    {
        QVERIFY2(!alembicPython().isEmpty(),
                 "no python3 that imports alembic: install python3-alembic (/usr/bin/python3)");
    }

    void agreesWithAlembicCli_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *c :
             {"linear", "branched", "merged", "depends", "typed", "header_disagrees", "encoding"})
            QTest::newRow(c) << QString::fromUtf8(c);
    }

    void agreesWithAlembicCli()
    {
        QFETCH(QString, name);
        QVERIFY2(!alembicPython().isEmpty(), "no python3 that imports alembic");
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(copyTree(QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/alembic/") + name, dir.path()));
        const auto project = loadAlembicProject(dir.path());
        QVERIFY(project.ok());
        QList<HistoryProblem> problems = project->problems;
        const RevisionGraph graph = RevisionGraph::build(project->revisions, &problems);
        QVERIFY(problems.isEmpty());

        const QStringList ini{QStringLiteral("-c"), QStringLiteral("alembic.ini")};
        const PyRun heads = runPython(QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} +
                                          ini + QStringList{QStringLiteral("heads")},
                                      dir.path());
        QVERIFY2(heads.exitCode == 0, qPrintable(heads.err));
        QStringList alembicHeads;
        for (const QString &line : heads.out.split(u'\n', Qt::SkipEmptyParts))
            alembicHeads.append(line.section(u' ', 0, 0));
        QCOMPARE(sorted(graph.heads()), sorted(alembicHeads));

        const PyRun history =
            runPython(QStringList{QStringLiteral("-c"), QString::fromUtf8(kSortedCli)} + ini +
                          QStringList{QStringLiteral("history")},
                      dir.path());
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        QStringList order;
        for (const QString &line : history.out.split(u'\n', Qt::SkipEmptyParts)) {
            const auto h = parseHistoryLine(line);
            if (!h)
                continue;
            order.append(h->id);
            const Revision *r = graph.find(h->id);
            QVERIFY2(r, qPrintable(h->id));
            QCOMPARE(h->parents, r->downRevisions);
            QCOMPARE(h->deps, r->dependsOn);
            QCOMPARE(sorted(h->labels), sorted(graph.branchLabels(h->id)));
            QCOMPARE(h->markers.contains(QLatin1String("head")) ||
                         h->markers.contains(QLatin1String("effective head")),
                     graph.heads().contains(h->id));
            QCOMPARE(h->markers.contains(QLatin1String("branchpoint")),
                     graph.branchPoints().contains(h->id));
            QCOMPARE(h->markers.contains(QLatin1String("mergepoint")),
                     graph.mergePoints().contains(h->id));
            QVERIFY2(r->message.startsWith(h->doc),
                     qPrintable(r->message + QStringLiteral(" / ") + h->doc));
        }
        QCOMPARE(ids(graph.revisions()), order);
    }

    // Alembic warns about a duplicated id and its map keeps the file loaded last. (Its
    // `heads` then lists the id twice, and `history` fails once the id has a child; we
    // keep one revision and report the duplicate instead.)
    void duplicatesAgreeWithAlembic()
    {
        QVERIFY2(!alembicPython().isEmpty(), "no python3 that imports alembic");
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("versions")));
        const auto write = [&](const char *name, const char *text) {
            QFile file(dir.filePath(QString::fromUtf8(name)));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write("alembic.ini", "[alembic]\nscript_location = %(here)s\n");
        write("versions/a.py", "\"\"\"base\"\"\"\nrevision = 'b0'\ndown_revision = None\n");
        write("versions/b.py", "\"\"\"first copy\"\"\"\nrevision = 'dup1'\ndown_revision = 'b0'\n");
        write("versions/c.py",
              "\"\"\"second copy\"\"\"\nrevision = 'dup1'\ndown_revision = 'b0'\n");
        const auto project = loadAlembicProject(dir.path());
        QVERIFY(project.ok());
        QList<HistoryProblem> problems;
        const RevisionGraph graph = RevisionGraph::build(project->revisions, &problems);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems[0].location.file, QStringLiteral("versions/b.py"));
        QCOMPARE(graph.heads(), list({"dup1"}));

        const QStringList ini{QStringLiteral("-c"), QStringLiteral("alembic.ini")};
        const PyRun heads = runPython(QStringList{QStringLiteral("-m"), QStringLiteral("alembic")} +
                                          ini + QStringList{QStringLiteral("heads")},
                                      dir.path());
        QVERIFY2(heads.exitCode == 0, qPrintable(heads.err));
        QVERIFY(heads.err.contains(QLatin1String("Revision dup1 is present more than once")));
        QCOMPARE(heads.out.split(u'\n', Qt::SkipEmptyParts).size(), 2); // the ghost head
        QVERIFY(heads.out.startsWith(QLatin1String("dup1 (head)")));
        const PyRun history =
            runPython(QStringList{QStringLiteral("-c"), QString::fromUtf8(kSortedCli)} + ini +
                          QStringList{QStringLiteral("history")},
                      dir.path());
        QVERIFY2(history.exitCode == 0, qPrintable(history.err));
        QVERIFY2(history.out.startsWith(QLatin1String("b0 -> dup1 (head), second copy\n")),
                 qPrintable(history.out));
        QCOMPARE(graph.find(QStringLiteral("dup1"))->message, QStringLiteral("second copy"));
        QCOMPARE(ids(graph.revisions()), list({"dup1", "b0"}));
    }

    void resolveAgreesWithAlembic_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("identifiers");
        QTest::newRow("branched") << QStringLiteral("branched")
                                  << list({"aaaa00000001", "aaaa", "bbbb0", "a0a0", "a0a", "audit",
                                           "aud", "audit@head", "head", "heads", "audit@heads",
                                           "zzzz", "audit@a0a0", "audit@cccc", "nope@head",
                                           "dddd00000004"});
        QTest::newRow("depends") << QStringLiteral("depends")
                                 << list({"core", "core@head", "reports@head", "reports_", "core_",
                                          "core_o", "audi", "repo", "reports@core_users",
                                          "core@reports_more", "core_base@head"});
        QTest::newRow("merged") << QStringLiteral("merged")
                                << list({"add_", "add_u", "merge", "merge_t", "final", "head",
                                         "heads", "base_schema@head", "teams_logo@add_scores"});
    }

    void resolveAgreesWithAlembic()
    {
        QFETCH(QString, name);
        QFETCH(QStringList, identifiers);
        QVERIFY2(!alembicPython().isEmpty(), "no python3 that imports alembic");
        const QString folder = QStringLiteral(MIGCONSOLE_TEST_DATA_DIR "/alembic/") + name;
        QTemporaryDir dir;
        QVERIFY(copyTree(folder, dir.path()));
        const RevisionGraph graph =
            RevisionGraph::build(loadAlembicProject(dir.path())->revisions, nullptr);
        const PyRun run = runPython(
            {QStringLiteral("-c"), QString::fromUtf8(kResolve), QStringLiteral("alembic.ini")},
            dir.path(), QJsonDocument(toJson(identifiers)).toJson());
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), identifiers.size());
        for (qsizetype i = 0; i < identifiers.size(); ++i) {
            const QJsonArray answer = QJsonDocument::fromJson(lines[i].toUtf8()).array();
            const auto ours = graph.resolve(identifiers[i]);
            const QString context = identifiers[i] + QStringLiteral(": alembic says ") + lines[i];
            const QString said = ours.ok() ? *ours : ours.error().message;
            if (answer[0].toString() == QLatin1String("ok")) {
                QVERIFY2(ours.ok(), qPrintable(context + QStringLiteral(", we say ") + said));
                QCOMPARE(*ours, answer[1].toString());
            } else {
                QVERIFY2(!ours.ok(), qPrintable(context + QStringLiteral(", we say ") + said));
                QCOMPARE(ours.error().message, answer[1].toString());
            }
        }
    }

    // Random graphs (branches, merges of 2-3, several bases, depends_on by id or label,
    // branch labels; loaded in shuffled order) through Alembic's own RevisionMap.
    void randomGraphsAgreeWithAlembic()
    {
        QVERIFY2(!alembicPython().isEmpty(), "no python3 that imports alembic");
        QRandomGenerator rng(1861);
        QJsonArray graphs;
        QList<QList<Revision>> inputs;
        for (int g = 0; g < 150; ++g) {
            const int n = 2 + int(rng.bounded(40));
            QList<Revision> revisions;
            QStringList open;
            for (int i = 0; i < n; ++i) {
                Revision r;
                r.id = QStringLiteral("r%1x%2").arg(i).arg(rng.bounded(1000));
                r.location = SourceLocation{QStringLiteral("v.py"), 1};
                const quint32 roll = rng.bounded(100);
                if (i > 0 && roll >= 8) {
                    const int fanIn = roll < 20 ? 2 + int(rng.bounded(2)) : 1;
                    for (int k = 0; k < fanIn; ++k) {
                        const QString parent =
                            (!open.isEmpty() && rng.bounded(100) < 70)
                                ? open.at(int(rng.bounded(int(open.size()))))
                                : revisions.at(int(rng.bounded(int(revisions.size())))).id;
                        if (!r.downRevisions.contains(parent))
                            r.downRevisions.append(parent);
                    }
                }
                if (i > 1 && rng.bounded(100) < 15) {
                    const Revision &target = revisions.at(int(rng.bounded(int(revisions.size()))));
                    if (!r.downRevisions.contains(target.id))
                        r.dependsOn.append(target.branchLabels.isEmpty()
                                               ? target.id
                                               : target.branchLabels.first());
                }
                if (rng.bounded(100) < 12)
                    r.branchLabels.append(QStringLiteral("label%1").arg(i));
                for (const QString &p : std::as_const(r.downRevisions))
                    open.removeAll(p);
                open.append(r.id);
                revisions.append(r);
            }
            std::shuffle(revisions.begin(), revisions.end(), rng);
            QJsonArray graph;
            for (const Revision &r : std::as_const(revisions))
                graph.append(QJsonObject{{QStringLiteral("id"), r.id},
                                         {QStringLiteral("down"), toJson(r.downRevisions)},
                                         {QStringLiteral("deps"), toJson(r.dependsOn)},
                                         {QStringLiteral("labels"), toJson(r.branchLabels)}});
            graphs.append(graph);
            inputs.append(revisions);
        }
        const PyRun run =
            runPython({QStringLiteral("-c"), QString::fromUtf8(kRevisionMap)}, QDir::tempPath(),
                      QJsonDocument(graphs).toJson(QJsonDocument::Compact));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QJsonArray answers = QJsonDocument::fromJson(run.out.toUtf8()).array();
        QCOMPARE(answers.size(), graphs.size());
        for (qsizetype g = 0; g < inputs.size(); ++g) {
            QList<HistoryProblem> problems;
            const RevisionGraph graph = RevisionGraph::build(inputs[g], &problems);
            QVERIFY(problems.isEmpty());
            const QJsonObject a = answers[g].toObject();
            const QString context =
                QStringLiteral("graph %1: ").arg(g) +
                QString::fromUtf8(
                    QJsonDocument(graphs[g].toArray()).toJson(QJsonDocument::Compact));
            QVERIFY2(graph.heads() == a[QLatin1String("heads")].toVariant().toStringList(),
                     qPrintable(context));
            QVERIFY2(ids(graph.revisions()) == a[QLatin1String("order")].toVariant().toStringList(),
                     qPrintable(context + QStringLiteral("\nalembic: ") +
                                a[QLatin1String("order")].toVariant().toStringList().join(u' ') +
                                QStringLiteral("\nours:    ") + ids(graph.revisions()).join(u' ')));
            const QJsonObject ancestors = a[QLatin1String("ancestors")].toObject();
            const QJsonObject descendants = a[QLatin1String("descendants")].toObject();
            const QJsonObject labels = a[QLatin1String("labels")].toObject();
            for (const Revision &r : std::as_const(inputs[g])) {
                QCOMPARE(sorted(graph.ancestors(r.id)), ancestors[r.id].toVariant().toStringList());
                QCOMPARE(sorted(graph.descendants(r.id)),
                         descendants[r.id].toVariant().toStringList());
                QVERIFY2(sorted(graph.branchLabels(r.id)) ==
                             labels[r.id].toVariant().toStringList(),
                         qPrintable(context + QStringLiteral("\nlabels of ") + r.id));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestRevisionGraph)
#include "test_revision_graph.moc"
