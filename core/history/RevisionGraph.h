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
    /// prefix (at least 4 characters) of the known ids. The error lists the candidates
    /// ("Multiple revisions start with 'ab': ab12…, ab34…") or says none matched.
    Expected<QString> resolve(const QString &identifier) const;

private:
    QList<Revision> m_ordered;
    QHash<QString, qsizetype> m_index;     ///< id → position in m_ordered
    QHash<QString, QStringList> m_children;
    QHash<QString, QStringList> m_labelled; ///< branch label → revisions carrying it
};

} // namespace migconsole
