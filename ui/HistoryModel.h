#pragma once

#include "HistoryLaneLayout.h"
#include "drift/Preflight.h"
#include "history/MigrationHistory.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>

namespace migconsole {

/// The history list: one row per entry of a MigrationHistory, in its order (newest first,
/// unknown ids on top), with the lane graph computed once per history.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        GraphColumn,    ///< lanes and the status node (HistoryLaneDelegate paints it)
        RevisionColumn, ///< id, then "(head)" and branch labels
        MessageColumn,
        StatusColumn,
        FileColumn, ///< file:line relative to the project root
        ColumnCount
    };
    enum Role
    {
        RevisionIdRole = Qt::UserRole + 1, ///< QString
        StatusRole,                        ///< int(RevisionStatus)
        LaneRole,                          ///< int: the node's lane
        LaneRowRole,                       ///< HistoryLaneRow: everything to paint the cell
        LaneCountRole,                     ///< int: lanes of the widest row (whole model)
        IsHeadRole,                        ///< bool
        WillFailRole,                      ///< bool: a pending step is predicted to fail
        HalfAppliedRole,                   ///< bool: some steps in place, others not
    };

    explicit HistoryModel(QObject *parent = nullptr);

    /// Swaps in a new history. When the rows are the same revisions in the same order (a
    /// refresh), only the changed cells are reported, so selection and scroll stay put.
    void setHistory(MigrationHistory history);
    const MigrationHistory &history() const { return m_history; }
    const HistoryLaneLayout &lanes() const { return m_lanes; }

    /// The preflight of the pending revisions (from the drift check): rows with a step that
    /// will fail get a warning icon and the reason as tooltip. Kept across setHistory() until
    /// the next check replaces it.
    void setPreflight(const QList<PreflightStep> &steps);
    /// The preflight steps of revision `id`, in order; empty when it has none.
    QList<PreflightStep> stepsFor(const QString &id) const { return m_steps.value(id); }

    QString revisionAt(const QModelIndex &index) const;
    const HistoryEntry *entryAt(const QModelIndex &index) const;
    const HistoryEntry *entryFor(const QString &id) const;
    QModelIndex indexForRevision(const QString &id, int column = RevisionColumn) const;
    /// Revisions naming `id` as a down_revision, in row order.
    QStringList childrenOf(const QString &id) const;
    bool isHead(const QString &id) const { return m_heads.contains(id); }

    /// "applied", "current", "pending", "unknown": the words the CLI uses too.
    static QString statusText(RevisionStatus status);
    /// One sentence for the status bar about the database's revision(s): "at c3d4 (head)",
    /// "at 040 — 1 pending", "not under Alembic"; empty when no database was read.
    static QString databaseSummary(const MigrationHistory &history);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QString displayText(const HistoryEntry &entry, int column) const;
    QString toolTip(const HistoryEntry &entry, int column) const;
    void rebuildIndex();
    bool willFail(const QString &id) const;

    MigrationHistory m_history;
    HistoryLaneLayout m_lanes;
    QHash<QString, int> m_rowOf;
    QHash<QString, QStringList> m_children;
    QSet<QString> m_heads;
    QHash<QString, QList<PreflightStep>> m_steps;
};

} // namespace migconsole
