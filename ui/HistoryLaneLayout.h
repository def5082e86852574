#pragma once

#include "history/MigrationHistory.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace migconsole {

/// What the lane layout needs of one revision row.
struct HistoryLaneNode
{
    QString id;
    QStringList parents;      ///< down_revision, in declaration order
    QStringList dependsOn;    ///< drawn dashed when the layout is asked to
    QStringList branchLabels; ///< lets depends_on name a label instead of an id
};

/// One line segment of a row's graph cell. An Upper segment runs from the row's top edge
/// at lane `from` to the row's centre at lane `to`; a Lower one from the centre at `from`
/// to the bottom edge at `to`. Segments of adjacent rows meet at the shared edge.
struct HistoryLaneEdge
{
    enum class Part : quint8
    {
        Upper,
        Lower
    };

    qint16 from = 0;
    qint16 to = 0;
    Part part = Part::Upper;
    bool dashed = false;   ///< a depends_on edge: does not merge lineages
    bool dangling = false; ///< the parent is not among the rows: a short stub, no target
    quint16 colour = 0;    ///< stable per lane lifetime; the painter picks from a palette

    bool operator==(const HistoryLaneEdge &) const = default;
};

/// The graph cell of one row: the node's lane and the segments through the row.
struct HistoryLaneRow
{
    int lane = 0;  ///< the node's lane (0 = leftmost)
    int width = 0; ///< lanes this row draws in (highest lane used + 1)
    QList<HistoryLaneEdge> edges;

    bool operator==(const HistoryLaneRow &) const = default;
};

/// Lane assignment for a revision list drawn like `git log --graph`: rows in the given order
/// (newest first), each child's line runs down to its parent's row; branches open lanes,
/// merges close them. Lanes stay where they are while open (no sideways drift) and a freed
/// lane is reused, so the width is the largest number of lineages open at once.
///
/// Never fails: an id no row defines, a parent listed above its child (a cycle) or an
/// unresolvable depends_on get a dangling stub or no edge, never a lane that runs forever.
/// Cost O(rows × open lanes).
class HistoryLaneLayout
{
public:
    struct Options
    {
        bool dependsOn = true; ///< draw depends_on edges (dashed)
    };

    HistoryLaneLayout() = default;
    static HistoryLaneLayout compute(const QList<HistoryLaneNode> &nodes, const Options &options);
    static HistoryLaneLayout compute(const QList<HistoryEntry> &entries, const Options &options);

    const QList<HistoryLaneRow> &rows() const { return m_rows; }
    /// The widest row's width: how many lanes the graph column must fit.
    int laneCount() const { return m_laneCount; }

private:
    QList<HistoryLaneRow> m_rows;
    int m_laneCount = 0;
};

} // namespace migconsole

Q_DECLARE_METATYPE(migconsole::HistoryLaneRow) // handed to the delegate through a model role
