#include "HistoryLaneLayout.h"

#include <QHash>

#include <algorithm>
#include <vector>

namespace migconsole {

namespace {

/// An open lane is a line on its way down to the row of `awaiting`.
struct Lane
{
    QString awaiting;
    quint16 colour = 0;
    bool dashed = false;
    bool open = false;
};

using Part = HistoryLaneEdge::Part;

HistoryLaneEdge edge(Part part, int from, int to, quint16 colour, bool dashed = false,
                     bool dangling = false)
{
    HistoryLaneEdge e;
    e.part = part;
    e.from = qint16(from);
    e.to = qint16(to);
    e.colour = colour;
    e.dashed = dashed;
    e.dangling = dangling;
    return e;
}

int findOpen(const std::vector<Lane> &lanes, const QString &id)
{
    for (size_t i = 0; i < lanes.size(); ++i) {
        if (lanes[i].open && lanes[i].awaiting == id)
            return int(i);
    }
    return -1;
}

} // namespace

HistoryLaneLayout HistoryLaneLayout::compute(const QList<HistoryLaneNode> &nodes,
                                             const Options &options)
{
    HistoryLaneLayout layout;
    const int count = int(nodes.size());
    QHash<QString, int> rowOf;
    QHash<QString, QString> labelled;
    rowOf.reserve(count);
    for (int r = 0; r < count; ++r) {
        rowOf.insert(nodes[r].id, rowOf.value(nodes[r].id, r)); // a duplicate id: first row
        for (const QString &label : nodes[r].branchLabels)
            labelled.insert(label, labelled.value(label, nodes[r].id));
    }

    std::vector<Lane> lanes;
    std::vector<char> touched; // lanes that had a line in this row's upper half
    quint16 nextColour = 0;
    layout.m_rows.reserve(count);

    for (int r = 0; r < count; ++r) {
        const HistoryLaneNode &node = nodes[r];
        HistoryLaneRow row;
        touched.assign(lanes.size(), 0);

        // Upper half: every open lane comes down from the row above; the ones waiting for
        // this node converge on the leftmost of them, which becomes the node's lane.
        int nodeLane = findOpen(lanes, node.id);
        quint16 nodeColour = nodeLane >= 0 ? lanes[size_t(nodeLane)].colour : 0;
        for (size_t i = 0; i < lanes.size(); ++i) {
            Lane &lane = lanes[i];
            if (!lane.open)
                continue;
            touched[i] = 1;
            if (lane.awaiting == node.id) {
                row.edges.append(edge(Part::Upper, int(i), nodeLane, lane.colour, lane.dashed));
                lane.open = false;
            } else {
                row.edges.append(edge(Part::Upper, int(i), int(i), lane.colour, lane.dashed));
            }
        }

        // A lane free in both halves of this row; reusing one that just converged would draw
        // a line leaving where another arrived, which reads as a line passing straight on.
        auto freeLane = [&](int exclude) {
            for (size_t i = 0; i < lanes.size(); ++i) {
                if (!lanes[i].open && !touched[i] && int(i) != exclude)
                    return int(i);
            }
            lanes.emplace_back();
            touched.push_back(0);
            return int(lanes.size()) - 1;
        };
        if (nodeLane < 0) { // nothing above points here: a head starts a lane
            nodeLane = freeLane(-1);
            nodeColour = nextColour++;
        }

        // Lower half: lanes still open pass straight on...
        for (size_t i = 0; i < lanes.size(); ++i) {
            if (lanes[i].open)
                row.edges.append(
                    edge(Part::Lower, int(i), int(i), lanes[i].colour, lanes[i].dashed));
        }

        // ...and the node's own lines leave for its parents. The first parent below
        // continues the node's lane; another joins a lane already going to it or opens one.
        bool nodeLaneTaken = false;
        QStringList seen;
        auto follow = [&](const QString &target, bool dashed) {
            const int existing = findOpen(lanes, target);
            if (!nodeLaneTaken && (existing < 0 || !dashed)) {
                lanes[size_t(nodeLane)] = Lane{target, nodeColour, dashed, true};
                row.edges.append(edge(Part::Lower, nodeLane, nodeLane, nodeColour, dashed));
                nodeLaneTaken = true;
            } else if (existing >= 0) {
                Lane &lane = lanes[size_t(existing)];
                if (!dashed)
                    lane.dashed = false; // a real parent runs in it now
                row.edges.append(edge(Part::Lower, nodeLane, existing, lane.colour, dashed));
            } else {
                const int opened = freeLane(nodeLane);
                const quint16 colour = nextColour++;
                lanes[size_t(opened)] = Lane{target, colour, dashed, true};
                row.edges.append(edge(Part::Lower, nodeLane, opened, colour, dashed));
            }
        };
        for (const QString &parent : node.parents) {
            if (seen.contains(parent))
                continue;
            seen.append(parent);
            if (rowOf.value(parent, -1) <= r) {
                // Not below this row (missing, or a cycle): a stub says "a parent, not here".
                row.edges.append(edge(Part::Lower, nodeLane, nodeLane, nodeColour, false, true));
                continue;
            }
            follow(parent, false);
        }
        if (options.dependsOn) {
            for (const QString &dependency : node.dependsOn) {
                const QString target =
                    rowOf.contains(dependency) ? dependency : labelled.value(dependency);
                // depends_on that cannot be placed is left out: the problems list names it.
                if (target.isEmpty() || seen.contains(target) || rowOf.value(target) <= r)
                    continue;
                seen.append(target);
                follow(target, true);
            }
        }

        while (!lanes.empty() && !lanes.back().open)
            lanes.pop_back();

        row.lane = nodeLane;
        int widest = nodeLane;
        for (const HistoryLaneEdge &e : std::as_const(row.edges))
            widest = std::max({widest, int(e.from), int(e.to)});
        row.width = widest + 1;
        layout.m_laneCount = std::max(layout.m_laneCount, row.width);
        layout.m_rows.append(std::move(row));
    }
    return layout;
}

HistoryLaneLayout HistoryLaneLayout::compute(const QList<HistoryEntry> &entries,
                                             const Options &options)
{
    QList<HistoryLaneNode> nodes;
    nodes.reserve(entries.size());
    for (const HistoryEntry &entry : entries)
        nodes.append(HistoryLaneNode{entry.revision.id, entry.revision.downRevisions,
                                     entry.revision.dependsOn, entry.revision.branchLabels});
    return compute(nodes, options);
}

} // namespace migconsole
