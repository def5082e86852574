#pragma once

#include "drift/DriftCheck.h"
#include "util/Error.h"

#include <QObject>

#include <optional>

class QDockWidget;
class QLabel;
class QToolBar;

namespace migconsole {

class CompareSelector;
class DatabaseWorker;
class FindingsPanel;
class MainWindow;

/// The drift check's wiring, kept out of MainWindow: the "Compare against" toolbar, the
/// Findings dock, running DatabaseWorker::checkDrift when the history is loaded or the
/// comparison changes, and handing the report to the tree, details, history and status bar.
class DriftController : public QObject
{
    Q_OBJECT
public:
    DriftController(MainWindow *window, DatabaseWorker *worker);

    FindingsPanel *findingsPanel() const { return m_findings; }
    CompareSelector *compareSelector() const { return m_selector; }
    QDockWidget *findingsDock() const { return m_dock; }
    /// "3 errors · 1 warning · 1 pending step will fail"; empty before the first check.
    QString summaryText() const;

    /// The check the selector asks for, comparing what the tree shows; nullopt (and why in
    /// `why`) when there is nothing to compare yet. "Preview fixes" plans from the same one.
    std::optional<migconsole::DriftRequest> checkRequest(QString *why = nullptr) const;
    /// Runs the check for the selector's current request (when connected).
    void runCheck();
    /// Shows a report everywhere it belongs (what driftReady does).
    void showReport(const migconsole::DriftReport &report);
    /// The report shown last (reports and watch mode work from it); nullopt before the
    /// first check of the open connection.
    const std::optional<migconsole::DriftReport> &lastReport() const { return m_lastReport; }

signals:
    void driftChecked();
    void driftCheckFailed(const QString &message);

private:
    void onHistoryLoaded();
    void onDriftFailed(const migconsole::Error &error);
    void openOrigin(const migconsole::FindingOrigin &origin);

    MainWindow *m_window;
    DatabaseWorker *m_worker;
    CompareSelector *m_selector;
    FindingsPanel *m_findings;
    QDockWidget *m_dock;
    QLabel *m_summary;
    std::optional<DriftReport> m_lastReport;
};

} // namespace migconsole
