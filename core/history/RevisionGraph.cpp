#include "history/RevisionGraph.h"

#include <algorithm>
#include <vector>

namespace migconsole {

namespace {

using Kind = HistoryProblem::Kind;
using Adjacency = std::vector<std::vector<int>>;

HistoryProblem problem(Kind kind, const SourceLocation &where, const QString &message)
{
    return HistoryProblem{kind, where, message};
}

void appendUnique(std::vector<int> &list, int value)
{
    if (std::find(list.begin(), list.end(), value) == list.end())
        list.push_back(value);
}

// The graph while it is built, indexed by load order ("rank": Alembic's revision-map order,
// where a duplicated id keeps the place of its first file).
struct Work
{
    QList<Revision> nodes;
    QHash<QString, int> rankOf;
    QHash<QString, int> labelOwner;
    QStringList labelOrder;
    Adjacency parents;      ///< down_revision, resolved
    Adjacency deps;         ///< depends_on, resolved (ids or labels), not already a parent
    Adjacency resolvedDeps; ///< every resolved depends_on target, parents included
    Adjacency children;
    Adjacency allChildren;
    Adjacency normalizedDown; ///< Alembic's `_normalized_down_revisions`
};

// Cycles make Alembic refuse the whole directory; we drop the links that close them and
// keep going. First a depth-first walk over down_revision alone, where every back edge
// closes a loop; then each depends_on link is kept only if it does not lead back to its
// own revision, so a loop through a dependency always loses the dependency.
void breakCycles(Work &w, QList<HistoryProblem> &problems)
{
    const int n = int(w.nodes.size());
    auto report = [&](int from, int to, QStringList members, bool dependency) {
        members.sort();
        problems.append(problem(
            Kind::Cycle, w.nodes[from].location,
            QStringLiteral("%1 is detected in revisions (%2); the link from %3 to %4 is ignored")
                .arg(dependency ? QStringLiteral("Dependency cycle") : QStringLiteral("Cycle"),
                     members.join(QStringLiteral(", ")), w.nodes[from].id, w.nodes[to].id)));
    };
    std::vector<char> state(size_t(n), 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::pair<int, size_t>> stack;
    for (int root = 0; root < n; ++root) {
        if (state[size_t(root)])
            continue;
        stack.push_back({root, 0});
        state[size_t(root)] = 1;
        while (!stack.empty()) {
            const int node = stack.back().first;
            auto &parents = w.parents[size_t(node)];
            size_t &edge = stack.back().second;
            if (edge >= parents.size()) {
                state[size_t(node)] = 2;
                stack.pop_back();
                continue;
            }
            const int target = parents[edge];
            if (state[size_t(target)] == 1) {
                QStringList members;
                bool inCycle = false;
                for (const auto &entry : stack) {
                    inCycle = inCycle || entry.first == target;
                    if (inCycle)
                        members.append(w.nodes[entry.first].id);
                }
                report(node, target, members, false);
                parents.erase(parents.begin() + qsizetype(edge));
                continue;
            }
            ++edge;
            if (!state[size_t(target)]) {
                state[size_t(target)] = 1;
                stack.push_back({target, 0});
            }
        }
    }
    // depends_on: does the target reach back to the revision through the links kept so far?
    std::vector<int> seen(size_t(n), -1), via(size_t(n), -1), queue;
    int walkNo = 0;
    for (int node = 0; node < n; ++node) {
        auto &deps = w.deps[size_t(node)];
        for (size_t k = 0; k < deps.size();) {
            const int target = deps[k];
            ++walkNo;
            queue.assign(1, target);
            seen[size_t(target)] = walkNo;
            bool loops = false;
            for (size_t q = 0; q < queue.size() && !loops; ++q) {
                const int at = queue[q];
                for (const auto *links : {&w.parents[size_t(at)], &w.deps[size_t(at)]}) {
                    for (int next : *links) {
                        if (seen[size_t(next)] == walkNo)
                            continue;
                        seen[size_t(next)] = walkNo;
                        via[size_t(next)] = at;
                        queue.push_back(next);
                        loops = loops || next == node;
                    }
                }
            }
            if (!loops) {
                ++k;
                continue;
            }
            QStringList members{w.nodes[node].id};
            for (int at = via[size_t(node)]; at != target && at >= 0; at = via[size_t(at)])
                members.append(w.nodes[at].id);
            members.append(w.nodes[target].id);
            report(node, target, members, true);
            deps.erase(deps.begin() + qsizetype(k));
        }
    }
}

// Alembic's `_normalized_resolved_dependencies`: a depends_on target is dropped when a
// down_revision ancestor already depends on it.
void normalizeDependencies(Work &w)
{
    const size_t n = size_t(w.nodes.size());
    w.normalizedDown.assign(n, {});
    std::vector<int> seen(n, -1), covered(n, -1), queue;
    for (size_t i = 0; i < n; ++i) {
        w.normalizedDown[i] = w.parents[i];
        if (w.deps[i].empty())
            continue;
        queue.assign(w.parents[i].begin(), w.parents[i].end());
        for (int q : queue)
            seen[size_t(q)] = int(i);
        for (size_t k = 0; k < queue.size(); ++k) {
            const size_t a = size_t(queue[k]);
            for (int dep : w.resolvedDeps[a])
                covered[size_t(dep)] = int(i);
            for (int p : w.parents[a]) {
                if (seen[size_t(p)] != int(i)) {
                    seen[size_t(p)] = int(i);
                    queue.push_back(p);
                }
            }
        }
        for (int dep : w.deps[i]) {
            if (covered[size_t(dep)] != int(i))
                appendUnique(w.normalizedDown[i], dep);
        }
    }
}

// Alembic's `RevisionMap._topological_sort` for `history` (heads → base), reproduced
// step for step: a list of cursors starting at the real heads in map order; the current
// cursor's revision is emitted unless another cursor's revision descends from it (then
// that cursor goes first); after emitting, the cursor moves to the revision's first
// unvisited down revision and further ones become new cursors at the end of the list;
// an exhausted cursor is removed and the one before it continues. Alembic keeps an
// ancestor set per cursor; "does another cursor descend from this revision" is the same
// question, answered here by a walk over the revision's not yet emitted descendants.
std::vector<int> historyOrder(const Work &w)
{
    const size_t n = size_t(w.nodes.size());
    std::vector<char> emitted(n, 0), isCursor(n, 0);
    std::vector<int> cursors, order, stamp(n, 0), queue, pendingChildren(n, 0);
    order.reserve(n);
    for (size_t i = 0; i < n; ++i)
        pendingChildren[i] = int(w.allChildren[i].size());
    for (size_t i = 0; i < n; ++i) {
        if (w.allChildren[i].empty()) {
            cursors.push_back(int(i));
            isCursor[i] = 1;
        }
    }
    int stampNo = 0;
    size_t idx = 0;
    while (!cursors.empty()) {
        const int candidate = cursors[idx];
        if (pendingChildren[size_t(candidate)] > 0) {
            ++stampNo;
            queue.assign(1, candidate);
            // The walk may stop once it meets the first cursor in the list: none can win
            // over it (this keeps a base with thousands of heads linear).
            const int best = (cursors.size() > 1) ? cursors[idx == 0 ? 1 : 0] : -1;
            for (size_t k = 0; k < queue.size(); ++k) {
                if (best >= 0 && stamp[size_t(best)] == stampNo)
                    break;
                for (int c : w.allChildren[size_t(queue[k])]) {
                    if (!emitted[size_t(c)] && stamp[size_t(c)] != stampNo) {
                        stamp[size_t(c)] = stampNo;
                        queue.push_back(c);
                        if (c == best)
                            break;
                    }
                }
            }
            size_t j = 0;
            while (j < cursors.size() && (j == idx || stamp[size_t(cursors[j])] != stampNo))
                ++j;
            if (j < cursors.size()) {
                idx = j;
                continue;
            }
        }
        emitted[size_t(candidate)] = 1;
        isCursor[size_t(candidate)] = 0;
        order.push_back(candidate);
        for (int p : w.parents[size_t(candidate)])
            --pendingChildren[size_t(p)];
        for (int d : w.deps[size_t(candidate)])
            --pendingChildren[size_t(d)];
        std::vector<int> next;
        for (int r : w.normalizedDown[size_t(candidate)]) {
            if (!emitted[size_t(r)] && !isCursor[size_t(r)])
                next.push_back(r);
        }
        if (next.empty()) {
            cursors.erase(cursors.begin() + qsizetype(idx));
            idx = idx > 0 ? idx - 1 : 0;
            continue;
        }
        cursors[idx] = next.front();
        for (int r : next) {
            isCursor[size_t(r)] = 1;
            if (r != next.front())
                cursors.push_back(r);
        }
    }
    for (size_t i = 0; i < n; ++i) {
        if (!emitted[i]) // unreachable for a DAG; kept so the order is always complete
            order.push_back(int(i));
    }
    return order;
}

// Alembic's `_add_branches`: a label covers its revision and every down_revision
// descendant, and — walking down from the last descendant while no (real) branch point
// or merge point is met — the ancestors back to the previous branch point. Alembic's
// "last descendant" depends on set order when the descendants branch; a walk from any of
// them stops at that branching, so only the linear case reaches the ancestors.
QList<QStringList> propagateLabels(const Work &w)
{
    const size_t n = size_t(w.nodes.size());
    QList<QStringList> labels;
    labels.resize(qsizetype(n));
    auto add = [&](size_t node, const QStringList &own) {
        for (const QString &l : own) {
            if (!labels[qsizetype(node)].contains(l))
                labels[qsizetype(node)].append(l);
        }
    };
    std::vector<int> seen(n, -1), queue;
    for (size_t i = 0; i < n; ++i) {
        QStringList own;
        for (const QString &l : w.nodes[qsizetype(i)].branchLabels) {
            if (w.labelOwner.value(l, -1) == int(i))
                own.append(l);
        }
        if (own.isEmpty())
            continue;
        queue.assign(1, int(i));
        seen[i] = int(i);
        bool linear = true;
        for (size_t k = 0; k < queue.size(); ++k) {
            add(size_t(queue[k]), own);
            linear = linear && w.children[size_t(queue[k])].size() <= 1;
            for (int c : w.children[size_t(queue[k])]) {
                if (seen[size_t(c)] != int(i)) {
                    seen[size_t(c)] = int(i);
                    queue.push_back(c);
                }
            }
        }
        if (!linear)
            continue;
        for (int node = queue.back(); node >= 0;) {
            const size_t at = size_t(node);
            if (w.allChildren[at].size() > 1 || w.nodes[qsizetype(at)].downRevisions.size() > 1)
                break;
            add(at, own);
            node = w.parents[at].empty() ? -1 : w.parents[at].front();
        }
    }
    return labels;
}

QList<qsizetype> mapped(const std::vector<int> &ranks, const std::vector<qsizetype> &position)
{
    QList<qsizetype> out;
    out.reserve(qsizetype(ranks.size()));
    for (int r : ranks)
        out.append(position[size_t(r)]);
    return out;
}

} // namespace

RevisionGraph RevisionGraph::build(const QList<Revision> &revisions,
                                   QList<HistoryProblem> *problemsOut)
{
    QList<HistoryProblem> scratch;
    QList<HistoryProblem> &problems = problemsOut ? *problemsOut : scratch;
    Work w;
    // Duplicates: Alembic warns and its map keeps the file loaded last, at the map position
    // of the first one.
    for (const Revision &r : revisions) {
        const auto it = w.rankOf.constFind(r.id);
        if (it == w.rankOf.constEnd()) {
            w.rankOf.insert(r.id, int(w.nodes.size()));
            w.nodes.append(r);
            continue;
        }
        Revision &kept = w.nodes[*it];
        problems.append(problem(Kind::DuplicateId, kept.location,
                                QStringLiteral("Revision %1 is present more than once (%2, %3); "
                                               "like Alembic, the one loaded last (%3) is used")
                                    .arg(r.id, kept.location.file, r.location.file)));
        kept = r;
    }
    const size_t n = size_t(w.nodes.size());
    for (size_t i = 0; i < n; ++i) {
        const Revision &r = w.nodes[qsizetype(i)];
        for (const QString &label : r.branchLabels) {
            const int owner = w.rankOf.value(label, w.labelOwner.value(label, -1));
            if (owner >= 0) {
                problems.append(problem(Kind::DuplicateId, r.location,
                                        QStringLiteral("Branch name '%1' in revision %2 already "
                                                       "used by revision %3")
                                            .arg(label, r.id, w.nodes[owner].id)));
                continue;
            }
            w.labelOwner.insert(label, int(i));
            w.labelOrder.append(label);
        }
    }
    w.parents.assign(n, {});
    w.deps.assign(n, {});
    w.resolvedDeps.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
        const Revision &r = w.nodes[qsizetype(i)];
        for (const QString &down : r.downRevisions) {
            const int target = w.rankOf.value(down, -1);
            if (down == r.id)
                problems.append(
                    problem(Kind::Cycle, r.location,
                            QStringLiteral("Self-loop is detected in revisions (%1)").arg(r.id)));
            else if (target < 0)
                problems.append(problem(Kind::MissingParent, r.location,
                                        QStringLiteral("Revision %1 referenced from %2 is not "
                                                       "present (down_revision)")
                                            .arg(down, r.id)));
            else
                appendUnique(w.parents[i], target);
        }
        for (const QString &dep : r.dependsOn) {
            const int target = w.rankOf.value(dep, w.labelOwner.value(dep, -1));
            if (target == int(i))
                problems.append(problem(Kind::Cycle, r.location,
                                        QStringLiteral("Dependency self-loop is detected in "
                                                       "revisions (%1)")
                                            .arg(r.id)));
            else if (target < 0)
                problems.append(problem(Kind::MissingParent, r.location,
                                        QStringLiteral("Revision %1 referenced from %2 is not "
                                                       "present (depends_on)")
                                            .arg(dep, r.id)));
            if (target < 0 || target == int(i))
                continue;
            appendUnique(w.resolvedDeps[i], target);
            if (std::find(w.parents[i].begin(), w.parents[i].end(), target) == w.parents[i].end())
                appendUnique(w.deps[i], target);
        }
    }
    breakCycles(w, problems);
    w.children.assign(n, {});
    w.allChildren.assign(n, {});
    for (size_t i = 0; i < n; ++i) {
        for (int p : w.parents[i]) {
            w.children[size_t(p)].push_back(int(i));
            w.allChildren[size_t(p)].push_back(int(i));
        }
        for (int d : w.deps[i])
            w.allChildren[size_t(d)].push_back(int(i));
    }
    normalizeDependencies(w);
    const std::vector<int> order = historyOrder(w);
    const QList<QStringList> labels = propagateLabels(w);

    RevisionGraph g;
    std::vector<qsizetype> position(n);
    g.m_ordered.reserve(qsizetype(n));
    for (int rank : order) {
        position[size_t(rank)] = g.m_ordered.size();
        g.m_index.insert(w.nodes[rank].id, g.m_ordered.size());
        g.m_ordered.append(w.nodes[rank]);
    }
    g.m_downEdges.resize(qsizetype(n));
    g.m_upEdges.resize(qsizetype(n));
    g.m_allDownEdges.resize(qsizetype(n));
    g.m_allUpEdges.resize(qsizetype(n));
    for (size_t i = 0; i < n; ++i) {
        const qsizetype at = position[i];
        std::vector<int> all = w.parents[i];
        all.insert(all.end(), w.deps[i].begin(), w.deps[i].end());
        g.m_downEdges[at] = mapped(w.parents[i], position);
        g.m_upEdges[at] = mapped(w.children[i], position);
        g.m_allDownEdges[at] = mapped(all, position);
        g.m_allUpEdges[at] = mapped(w.allChildren[i], position);
        const QString &id = w.nodes[qsizetype(i)].id;
        QStringList kids;
        for (int c : w.children[i])
            kids.append(w.nodes[c].id);
        if (!kids.isEmpty())
            g.m_children.insert(id, kids);
        if (w.children[i].empty())
            g.m_heads.append(id);
        if (w.allChildren[i].empty())
            g.m_realHeads.append(id);
        if (w.nodes[qsizetype(i)].downRevisions.isEmpty())
            g.m_bases.append(id);
        g.m_mapKeys.append(id);
        if (!labels[qsizetype(i)].isEmpty())
            g.m_labelsOf.insert(id, labels[qsizetype(i)]);
    }
    for (const QString &label : std::as_const(w.labelOrder)) {
        g.m_labelOwner.insert(label, position[size_t(w.labelOwner.value(label))]);
        g.m_mapKeys.append(label);
    }
    for (const Revision &r : std::as_const(g.m_ordered)) {
        for (const QString &label : g.m_labelsOf.value(r.id))
            g.m_labelled[label].append(r.id);
    }
    return g;
}

const Revision *RevisionGraph::find(const QString &id) const
{
    const auto it = m_index.constFind(id);
    return it == m_index.constEnd() ? nullptr : &m_ordered[*it];
}

QStringList RevisionGraph::heads() const
{
    return m_heads;
}

QStringList RevisionGraph::bases() const
{
    return m_bases;
}

QStringList RevisionGraph::branchPoints() const
{
    QStringList out;
    for (qsizetype i = 0; i < m_ordered.size(); ++i) {
        if (m_upEdges[i].size() > 1)
            out.append(m_ordered[i].id);
    }
    return out;
}

QStringList RevisionGraph::mergePoints() const
{
    QStringList out;
    for (const Revision &r : m_ordered) {
        if (r.downRevisions.size() > 1)
            out.append(r.id);
    }
    return out;
}

QStringList RevisionGraph::children(const QString &id) const
{
    return m_children.value(id);
}

QStringList RevisionGraph::branchLabels(const QString &id) const
{
    return m_labelsOf.value(id);
}

} // namespace migconsole
