#include "ToolHistoryModel.h"

#include <QApplication>
#include <QBrush>
#include <QFont>
#include <QStyle>

namespace migconsole {

ToolHistoryModel::ToolHistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void ToolHistoryModel::setMigrations(const QString &tool, QList<ToolMigration> migrations)
{
    beginResetModel();
    m_tool = tool;
    m_migrations = std::move(migrations);
    endResetModel();
}

int ToolHistoryModel::failedCount() const
{
    return int(std::count_if(m_migrations.cbegin(), m_migrations.cend(),
                             [](const ToolMigration &m) { return m.failed; }));
}

int ToolHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_migrations.size());
}

int ToolHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ToolHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_migrations.size())
        return {};
    const ToolMigration &m = m_migrations.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case VersionColumn:
            return m.version;
        case StateColumn:
            return m.failed ? QStringLiteral("failed") : QStringLiteral("applied");
        case DescriptionColumn:
            return m.description;
        case AppliedColumn:
            return m.appliedAt;
        default:
            return {};
        }
    case Qt::DecorationRole:
        if (index.column() == StateColumn)
            return QApplication::style()->standardIcon(m.failed ? QStyle::SP_MessageBoxCritical
                                                                : QStyle::SP_DialogApplyButton);
        return {};
    case Qt::ForegroundRole:
        if (m.failed)
            return QBrush(QColor(0xb0, 0x20, 0x20));
        return {};
    case Qt::FontRole:
        if (m.failed) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return m.failed ? QStringLiteral("%1 recorded this migration as failed or unfinished: "
                                         "inspect the schema before running the tool again")
                              .arg(m_tool)
                        : QVariant();
    default:
        return {};
    }
}

QVariant ToolHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case VersionColumn:
        return QStringLiteral("Version");
    case StateColumn:
        return QStringLiteral("State");
    case DescriptionColumn:
        return QStringLiteral("Description");
    case AppliedColumn:
        return QStringLiteral("Applied at");
    default:
        return {};
    }
}

} // namespace migconsole
