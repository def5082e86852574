#include "HistoryLaneDelegate.h"

#include "HistoryLaneLayout.h"
#include "HistoryModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <array>

namespace migconsole {

namespace {

// Muted lane colours, kept apart from the status colours so a line is never mistaken for
// a node's state.
constexpr std::array<QRgb, 6> kLanePalette = {0x6f7f91, 0xa8763e, 0x8a66b5,
                                              0x2f9494, 0xb8608f, 0x8b8b2e};

constexpr qreal kLinePen = 1.6;

} // namespace

HistoryLaneDelegate::HistoryLaneDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

int HistoryLaneDelegate::graphWidth(int lanes)
{
    return 2 * kMargin + std::clamp(lanes, 1, kMaxHintLanes) * kLaneWidth;
}

QColor HistoryLaneDelegate::laneColour(int colour)
{
    return QColor(kLanePalette[size_t(colour) % kLanePalette.size()]);
}

QColor HistoryLaneDelegate::statusColour(RevisionStatus status)
{
    switch (status) {
    case RevisionStatus::Applied:
        return QColor(0x2e7d32); // green: done
    case RevisionStatus::Current:
        return QColor(0x1565c0); // blue: where the database is
    case RevisionStatus::Pending:
        return QColor(0x757575); // grey: not yet
    case RevisionStatus::Unknown:
        return QColor(0xc62828); // red: the database names something we cannot see
    }
    return QColor(Qt::black);
}

QSize HistoryLaneDelegate::sizeHint(const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // The current marker is 16 px across: leave it air above and below.
    size.setHeight(std::max(size.height(), 22));
    if (index.column() == HistoryModel::GraphColumn)
        size.setWidth(graphWidth(index.data(HistoryModel::LaneCountRole).toInt()));
    return size;
}

void HistoryLaneDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    if (index.column() != HistoryModel::GraphColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // Background, selection and focus as the style draws them, without text.
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    opt.text.clear();
    opt.icon = QIcon();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const auto row = index.data(HistoryModel::LaneRowRole).value<HistoryLaneRow>();
    const auto status = RevisionStatus(index.data(HistoryModel::StatusRole).toInt());
    const QRectF rect = option.rect;
    const qreal top = rect.top();
    const qreal bottom = rect.bottom() + 1; // meet the next row's top edge exactly
    const qreal middle = std::round(rect.center().y()) + 0.5;
    auto laneX = [&](int lane) {
        return rect.left() + kMargin + lane * kLaneWidth + kLaneWidth / 2.0;
    };

    painter->save();
    painter->setClipRect(option.rect);
    painter->setRenderHint(QPainter::Antialiasing);
    if (m_edgesVisible) {
        for (const HistoryLaneEdge &edge : row.edges) {
            const bool upper = edge.part == HistoryLaneEdge::Part::Upper;
            const QPointF from(laneX(edge.from), upper ? top : middle);
            QPointF to(laneX(edge.to), upper ? middle : bottom);
            QPen pen(edge.dangling ? statusColour(RevisionStatus::Unknown)
                                   : laneColour(edge.colour),
                     kLinePen);
            pen.setCapStyle(Qt::FlatCap);
            if (edge.dashed)
                pen.setDashPattern({3.0, 2.5});
            if (edge.dangling) {
                // Half way down, then a cross bar: "a parent, but not in this list".
                pen.setStyle(Qt::DotLine);
                to.setY(middle + (bottom - middle) * 0.7);
                painter->setPen(pen);
                painter->drawLine(from, to);
                pen.setStyle(Qt::SolidLine);
                painter->setPen(pen);
                painter->drawLine(to - QPointF(3.5, 0), to + QPointF(3.5, 0));
                continue;
            }
            painter->setPen(pen);
            if (from.x() == to.x()) {
                painter->drawLine(from, to);
            } else {
                // An S-curve between lanes reads better than a steep diagonal.
                QPainterPath path(from);
                const qreal midY = (from.y() + to.y()) / 2;
                path.cubicTo(QPointF(from.x(), midY), QPointF(to.x(), midY), to);
                painter->setBrush(Qt::NoBrush);
                painter->drawPath(path);
            }
        }
    }
    paintNode(painter, QPointF(laneX(row.lane), middle), status, option);
    painter->restore();
}

void HistoryLaneDelegate::paintNode(QPainter *painter, const QPointF &centre, RevisionStatus status,
                                    const QStyleOptionViewItem &option) const
{
    const QColor colour = statusColour(status);
    const QColor halo = option.palette.color(QPalette::Base);
    // A halo in the base colour keeps the node readable on lines and on a selected row.
    auto disc = [&](qreal radius, const QColor &fill, const QPen &pen) {
        painter->setPen(pen);
        painter->setBrush(fill);
        painter->drawEllipse(centre, radius, radius);
    };
    switch (status) {
    case RevisionStatus::Applied:
        disc(6.0, halo, Qt::NoPen);
        disc(4.5, colour, QPen(colour.darker(130), 1.0));
        break;
    case RevisionStatus::Current: // ◉: a bold ring around a dot, the largest marker
        disc(8.0, halo, Qt::NoPen);
        disc(6.5, halo, QPen(colour, 2.2));
        disc(3.2, colour, Qt::NoPen);
        break;
    case RevisionStatus::Pending: // ○: hollow
        disc(6.0, halo, Qt::NoPen);
        disc(4.5, halo, QPen(colour, 1.6));
        break;
    case RevisionStatus::Unknown: { // ?: a square, unlike every other node
        const QRectF box(centre - QPointF(6.5, 6.5), QSizeF(13, 13));
        painter->setPen(Qt::NoPen);
        painter->setBrush(halo);
        painter->drawRoundedRect(box.adjusted(-1.5, -1.5, 1.5, 1.5), 2.5, 2.5);
        painter->setBrush(colour);
        painter->drawRoundedRect(box, 2.0, 2.0);
        QFont font = option.font;
        font.setBold(true);
        font.setPixelSize(11);
        painter->setFont(font);
        painter->setPen(Qt::white);
        painter->drawText(box, Qt::AlignCenter, QStringLiteral("?"));
        break;
    }
    }
}

} // namespace migconsole
