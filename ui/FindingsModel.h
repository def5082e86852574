#pragma once

#include "drift/Finding.h"

#include <QAbstractTableModel>
#include <QList>
#include <QSet>
#include <QSortFilterProxyModel>

#include <optional>

namespace migconsole {

/// The findings list: one row per Finding of a drift check, in the order core lists them.
class FindingsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        SeverityColumn, ///< icon and word
        KindColumn,     ///< "missing_column": the CLI's name, so screen and JSON agree
        ObjectColumn,   ///< schema.table.object
        ExpectedColumn,
        ActualColumn,
        OriginColumn, ///< revision — file:line
        ColumnCount
    };
    enum Role
    {
        KindRole = Qt::UserRole + 1, ///< int(FindingKind)
        SeverityRole,                ///< int(Severity)
        DriftStateRole,              ///< int(drift::DriftState)
    };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(QList<Finding> findings);
    const QList<Finding> &findings() const { return m_findings; }
    const Finding *findingAt(const QModelIndex &index) const;
    /// The kinds present, in declaration order (for the kind filter).
    QList<FindingKind> kindsPresent() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString displayText(const Finding &finding, int column) const;

    QList<Finding> m_findings;
};

/// Filters findings by kind, by severity and by text (any column), all at once.
class FindingsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit FindingsFilterProxy(QObject *parent = nullptr);

    /// nullopt: every kind.
    void setKind(std::optional<FindingKind> kind);
    std::optional<FindingKind> kind() const { return m_kind; }
    void setSeverityShown(Severity severity, bool shown);
    bool isSeverityShown(Severity severity) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::optional<FindingKind> m_kind;
    QSet<int> m_hiddenSeverities;
};

} // namespace migconsole
