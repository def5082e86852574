#pragma once

#include "FindingsModel.h"
#include "drift/Preflight.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QListWidgetItem;
class QToolButton;
class QTreeView;

namespace migconsole {

class ViewFilter;

/// The Findings dock: the drift check's findings, filterable by kind, severity and text, and
/// beside them the pending steps that would fail and what the replay could not read.
/// Selecting a finding asks for its object in the tree; double-click (or "Open origin")
/// asks for the script line it comes from.
class FindingsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsPanel(QWidget *parent = nullptr);

    FindingsModel *model() const { return m_model; }
    FindingsFilterProxy *proxy() const { return m_proxy; }
    QTreeView *view() const { return m_view; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *kindCombo() const { return m_kind; }
    QToolButton *severityButton(Severity severity) const;
    QListWidget *preflightList() const { return m_preflight; }

    void setFindings(QList<Finding> findings);
    /// Steps that will fail (others are ignored) and the replay's warnings.
    void setPreflight(const QList<PreflightStep> &steps, const QList<ReplayWarning> &warnings);
    /// Shows `message` instead of results (no check yet, check running, check failed).
    void showMessage(const QString &message);
    /// Applies the text filter now (typing applies it after a short pause).
    void applyFilter();
    /// Selects the proxy row of source row `row`; false when filtered out.
    bool selectRow(int row);

signals:
    void findingSelected(const migconsole::Finding &finding);
    /// A failing pending step was selected in the preflight list (its guidance goes to Details).
    void stepSelected(const migconsole::PreflightStep &step);
    /// Open the script at the place (revision may be empty: then the file decides).
    void originRequested(const migconsole::FindingOrigin &origin);

private:
    void rebuildKindCombo();
    void onCurrentChanged(const QModelIndex &current);
    void openOrigin(const QModelIndex &index);
    void openPreflightItem(QListWidgetItem *item);

    FindingsModel *m_model;
    FindingsFilterProxy *m_proxy;
    QLabel *m_message;
    QLineEdit *m_filter;
    QComboBox *m_kind;
    QToolButton *m_severity[3];
    QToolButton *m_openOrigin;
    QTreeView *m_view;
    QLabel *m_preflightTitle;
    QListWidget *m_preflight;
    QList<FindingOrigin> m_preflightOrigins; // per list row
    QList<std::optional<PreflightStep>> m_preflightSteps; // per list row; none for a warning
    ViewFilter *m_viewFilter;
};

} // namespace migconsole
