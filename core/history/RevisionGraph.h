#pragma once

#include "history/Revision.h"
#include "util/Expected.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace migconsole {

/// The revision graph of an Alembic project (REFERENCE.md §1.2): built once, then queried.
/// Building never fails: duplicate ids, parents that do not exist and cycles are reported
/// as problems and the rest of the graph stays usable.
class RevisionGraph
{
public:
    RevisionGraph() = default;
    static RevisionGraph build(const QList<Revision> &revisions, QList<HistoryProblem> *problems);

    /// Every revision, newest first, in the order `alembic history` prints them.
    const QList<Revision> &revisions() const { return m_ordered; }
    qsizetype size() const { return m_ordered.size(); }
    const Revision *find(const QString &id) const;

    QStringList heads() const;        ///< no other revision names them as down_revision
    QStringList bases() const;        ///< down_revision is None
    QStringList branchPoints() const; ///< two or more children
    QStringList mergePoints() const;  ///< two or more parents
    QStringList children(const QString &id) const;

    /// Everything `id` implies applied: ancestors through down_revision and depends_on
    /// (not `id` itself).
    QSet<QString> ancestors(const QString &id) const;
    QSet<QString> descendants(const QString &id) const;

    /// Alembic's identifier resolution: exact id or branch label first, then a unique
    /// prefix of the known ids and labels (only those longer than three characters are
    /// candidates). The error lists the candidates ("Multiple revisions start with 'ab':
    /// 'ab12…', 'ab34…'...") or says none matched. Also `head`, `heads`, `label@head` and
    /// `label@rev` as Alembic resolves them; `base` names no revision and is an error.
    Expected<QString> resolve(const QString &identifier) const;

    /// Every branch label that applies to `id`: its own, and those Alembic spreads from
    /// a labelled revision to its descendants and back to the previous branch point.
    QStringList branchLabels(const QString &id) const;

private:
    bool sharesLineage(qsizetype a, qsizetype b) const;
    Expected<qsizetype> revisionForIdent(const QString &id, const QString &label) const;
    Expected<QStringList> headsInLineage(const QStringList &heads, const QString &label) const;

    QList<Revision> m_ordered;
    QHash<QString, qsizetype> m_index;     ///< id → position in m_ordered
    QHash<QString, QStringList> m_children;
    QHash<QString, QStringList> m_labelled; ///< branch label → revisions carrying it
    // Edges by position in m_ordered: down_revision only ("versioned", as Alembic calls
    // them) and down_revision + depends_on ("all"); missing targets and cycle-closing
    // links are already left out.
    QList<QList<qsizetype>> m_downEdges;
    QList<QList<qsizetype>> m_upEdges;
    QList<QList<qsizetype>> m_allDownEdges;
    QList<QList<qsizetype>> m_allUpEdges;
    QStringList m_heads;     ///< load order, like Alembic's
    QStringList m_realHeads; ///< heads nothing depends_on either
    QStringList m_bases;
    QHash<QString, qsizetype> m_labelOwner; ///< label → position of the revision declaring it
    QStringList m_mapKeys; ///< ids in load order, then labels: Alembic's revision-map order
    QHash<QString, QStringList> m_labelsOf;
};

} // namespace migconsole
