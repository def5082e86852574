#pragma once

#include "HistoryModel.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QSortFilterProxyModel;
class QSplitter;
class QTreeView;

namespace migconsole {

class HistoryLaneDelegate;
class HistoryRevisionView;
class ToolHistoryModel;
class ViewFilter;

/// The History dock: a summary line, a filter box, the problems of the scripts (only when
/// there are some), the revision list with its lane graph, and the selected revision's
/// facts and script below it.
class HistoryPanel : public QWidget
{
    Q_OBJECT
public:
    explicit HistoryPanel(QWidget *parent = nullptr);

    HistoryModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    HistoryLaneDelegate *laneDelegate() const { return m_delegate; }
    HistoryRevisionView *revisionView() const { return m_revision; }
    QListWidget *problemsList() const { return m_problems; }
    /// Another tool's applied migrations (Flyway, Django, …); shown only when there are some.
    ToolHistoryModel *toolModel() const { return m_toolModel; }
    QTreeView *toolView() const { return m_toolView; }
    /// True when the problems list is shown (there are problems).
    bool problemsShown() const;
    QString summaryText() const;

    /// Swaps in a new history, keeping the selected revision when it is still there;
    /// otherwise selects the database's current revision (or nothing).
    void setHistory(MigrationHistory history);
    /// Shows the drift check's preflight: warning icons on failing revisions, and the steps of
    /// the selected revision.
    void setPreflight(const QList<PreflightStep> &steps);
    /// Selects the revision (or, with no id, the one whose script is `location.file`) and
    /// shows the line in its script. False when no such revision is listed.
    bool showScriptLine(const QString &revision, const SourceLocation &location);
    /// Empties the pane and shows `message` in place of the summary (no folder, an error).
    void showMessage(const QString &message);

    /// Selects the row of `id` (clearing a filter that hides it). False if there is none.
    bool selectRevision(const QString &id);
    QString currentRevision() const;
    /// Applies the filter now (typing applies it after a short pause).
    void applyFilter();

signals:
    void currentRevisionChanged(const QString &id);

private:
    void onCurrentChanged(const QModelIndex &current);
    void showProblems();
    void openProblem(QListWidgetItem *item);
    void fitColumns();

    HistoryModel *m_model;
    QSortFilterProxyModel *m_proxy;
    HistoryLaneDelegate *m_delegate;
    QLabel *m_summary;
    QLineEdit *m_filter;
    QWidget *m_problemsBox;
    QLabel *m_problemsTitle;
    QListWidget *m_problems;
    QTreeView *m_view;
    ToolHistoryModel *m_toolModel;
    QTreeView *m_toolView;
    HistoryRevisionView *m_revision;
    QSplitter *m_splitter;
    ViewFilter *m_viewFilter;
    bool m_swapping = false; // inside setHistory(): selection changes are not final yet
};

} // namespace migconsole
