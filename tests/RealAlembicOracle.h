#pragma once
// Real Alembic as an oracle for test_revision_graph: runs Debian's python3-alembic (its CLI
// with a sorted directory listing, its RevisionMap) and parses `alembic history` lines.

#include "RealAlembic.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <optional>

namespace migconsole::oracle {

struct PyRun
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Fails the calling test (not skips) when no interpreter imports alembic.
inline QString alembicPython()
{
    static const QString python = test::RealAlembic::python();
    return python;
}

inline PyRun runPython(const QStringList &arguments, const QString &workDir,
                       const QByteArray &input = {})
{
    PyRun run;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PYTHONDONTWRITEBYTECODE"), QStringLiteral("1"));
    env.insert(QStringLiteral("PYTHONIOENCODING"), QStringLiteral("utf-8"));
    process.setProcessEnvironment(env);
    process.setWorkingDirectory(workDir);
    process.start(alembicPython(), arguments);
    if (!process.waitForStarted(30000))
        return run;
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

// Alembic 1.8.1 loads a folder in os.listdir() order, which the file system decides;
// Alembic >= 1.10 sorts (script/base.py `_list_py_dir`), and so do we. This runs the
// unmodified Alembic CLI with a sorted os.listdir, so the orders are comparable.
inline const char *const kSortedCli = R"PY(import os, sys
_listdir = os.listdir
os.listdir = lambda path=".": sorted(_listdir(path))
from alembic.config import main
main(argv=sys.argv[1:], prog="alembic")
)PY";

inline const char *const kResolve = R"PY(import json, os, sys
_listdir = os.listdir
os.listdir = lambda path=".": sorted(_listdir(path))
from alembic.config import Config
from alembic.script import ScriptDirectory
script = ScriptDirectory.from_config(Config(sys.argv[1]))
for ident in json.load(sys.stdin):
    try:
        found = script.revision_map.get_revision(ident)
        print(json.dumps(["ok", found.revision if found else None]))
    except Exception as e:
        print(json.dumps(["error", str(e)]))
)PY";

inline const char *const kRevisionMap = R"PY(import json, sys
from alembic.script.revision import RevisionMap, Revision
def scalar(items):
    return None if not items else items[0] if len(items) == 1 else tuple(items)
out = []
for graph in json.load(sys.stdin):
    revs = [Revision(r["id"], scalar(r["down"]), dependencies=scalar(r["deps"]),
                     branch_labels=scalar(r["labels"])) for r in graph]
    m = RevisionMap(lambda revs=revs: revs)
    order = [r.revision for r in m.iterate_revisions("heads", "base", inclusive=True,
                                                      assert_relative_length=False)]
    ancestors = {r.revision: sorted(a.revision for a in m._get_ancestor_nodes([r])
                                    if a is not r) for r in revs}
    descendants = {r.revision: sorted(a.revision for a in m._get_descendant_nodes([r])
                                      if a is not r) for r in revs}
    labels = {r.revision: sorted(r.branch_labels) for r in revs}
    out.append({"heads": list(m.heads), "order": order, "ancestors": ancestors,
                "descendants": descendants, "labels": labels})
json.dump(out, sys.stdout)
)PY";

inline bool copyTree(const QString &from, const QString &to)
{
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString source = it.next();
        const QString target = to + u'/' + QDir(from).relativeFilePath(source);
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(source, target))
            return false;
    }
    return true;
}

// One line of `alembic history`: "a, b (deps) -> rev (labels) (head) (mergepoint), doc".
struct HistoryLine
{
    QString id;
    QStringList parents;
    QStringList deps;
    QStringList labels;
    QStringList markers;
    QString doc;
};

inline std::optional<HistoryLine> parseHistoryLine(const QString &line)
{
    const qsizetype arrow = line.indexOf(QLatin1String(" -> "));
    if (arrow < 0)
        return std::nullopt; // the continuation of a multi-line doc
    HistoryLine h;
    QString left = line.left(arrow);
    if (left.endsWith(u')')) {
        const qsizetype open = left.lastIndexOf(QLatin1String(" ("));
        h.deps = left.mid(open + 2, left.size() - open - 3).split(QStringLiteral(", "));
        left = left.left(open);
    }
    if (left != QLatin1String("<base>"))
        h.parents = left.split(QStringLiteral(", "));
    const QString right = line.mid(arrow + 4);
    qsizetype pos = 0;
    while (pos < right.size() && right.at(pos) != u' ' && right.at(pos) != u',')
        ++pos;
    h.id = right.left(pos);
    while (right.mid(pos).startsWith(QLatin1String(" ("))) {
        const qsizetype close = right.indexOf(u')', pos);
        const QString group = right.mid(pos + 2, close - pos - 2);
        if (group == QLatin1String("head") || group == QLatin1String("effective head") ||
            group == QLatin1String("branchpoint") || group == QLatin1String("mergepoint"))
            h.markers.append(group);
        else
            h.labels = group.split(QStringLiteral(", "));
        pos = close + 1;
    }
    if (right.mid(pos).startsWith(QLatin1String(", ")))
        h.doc = right.mid(pos + 2);
    return h;
}

} // namespace migconsole::oracle
