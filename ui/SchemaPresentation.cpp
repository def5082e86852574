#include "SchemaPresentation.h"

#include <QFont>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace migconsole::presentation {

namespace {

using Kind = SchemaNodeKind;

constexpr int kPrimaryKeyColumnIcon = 100; // icon keys beyond the SchemaNodeKind values
constexpr int kMaterializedViewIcon = 101;
constexpr int kGroupIcon = 102;

/// A 32 px badge: a shape plus one or two letters, so the kind never rests on colour alone.
QIcon paintBadge(const QString &letters, const QColor &colour, bool round)
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    const QRectF box(2, 2, 28, 28);
    painter.setPen(QPen(colour.darker(140), 2));
    painter.setBrush(colour.lighter(160));
    if (round)
        painter.drawEllipse(box);
    else
        painter.drawRoundedRect(box, 5, 5);
    QFont font;
    font.setBold(true);
    font.setPixelSize(letters.size() > 1 ? 14 : 19);
    painter.setFont(font);
    painter.setPen(colour.darker(260));
    painter.drawText(box, Qt::AlignCenter, letters);
    return QIcon(pixmap);
}

QIcon paintFolder()
{
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    QPainterPath path;
    path.moveTo(3, 8);
    path.lineTo(12, 8);
    path.lineTo(15, 11);
    path.lineTo(29, 11);
    path.lineTo(29, 26);
    path.lineTo(3, 26);
    path.closeSubpath();
    const QColor colour(0xc8, 0xa0, 0x40);
    painter.setPen(QPen(colour.darker(150), 2));
    painter.setBrush(colour.lighter(150));
    painter.drawPath(path);
    return QIcon(pixmap);
}

} // namespace

QString kindName(SchemaNodeKind kind)
{
    switch (kind) {
    case Kind::Namespace:
        return QStringLiteral("schema");
    case Kind::Table:
        return QStringLiteral("table");
    case Kind::Column:
        return QStringLiteral("column");
    case Kind::Index:
        return QStringLiteral("index");
    case Kind::PrimaryKey:
        return QStringLiteral("primary key");
    case Kind::Unique:
        return QStringLiteral("unique");
    case Kind::Check:
        return QStringLiteral("check");
    case Kind::ForeignKey:
        return QStringLiteral("foreign key");
    case Kind::View:
        return QStringLiteral("view");
    case Kind::Enum:
        return QStringLiteral("enum");
    default:
        return {};
    }
}

QString plural(qsizetype count, const QString &singular)
{
    return QStringLiteral("%1 %2%3").arg(count).arg(singular,
                                                    count == 1 ? QString() : QStringLiteral("s"));
}

QString oneLine(const QString &text, int maxLength)
{
    QString line = text.simplified();
    if (line.size() > maxLength)
        line = line.left(maxLength - 1) + QChar(0x2026);
    return line;
}

int iconKey(const SchemaObjectRef &ref)
{
    if (ref.isGroup())
        return kGroupIcon;
    if (ref.kind == Kind::Column && inPrimaryKey(*ref.table, *ref.column))
        return kPrimaryKeyColumnIcon;
    if (ref.kind == Kind::View && ref.view->materialized)
        return kMaterializedViewIcon;
    return int(ref.kind);
}

QIcon paintIcon(int key)
{
    struct Badge
    {
        int key;
        const char *letters;
        QRgb colour;
        bool round;
    };
    static const Badge badges[] = {
        {kPrimaryKeyColumnIcon, "K", 0xd0a020, true},
        {kMaterializedViewIcon, "MV", 0x30a0b0, false},
        {int(Kind::Namespace), "S", 0x708090, false},
        {int(Kind::Table), "T", 0x4070c0, false},
        {int(Kind::Column), "c", 0x509090, true},
        {int(Kind::Index), "ix", 0x8060b0, false},
        {int(Kind::PrimaryKey), "PK", 0xd0a020, false},
        {int(Kind::Unique), "U", 0xd08040, false},
        {int(Kind::Check), "ck", 0xd08040, false},
        {int(Kind::ForeignKey), "FK", 0x50a050, false},
        {int(Kind::View), "V", 0x30a0b0, false},
        {int(Kind::Enum), "E", 0xc06090, false},
    };
    if (key == kGroupIcon)
        return paintFolder();
    for (const Badge &badge : badges) {
        if (badge.key == key)
            return paintBadge(QLatin1String(badge.letters), QColor(badge.colour), badge.round);
    }
    return {};
}

} // namespace migconsole::presentation
