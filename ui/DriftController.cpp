#include "DriftController.h"

#include "CompareSelector.h"
#include "DetailsPane.h"
#include "DriftPresentation.h"
#include "FindingsPanel.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "db/DatabaseWorker.h"

#include <QDockWidget>
#include <QLabel>
#include <QStatusBar>
#include <QToolBar>
#include <spdlog/spdlog.h>

namespace migconsole {

DriftController::DriftController(MainWindow *window, DatabaseWorker *worker)
    : QObject(window), m_window(window), m_worker(worker),
      m_selector(new CompareSelector(window)), m_findings(new FindingsPanel(window)),
      m_dock(new QDockWidget(QStringLiteral("Findings"), window)), m_summary(new QLabel(window))
{
    QToolBar *toolBar = window->addToolBar(QStringLiteral("Drift"));
    toolBar->setObjectName(QStringLiteral("driftToolBar")); // saveState() needs names
    toolBar->setMovable(false);
    toolBar->addWidget(m_selector);

    m_dock->setObjectName(QStringLiteral("findingsDock"));
    m_dock->setWidget(m_findings);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // Beside the log as a tab, in front: findings are what the operator came for.
    if (auto *log = window->findChild<QDockWidget *>(QStringLiteral("logDock")))
        window->tabifyDockWidget(log, m_dock);
    m_dock->raise();
    // Room for a handful of findings without scrolling; a saved layout overrides this.
    window->resizeDocks({m_dock}, {230}, Qt::Vertical);

    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setContentsMargins(8, 0, 8, 0);
    m_summary->setToolTip(QStringLiteral("Result of the last drift check"));
    m_summary->hide();
    window->statusBar()->addPermanentWidget(m_summary);

    connect(worker, &DatabaseWorker::driftReady, this, &DriftController::showReport);
    connect(worker, &DatabaseWorker::driftFailed, this, &DriftController::onDriftFailed);
    connect(window, &MainWindow::historyLoaded, this, &DriftController::onHistoryLoaded);
    // A report is about the database it was made from: never export one for another.
    connect(window, &MainWindow::connectionOpened, this, [this] { m_lastReport.reset(); });
    connect(m_selector, &CompareSelector::requestChanged, this, [this] { runCheck(); });
    connect(m_selector, &CompareSelector::checkRequested, this, &DriftController::runCheck);

    SchemaPanel *schema = window->schemaPanel();
    connect(schema, &SchemaPanel::currentFindingsChanged, window->detailsPane(),
            &DetailsPane::showFindings);
    connect(window->detailsPane(), &DetailsPane::originActivated, this,
            &DriftController::openOrigin);
    connect(m_findings, &FindingsPanel::findingSelected, schema, &SchemaPanel::selectFinding);
    connect(m_findings, &FindingsPanel::originRequested, this, &DriftController::openOrigin);
    connect(m_findings, &FindingsPanel::stepSelected, window->detailsPane(), &DetailsPane::showStep);
}

QString DriftController::summaryText() const
{
    return m_summary->isHidden() ? QString() : m_summary->text();
}

void DriftController::onHistoryLoaded()
{
    m_selector->setMigrationsPath(m_window->migrationsPath());
    m_selector->setVersionTable(m_window->versionTableOptions());
    QStringList revisions;
    for (const HistoryEntry &entry : m_window->historyPanel()->model()->history().entries) {
        if (!entry.revision.filePath.isEmpty()) // an unknown id cannot be replayed to
            revisions.append(entry.revision.id);
    }
    m_selector->setRevisions(revisions);
    runCheck();
}

std::optional<DriftRequest> DriftController::checkRequest(QString *why) const
{
    if (m_window->displayUrl().isEmpty()) {
        if (why)
            *why = QStringLiteral("Connect to a database first.");
        return std::nullopt;
    }
    DriftRequest request = m_selector->request();
    // The tree's schema is the live one, just read: compare exactly what is on screen.
    const Schema &shown = m_window->schemaPanel()->model()->schema();
    if (!shown.namespaces.isEmpty())
        request.actual = shown;
    if (request.source == ExpectedSource::Migrations && request.migrationsPath.isEmpty()) {
        if (why)
            *why = QStringLiteral(
                "Open a migrations folder (Ctrl+M), or compare against a reference database or "
                "a snapshot, to check this database for drift.");
        return std::nullopt;
    }
    return request;
}

void DriftController::runCheck()
{
    // Not connected yet: connecting ends in historyLoaded, which runs it.
    if (m_window->displayUrl().isEmpty())
        return;
    QString why;
    const auto request = checkRequest(&why);
    if (!request) {
        m_findings->showMessage(why);
        return;
    }
    m_findings->showMessage(QStringLiteral("Checking for drift…"));
    m_window->statusBar()->showMessage(QStringLiteral("Checking for drift…"));
    m_worker->checkDrift(*request);
}

void DriftController::showReport(const DriftReport &report)
{
    // First: the tree below re-selects the current object, and its findings' guidance
    // reads this report.
    m_window->detailsPane()->setDriftReport(report);
    m_lastReport = report;
    m_window->schemaPanel()->setDrift(report.drift, report.expected);
    m_findings->setFindings(report.drift);
    m_findings->setPreflight(report.steps, report.warnings);
    m_window->historyPanel()->setPreflight(report.steps);
    const QString summary = drift::summary(report.drift, report.steps);
    m_summary->setText(summary);
    m_summary->show();
    m_dock->setWindowTitle(QStringLiteral("Findings (%1)").arg(report.drift.size()));
    m_window->statusBar()->showMessage(
        QStringLiteral("Drift check against %1: %2").arg(report.sourceDisplay, summary), 10000);
    // The log pane keeps the line after the status bar has moved on.
    spdlog::info("drift: {} against {}: {}", report.database.toStdString(),
                 report.sourceDisplay.toStdString(), summary.toStdString());
    emit driftChecked();
}

void DriftController::onDriftFailed(const Error &error)
{
    // A lost connection is the window's news, not only the check's: the banner says so
    // (and Refresh reconnects).
    if (error.code == ErrorCode::Connect)
        m_window->showError(error);
    m_findings->showMessage(QStringLiteral("The drift check failed: ") + error.toString());
    m_window->schemaPanel()->model()->clearDrift();
    m_summary->hide();
    m_window->statusBar()->showMessage(error.message, 10000);
    emit driftCheckFailed(error.toString());
}

void DriftController::openOrigin(const FindingOrigin &origin)
{
    // One script viewer: the history pane's, which already knows every revision's file.
    if (m_window->historyPanel()->showScriptLine(origin.revision, origin.location)) {
        if (auto *dock = m_window->findChild<QDockWidget *>(QStringLiteral("historyDock")))
            dock->raise();
        return;
    }
    m_window->statusBar()->showMessage(
        QStringLiteral("No script of the open migrations is %1")
            .arg(drift::locationText(origin.location)),
        10000);
}

} // namespace migconsole
