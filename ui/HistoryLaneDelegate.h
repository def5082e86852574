#pragma once

#include "history/MigrationHistory.h"

#include <QColor>
#include <QStyledItemDelegate>

namespace migconsole {

/// Paints HistoryModel's graph column: the lanes (HistoryModel::LaneRowRole) and one node per
/// row whose shape AND colour say its status, so the graph reads without colour vision:
/// applied ● filled, current ◉ ring around a dot, pending ○ hollow, unknown ? in a square.
/// A parent missing from the list ends in a short dotted stub with a cross bar.
class HistoryLaneDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kLaneWidth = 14;
    static constexpr int kMargin = 4;
    /// Lanes beyond this are clipped unless the column is widened by hand.
    static constexpr int kMaxHintLanes = 12;

    explicit HistoryLaneDelegate(QObject *parent = nullptr);

    /// Off while a filter hides rows: lines between rows that are no longer adjacent would
    /// lie, so only the nodes are drawn.
    void setEdgesVisible(bool visible) { m_edgesVisible = visible; }
    bool edgesVisible() const { return m_edgesVisible; }

    /// Width of a graph column for `lanes` lanes (at least one, at most kMaxHintLanes).
    static int graphWidth(int lanes);
    static QColor laneColour(int colour);
    static QColor statusColour(RevisionStatus status);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    void paintNode(QPainter *painter, const QPointF &centre, RevisionStatus status,
                   const QStyleOptionViewItem &option) const;

    bool m_edgesVisible = true;
};

} // namespace migconsole
