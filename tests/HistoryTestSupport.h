#pragma once
// Hand-built histories for the history pane's tests: no dependency on the Alembic loader.

#include "HistoryLaneLayout.h"
#include "history/MigrationHistory.h"

#include <QFile>
#include <QSet>
#include <QString>
#include <QTest>
#include <QWidget>

#include <initializer_list>

namespace migconsole::historytest {

inline QStringList strings(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *item : list)
        out.append(QString::fromUtf8(item));
    return out;
}

inline HistoryLaneNode node(const char *id, std::initializer_list<const char *> parents,
                            std::initializer_list<const char *> dependsOn = {},
                            std::initializer_list<const char *> labels = {})
{
    return HistoryLaneNode{QString::fromUtf8(id), strings(parents), strings(dependsOn),
                           strings(labels)};
}

/// "U0>1" / "L1>1" / "L0>0~" (dashed) / "L0>0!" (dangling), sorted, for exact comparisons.
inline QStringList edgeCodes(const HistoryLaneRow &row)
{
    QStringList codes;
    for (const HistoryLaneEdge &edge : row.edges) {
        QString code = QStringLiteral("%1%2>%3")
                           .arg(edge.part == HistoryLaneEdge::Part::Upper ? QLatin1Char('U')
                                                                          : QLatin1Char('L'))
                           .arg(edge.from)
                           .arg(edge.to);
        if (edge.dashed)
            code += QLatin1Char('~');
        if (edge.dangling)
            code += QLatin1Char('!');
        codes.append(code);
    }
    codes.sort();
    return codes;
}

inline QStringList codes(std::initializer_list<const char *> list)
{
    QStringList out;
    for (const char *code : list)
        out.append(QString::fromLatin1(code));
    out.sort();
    return out;
}

/// A MigrationHistory over `nodes` (newest first) as computeHistory would state it:
/// `current` recorded in the version table, its ancestors applied, the rest pending; ids in
/// `unknown` are recorded too but have no script (put them first in `nodes`).
inline MigrationHistory historyOf(const QList<HistoryLaneNode> &nodes,
                                  const QStringList &current = {}, const QStringList &unknown = {})
{
    MigrationHistory history;
    history.tool = QStringLiteral("alembic");
    history.hasDatabase = !current.isEmpty() || !unknown.isEmpty();
    history.hasVersionTable = history.hasDatabase;
    history.versionTable = QStringLiteral("alembic_version");
    history.current = current + unknown;
    history.unknown = unknown;
    history.projectRoot = QStringLiteral("/project");

    QHash<QString, QStringList> parentsOf;
    QSet<QString> named;
    for (const HistoryLaneNode &n : nodes) {
        parentsOf.insert(n.id, n.parents + n.dependsOn);
        for (const QString &p : n.parents)
            named.insert(p);
    }
    QSet<QString> applied;
    QStringList todo = current;
    while (!todo.isEmpty()) {
        for (const QString &p : parentsOf.value(todo.takeLast())) {
            if (!applied.contains(p)) {
                applied.insert(p);
                todo.append(p);
            }
        }
    }
    for (const HistoryLaneNode &n : nodes) {
        HistoryEntry entry;
        entry.revision.id = n.id;
        if (unknown.contains(n.id)) {
            entry.status = RevisionStatus::Unknown;
            history.entries.append(entry);
            continue;
        }
        entry.revision.downRevisions = n.parents;
        entry.revision.dependsOn = n.dependsOn;
        entry.revision.branchLabels = n.branchLabels;
        entry.revision.message = QStringLiteral("revision %1").arg(n.id);
        entry.revision.location = {QStringLiteral("versions/%1.py").arg(n.id), 7};
        entry.revision.filePath = QStringLiteral("/project/versions/%1.py").arg(n.id);
        entry.revision.createDate = QStringLiteral("2025-11-01 10:12:03");
        entry.status = current.contains(n.id)   ? RevisionStatus::Current
                       : applied.contains(n.id) ? RevisionStatus::Applied
                                                : RevisionStatus::Pending;
        if (entry.status == RevisionStatus::Pending && history.hasDatabase)
            history.pending.append(n.id);
        if (!named.contains(n.id))
            history.heads.append(n.id);
        history.entries.append(entry);
    }
    return history;
}

/// `count` revisions, newest first: a main line with a two-way branch and merge every 10
/// revisions, a second base merged back every 100, and a depends_on
/// reaching 20 revisions down every 37th.
inline QList<HistoryLaneNode> generatedNodes(int count)
{
    QList<HistoryLaneNode> oldestFirst;
    auto id = [](int n) { return QStringLiteral("r%1").arg(n, 4, 10, QLatin1Char('0')); };
    auto add = [&](QStringList parents) {
        HistoryLaneNode n;
        n.id = id(int(oldestFirst.size()));
        n.parents = std::move(parents);
        oldestFirst.append(n);
        return n.id;
    };
    QString tip = add({});
    while (oldestFirst.size() < count) {
        const int i = int(oldestFirst.size());
        if (i % 100 == 99 && count - i >= 3) {
            const QString base = add({});
            const QString side = add({base});
            tip = add({tip, side});
        } else if (i % 10 == 5 && count - i >= 5) {
            const QString left = add({tip});
            const QString right = add({tip});
            const QString left2 = add({left});
            const QString right2 = add({right});
            tip = add({left2, right2});
        } else {
            tip = add({tip});
            if (i % 37 == 0 && i > 20)
                oldestFirst.last().dependsOn.append(id(i - 20));
        }
    }
    return QList<HistoryLaneNode>(oldestFirst.crbegin(), oldestFirst.crend());
}

/// Writes a revision script; returns its absolute path.
inline QString writeScript(const QString &path, const QString &text)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write(text.toUtf8());
    return path;
}

/// With MIGCONSOLE_SCREENSHOT_DIR set, keeps a picture of `widget` for a human to look at.
inline void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MIGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // let pending layout, paint and the busy indicator settle
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!widget.grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

} // namespace migconsole::historytest
