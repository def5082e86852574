// RevisionGraph's walks along the graph: ancestors, descendants, lineage, and Alembic's
// identifier resolution (script/revision.py `get_revision` / `_revision_for_ident`).

#include "history/RevisionGraph.h"

#include <vector>

namespace migconsole {

namespace {

QSet<QString> walk(const QList<Revision> &revisions, const QList<QList<qsizetype>> &edges,
                   qsizetype from)
{
    QSet<QString> out;
    std::vector<char> seen(size_t(revisions.size()), 0);
    std::vector<qsizetype> queue{from};
    seen[size_t(from)] = 1;
    for (size_t k = 0; k < queue.size(); ++k) {
        for (qsizetype next : edges[queue[k]]) {
            if (!seen[size_t(next)]) {
                seen[size_t(next)] = 1;
                queue.push_back(next);
                out.insert(revisions[next].id);
            }
        }
    }
    return out;
}

Error resolutionError(const QString &message)
{
    return Error{ErrorCode::BadInput, message, {}};
}

} // namespace

QSet<QString> RevisionGraph::ancestors(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? QSet<QString>() : walk(m_ordered, m_allDownEdges, *it);
}

QSet<QString> RevisionGraph::descendants(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? QSet<QString>() : walk(m_ordered, m_allUpEdges, *it);
}

// Alembic's `_shares_lineage` without dependencies: b is a, or above or below it.
bool RevisionGraph::sharesLineage(qsizetype a, qsizetype b) const
{
    if (a == b)
        return true;
    const QString &target = m_ordered[b].id;
    return walk(m_ordered, m_downEdges, a).contains(target) ||
           walk(m_ordered, m_upEdges, a).contains(target);
}

// Alembic's `_revision_for_ident`: exact id or label, else a unique prefix (of keys longer
// than three characters) of the ids and labels; `label` narrows to that branch's lineage.
Expected<qsizetype> RevisionGraph::revisionForIdent(const QString &id, const QString &label) const
{
    qsizetype branch = -1;
    if (!label.isEmpty()) {
        if (m_labelOwner.contains(label)) {
            branch = m_labelOwner.value(label);
        } else {
            const auto asRevision = revisionForIdent(label, {});
            if (!asRevision)
                return resolutionError(QStringLiteral("No such branch: '%1'").arg(label));
            branch = *asRevision;
        }
    }
    qsizetype found = m_index.value(id, m_labelOwner.value(id, -1));
    if (found < 0) {
        QStringList candidates;
        for (const QString &key : m_mapKeys) {
            if (key.size() > 3 && key.startsWith(id)) {
                const qsizetype at = m_index.value(key, m_labelOwner.value(key, -1));
                if (branch < 0 || sharesLineage(at, branch))
                    candidates.append(key);
            }
        }
        if (candidates.isEmpty())
            return resolutionError(
                QStringLiteral("No such revision or branch '%1'%2")
                    .arg(id, id.size() < 4 ? QStringLiteral("; please ensure at least four "
                                                            "characters are present for partial "
                                                            "revision identifier matches")
                                           : QString()));
        if (candidates.size() > 1) {
            QStringList shown;
            for (const QString &c : candidates.mid(0, 3))
                shown.append(u'\'' + c + u'\'');
            return resolutionError(QStringLiteral("Multiple revisions start with '%1': %2...")
                                       .arg(id, shown.join(QStringLiteral(", "))));
        }
        found = m_index.value(candidates.first(), m_labelOwner.value(candidates.first(), -1));
    }
    if (branch >= 0 && !sharesLineage(found, branch))
        return resolutionError(QStringLiteral("Revision %1 is not a member of branch '%2'")
                                   .arg(m_ordered[found].id, label));
    return found;
}

Expected<QStringList> RevisionGraph::headsInLineage(const QStringList &heads,
                                                    const QString &label) const
{
    if (label.isEmpty())
        return heads;
    const auto branch = revisionForIdent(label, {});
    if (!branch)
        return branch.error();
    QStringList out;
    for (const QString &head : heads) {
        if (sharesLineage(m_index.value(head), *branch))
            out.append(head);
    }
    return out;
}

Expected<QString> RevisionGraph::resolve(const QString &identifier) const
{
    QString label;
    QString id = identifier;
    if (const qsizetype at = identifier.indexOf(u'@'); at >= 0) {
        label = identifier.left(at);
        id = identifier.mid(at + 1);
    }
    if (id == QLatin1String("head") || id == QLatin1String("heads")) {
        // `heads` alone means the real heads; `label@heads` and `head` the down_revision ones.
        const bool real = id == QLatin1String("heads") && label.isEmpty();
        const auto heads = headsInLineage(real ? m_realHeads : m_heads, label);
        if (!heads)
            return heads.error();
        if (heads->size() == 1)
            return heads->first();
        if (heads->isEmpty())
            return resolutionError(QStringLiteral("No head revision for '%1'").arg(identifier));
        return resolutionError(QStringLiteral("Multiple heads are present for given argument "
                                              "'%1'; %2")
                                   .arg(identifier, heads->join(QStringLiteral(", "))));
    }
    if (id.isEmpty() || id == QLatin1String("base"))
        return resolutionError(
            QStringLiteral("'%1' names no revision: it is the state before the first one")
                .arg(identifier));
    const auto found = revisionForIdent(id, label);
    if (!found)
        return found.error();
    return m_ordered[*found].id;
}

} // namespace migconsole
