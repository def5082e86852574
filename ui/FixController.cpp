#include "FixController.h"

#include "AuditPane.h"
#include "ConfirmWriteDialog.h"
#include "DriftController.h"
#include "FixSqlPanel.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "MainWindow.h"
#include "ProfilePresentation.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "db/DatabaseWorker.h"

#include <QAction>
#include <QCheckBox>
#include <QDockWidget>
#include <QLabel>
#include <QStatusBar>
#include <QStyle>
#include <QToolBar>
#include <Qsci/qsciscintilla.h>

#include <spdlog/spdlog.h>

#include <utility>

namespace migconsole {

namespace {

QString joinedSql(const QList<FixStatement> &statements)
{
    QStringList sql;
    for (const FixStatement &statement : statements)
        sql.append(statement.sql + QLatin1Char(';'));
    return sql.join(QStringLiteral("\n\n"));
}

QString readOnlyReason(const ConnectionSettings &settings)
{
    return settings.readOnly ? QStringLiteral("the connection is opened read-only")
                             : QStringLiteral("the connection URL says mode=ro");
}

} // namespace

FixController::FixController(MainWindow *window, DatabaseWorker *worker, DriftController *drift)
    : QObject(window), m_window(window), m_worker(worker), m_drift(drift),
      m_panel(new FixSqlPanel(window)), m_dock(new QDockWidget(QStringLiteral("Fix SQL"), window))
{
    createActions();
    m_panel->setActions(m_dryRun, m_apply);

    m_dock->setObjectName(QStringLiteral("fixSqlDock")); // saveState() needs names
    m_dock->setWidget(m_panel);
    window->addDockWidget(Qt::BottomDockWidgetArea, m_dock);
    // A tab beside Findings (SCREENS.md: Findings │ Fix SQL │ Log); Findings stays in front.
    window->tabifyDockWidget(drift->findingsDock(), m_dock);
    // What this console (and the CLI here) wrote, read back from the audit log.
    m_auditDock = new QDockWidget(QStringLiteral("Audit"), window);
    m_auditDock->setObjectName(QStringLiteral("auditDock"));
    m_auditDock->setWidget(new AuditPane(QString(), m_auditDock));
    window->addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    // Tabs in SCREENS.md's order, Findings │ Fix SQL │ Log │ Audit: tabifying puts a dock
    // right after the one named, so the Log (created first) is moved behind Fix SQL.
    QDockWidget *previous = m_dock;
    if (auto *log = window->findChild<QDockWidget *>(QStringLiteral("logDock"))) {
        window->tabifyDockWidget(m_dock, log);
        previous = log;
    }
    window->tabifyDockWidget(previous, m_auditDock);
    drift->findingsDock()->raise();

    m_readOnlyStatus = new QLabel(QStringLiteral("read-only"), window);
    m_readOnlyStatus->setContentsMargins(8, 0, 8, 0);
    m_readOnlyStatus->setStyleSheet(QStringLiteral("font-weight: bold;"));
    m_readOnlyStatus->hide();
    window->statusBar()->addPermanentWidget(m_readOnlyStatus);

    connect(window, &MainWindow::connectionOpened, this, &FixController::onConnectionOpened);
    connect(window, &MainWindow::historyLoaded, this, &FixController::updateActions);
    connect(window->historyPanel(), &HistoryPanel::currentRevisionChanged, this,
            &FixController::updateActions);
    connect(m_panel->editor(), &QsciScintilla::textChanged, this, &FixController::updateActions);
    connect(worker, &DatabaseWorker::fixPrepared, this, &FixController::onFixPrepared);
    connect(worker, &DatabaseWorker::fixFailed, this, &FixController::onFixFailed);
    connect(worker, &DatabaseWorker::executeProgress, m_panel, &FixSqlPanel::setProgress);
    connect(worker, &DatabaseWorker::executed, this, &FixController::onExecuted);
    connect(worker, &DatabaseWorker::executeFailed, this, &FixController::onExecuteFailed);
    connect(worker, &DatabaseWorker::stampPlanned, this, &FixController::onStampPlanned);
    connect(worker, &DatabaseWorker::stampFailed, this, &FixController::onStampFailed);
    updateConnectionBadges();
    updateActions();
}

void FixController::createActions()
{
    QStyle *style = m_window->style();
    // Its own row, below connection and comparison (SCREENS.md).
    m_window->addToolBarBreak();
    m_toolBar = m_window->addToolBar(QStringLiteral("Fix"));
    m_toolBar->setObjectName(QStringLiteral("fixToolBar")); // saveState() needs names
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);

    m_preview =
        m_toolBar->addAction(style->standardIcon(QStyle::SP_FileDialogContentsView),
                             QStringLiteral("Preview fixes"), this, &FixController::previewFixes);
    m_preview->setToolTip(QStringLiteral(
        "Write the SQL that repairs the drift of the current comparison into the Fix SQL tab "
        "(nothing is run) (F6)"));
    m_preview->setShortcut(QKeySequence(Qt::Key_F6));
    m_toolBar->addSeparator();
    m_dryRun = m_toolBar->addAction(style->standardIcon(QStyle::SP_MediaPlay),
                                    QStringLiteral("Dry-run"), this, &FixController::dryRun);
    m_apply = m_toolBar->addAction(style->standardIcon(QStyle::SP_DialogApplyButton),
                                   QStringLiteral("Apply"), this, &FixController::apply);
    m_dryRun->setShortcut(QKeySequence(Qt::Key_F7));
    // Deliberately a chord, not a single key: Apply writes (and still asks to confirm).
    m_apply->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return));
    m_toolBar->addSeparator();
    m_markApplied =
        m_toolBar->addAction(style->standardIcon(QStyle::SP_DialogYesButton),
                             QStringLiteral("Mark applied…"), this, &FixController::markApplied);
    m_markApplied->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));

    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_productionBadge = new QLabel(QStringLiteral(" PRODUCTION "), m_toolBar);
    m_productionBadge->setStyleSheet(
        QStringLiteral("background: %1; color: white; font-weight: bold; padding: 2px 6px;")
            .arg(kProductionRed));
    m_productionBadge->setToolTip(
        QStringLiteral("This connection is tagged production: writes ask for its name"));
    m_productionBadgeAction = m_toolBar->addWidget(m_productionBadge);
    m_readOnlyBadge = new QLabel(QStringLiteral(" read-only "), m_toolBar);
    m_readOnlyBadge->setStyleSheet(
        QStringLiteral("background: #455a64; color: white; font-weight: bold; padding: 2px 6px;"));
    m_readOnlyBadgeAction = m_toolBar->addWidget(m_readOnlyBadge);
}

bool FixController::isReadOnly() const
{
    return wantsReadOnly(m_window->connectionSettings());
}

ConfirmWriteDialog *FixController::pendingConfirmation() const
{
    return m_confirmation;
}

void FixController::onConnectionOpened()
{
    // A plan is for the database it was made from: never offer it to another one.
    m_panel->setSqlText(QString(), m_window->connectionSettings().url.dialect);
    m_panel->showMessage(
        QStringLiteral("Preview fixes writes the SQL that repairs %1's drift here.")
            .arg(m_window->displayUrl()));
    m_work = Work::None;
    m_lastPreparation.reset();
    m_window->schemaPanel()->model()->forgetFixed();
    updateConnectionBadges();
    updateActions();
}

void FixController::updateConnectionBadges()
{
    const bool connected = !m_window->displayUrl().isEmpty();
    const ConnectionSettings &settings = m_window->connectionSettings();
    const bool readOnly = connected && isReadOnly();
    const bool production = connected && settings.production;
    m_readOnlyBadgeAction->setVisible(readOnly);
    m_readOnlyStatus->setVisible(readOnly);
    if (readOnly) {
        const QString why = QStringLiteral("Read-only: %1; Apply and Mark applied are disabled")
                                .arg(readOnlyReason(settings));
        m_readOnlyBadge->setToolTip(why);
        m_readOnlyStatus->setToolTip(why);
    }
    m_productionBadgeAction->setVisible(production);
    // The red band: along the fix toolbar and the status bar, where writes start and end.
    const QString band =
        production ? QStringLiteral("border-bottom: 3px solid %1;").arg(kProductionRed) : QString();
    m_toolBar->setStyleSheet(production ? QStringLiteral("QToolBar { %1 }").arg(band) : QString());
    m_window->statusBar()->setStyleSheet(
        production ? QStringLiteral("QStatusBar { border-top: 3px solid %1; }").arg(kProductionRed)
                   : QString());
}

QString FixController::pendingRevision() const
{
    const QString id = m_window->historyPanel()->currentRevision();
    if (id.isEmpty())
        return {};
    const HistoryEntry *entry = m_window->historyPanel()->model()->history().entry(id);
    return entry && entry->status == RevisionStatus::Pending ? id : QString();
}

void FixController::updateActions()
{
    const bool connected = !m_window->displayUrl().isEmpty();
    const bool idle = m_work == Work::None && !m_confirmation;
    const bool hasText = !m_panel->sqlText().trimmed().isEmpty();
    const bool readOnly = connected && isReadOnly();
    const QString readOnlyWhy =
        readOnly
            ? QStringLiteral("Disabled: %1").arg(readOnlyReason(m_window->connectionSettings()))
            : QString();

    m_preview->setEnabled(connected && idle);
    // A dry-run executes the statements (and takes their locks) before rolling back, so a
    // read-only session refuses it like Apply (the executor says the same).
    m_dryRun->setEnabled(connected && idle && hasText && !readOnly);
    m_dryRun->setToolTip(readOnly ? readOnlyWhy + QStringLiteral(": a dry-run executes the statements "
                                                                 "and takes their locks before rolling back")
                                  : QStringLiteral("Run the Fix SQL editor's statements in one transaction, "
                                                   "then roll everything back"));
    m_apply->setEnabled(connected && idle && hasText && !readOnly);
    m_apply->setToolTip(readOnly ? readOnlyWhy + QStringLiteral(": Apply would write")
                                 : QStringLiteral("Run the Fix SQL editor's statements in one "
                                                  "transaction and commit them (asks first)"));

    const QString revision = connected ? pendingRevision() : QString();
    const bool hasMigrations = !m_window->migrationsPath().isEmpty();
    m_markApplied->setEnabled(idle && !readOnly && !revision.isEmpty() && hasMigrations);
    if (readOnly)
        m_markApplied->setToolTip(readOnlyWhy + QStringLiteral(": marking applied writes the "
                                                               "version table"));
    else if (revision.isEmpty())
        m_markApplied->setToolTip(QStringLiteral(
            "Select a pending revision in the History to record it as applied (alembic stamp)"));
    else
        m_markApplied->setToolTip(
            QStringLiteral("Record %1 as applied without running it (alembic stamp); shows the "
                           "SQL first")
                .arg(revision));
}

void FixController::previewFixes()
{
    QString why;
    auto request = m_drift->checkRequest(&why);
    if (!request) {
        m_panel->showError(why);
        emit fixFailed(why);
        return;
    }
    // The plan must be made from the database as it is now, not the tree read earlier.
    request->actual.reset();
    FixRequest fix;
    fix.drift = *request;
    fix.options.includeDrops = m_panel->includeDropsBox()->isChecked();
    m_work = Work::Preparing;
    updateActions();
    m_panel->showMessage(QStringLiteral("Planning the fixes for %1…").arg(m_window->displayUrl()));
    m_dock->raise();
    m_worker->prepareFix(fix);
}

void FixController::onFixPrepared(const FixPreparation &preparation)
{
    if (m_work != Work::Preparing)
        return; // the connection changed meanwhile: the plan is for another database
    m_work = Work::None;
    m_lastPreparation = preparation;
    m_panel->setPlan(preparation.plan);
    // The check the plan was made from is the newest word on the drift: show it everywhere.
    m_drift->showReport(preparation.report);
    m_dock->raise();
    updateActions();
    emit fixPrepared();
}

void FixController::onFixFailed(const Error &error)
{
    m_work = Work::None;
    m_panel->showError(QStringLiteral("Planning the fixes failed: ") + error.toString());
    updateActions();
    emit fixFailed(error.toString());
}

void FixController::dryRun()
{
    if (isReadOnly())
        return; // disabled as for Apply: the executor would refuse it too
    QList<int> lines;
    const QList<FixStatement> statements = m_panel->statements(&lines);
    if (statements.isEmpty()) {
        m_panel->showError(QStringLiteral("The editor holds no statement to run."));
        return;
    }
    run(ExecuteMode::DryRun, statements, lines);
}

void FixController::apply()
{
    if (isReadOnly())
        return; // the action is disabled; a shortcut must not get around that
    QList<int> lines;
    const QList<FixStatement> statements = m_panel->statements(&lines);
    if (statements.isEmpty()) {
        m_panel->showError(QStringLiteral("The editor holds no statement to run."));
        return;
    }
    confirm(QStringLiteral("Apply"),
            QStringLiteral("Run the %1 statement(s) of the Fix SQL editor and commit them? They "
                           "run in one transaction: if any fails, everything is rolled back.")
                .arg(statements.size()),
            joinedSql(statements),
            [this, statements, lines] { run(ExecuteMode::Apply, statements, lines); });
}

void FixController::run(ExecuteMode mode, const QList<FixStatement> &statements,
                        const QList<int> &lines)
{
    m_work = mode == ExecuteMode::DryRun ? Work::DryRun : Work::Apply;
    updateActions();
    m_panel->beginRun(mode, statements, lines);
    m_dock->raise();
    m_worker->executeSql(statements, mode);
}

void FixController::onExecuted(const ExecutionResult &result)
{
    const Work work = std::exchange(m_work, Work::None);
    updateActions();
    if (work == Work::Stamp) {
        const bool ok = result.succeeded() && result.committed;
        QString why = result.error;
        if (why.isEmpty() && result.failedIndex && *result.failedIndex < result.results.size())
            why = result.results[*result.failedIndex].error;
        const QString message =
            ok ? QStringLiteral("Marked %1 as applied").arg(m_stampRevision)
               : QStringLiteral("Marking %1 as applied failed: %2").arg(m_stampRevision, why);
        m_window->statusBar()->showMessage(message, 10000);
        spdlog::info("{}", message.toStdString());
        if (ok)
            m_window->refresh(); // the history (and the check) read the new version table
        else
            m_window->showError(Error{ErrorCode::Query, message, {}});
        emit stampFinished(ok, message);
        return;
    }
    if (work != Work::DryRun && work != Work::Apply)
        return;
    m_panel->showResult(result);
    m_window->statusBar()->showMessage(m_panel->messageText(), 10000);
    spdlog::info("{}", m_panel->messageText().toStdString());
    // The schema moved: read it again, which runs the check again (the tree turns clean, and
    // green where this apply repaired something — SCREENS.md's "fixed in this session").
    if (work == Work::Apply && result.committed) {
        m_window->schemaPanel()->model()->markFindingsFixed();
        m_window->refresh();
    }
    emit executionFinished(result.mode, result.succeeded());
}

void FixController::onExecuteFailed(const Error &error)
{
    const Work work = std::exchange(m_work, Work::None);
    updateActions();
    if (work == Work::Stamp) {
        const QString message = QStringLiteral("Marking %1 as applied failed: %2")
                                    .arg(m_stampRevision, error.toString());
        m_window->showError(error);
        emit stampFinished(false, message);
        return;
    }
    m_panel->showError(error.toString());
    emit executionFinished(work == Work::Apply ? ExecuteMode::Apply : ExecuteMode::DryRun, false);
}

void FixController::markApplied()
{
    const QString revision = pendingRevision();
    if (revision.isEmpty() || isReadOnly())
        return;
    m_stampRevision = revision;
    m_work = Work::PlanningStamp;
    updateActions();
    StampRequest request;
    request.revisions = {revision};
    m_window->statusBar()->showMessage(
        QStringLiteral("Planning how to mark %1 as applied…").arg(revision));
    m_worker->planStamp(m_window->migrationsPath(), m_window->versionTableOptions(), request);
}

void FixController::onStampPlanned(const StampRequest &request,
                                   const QList<FixStatement> &statements)
{
    if (m_work != Work::PlanningStamp)
        return;
    m_work = Work::None;
    const QString revision = request.revisions.join(QStringLiteral(", "));
    emit stampPlanned();
    if (statements.isEmpty()) {
        const QString message = QStringLiteral("%1 is already recorded as applied").arg(revision);
        m_window->statusBar()->showMessage(message, 10000);
        updateActions();
        emit stampFinished(true, message);
        return;
    }
    confirm(QStringLiteral("Mark applied"),
            QStringLiteral("Record %1 as applied in the version table, without running its "
                           "migration (alembic stamp)? The database's schema is not changed; "
                           "these statements run in one transaction:")
                .arg(revision),
            joinedSql(statements), [this, statements] {
                m_work = Work::Stamp;
                updateActions();
                m_worker->executeSql(statements, ExecuteMode::Apply);
            });
}

void FixController::onStampFailed(const Error &error)
{
    if (m_work != Work::PlanningStamp)
        return;
    m_work = Work::None;
    updateActions();
    m_window->showError(error);
    emit stampFinished(false, error.toString());
}

void FixController::confirm(const QString &action, const QString &question, const QString &sql,
                            std::function<void()> onConfirmed)
{
    // Window-modal and not blocking (open, not exec): the worker's signals keep arriving.
    auto *dialog =
        new ConfirmWriteDialog(m_window->connectionSettings(), action, question, sql, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation = dialog;
    connect(dialog, &QDialog::accepted, this, std::move(onConfirmed));
    connect(dialog, &QDialog::finished, this, [this] {
        m_confirmation.clear();
        updateActions();
    });
    updateActions();
    dialog->open();
}

} // namespace migconsole
