#pragma once

#include "history/MigrationHistory.h"

#include <QAbstractTableModel>

namespace migconsole {

/// Another tool's applied migrations (Flyway, Django, Prisma, …), read-only: one row each,
/// in the order the tool applied them; failed or dirty rows say so in words and with an
/// icon, not by colour alone.
class ToolHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { VersionColumn, StateColumn, DescriptionColumn, AppliedColumn, ColumnCount };

    explicit ToolHistoryModel(QObject *parent = nullptr);

    void setMigrations(const QString &tool, QList<ToolMigration> migrations);
    const QString &tool() const { return m_tool; }
    int failedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QString m_tool;
    QList<ToolMigration> m_migrations;
};

} // namespace migconsole
