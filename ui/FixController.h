#pragma once

#include "fix/Executor.h"
#include "fix/FixCheck.h"
#include "fix/Stamp.h"
#include "util/Error.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QToolBar;

namespace migconsole {

class ConfirmWriteDialog;
class DatabaseWorker;
class DriftController;
class FixSqlPanel;
class MainWindow;

/// Fixes and stamping in the console, kept out of MainWindow: the toolbar's Preview fixes /
/// Dry-run / Apply / Mark applied… and read-only badge, the Fix SQL dock, and the round
/// trips to the DatabaseWorker (every database call runs on its thread). Writes ask first
/// (ConfirmWriteDialog); read-only connections get no write action at all.
class FixController : public QObject
{
    Q_OBJECT
public:
    FixController(MainWindow *window, DatabaseWorker *worker, DriftController *drift);

    FixSqlPanel *panel() const { return m_panel; }
    QDockWidget *dock() const { return m_dock; }
    QDockWidget *auditDock() const { return m_auditDock; }
    QToolBar *toolBar() const { return m_toolBar; }
    QAction *previewAction() const { return m_preview; }
    QAction *dryRunAction() const { return m_dryRun; }
    QAction *applyAction() const { return m_apply; }
    QAction *markAppliedAction() const { return m_markApplied; }
    /// The toolbar's and the status bar's "read-only" badges.
    QLabel *readOnlyBadge() const { return m_readOnlyBadge; }
    QLabel *readOnlyStatus() const { return m_readOnlyStatus; }
    QLabel *productionBadge() const { return m_productionBadge; }
    /// The open connection may not be written to (its flag, or `?mode=ro`).
    bool isReadOnly() const;
    /// The confirmation waiting for an answer (window-modal, not blocking); null if none.
    ConfirmWriteDialog *pendingConfirmation() const;

    /// The last plan made for the open connection (Preview fixes); nullopt before one.
    const std::optional<migconsole::FixPreparation> &lastPreparation() const { return m_lastPreparation; }
    /// Plans the repair of the current comparison's drift into the editor.
    void previewFixes();
    /// Runs the editor's statements and rolls them back.
    void dryRun();
    /// Asks for confirmation, then runs the editor's statements and commits them.
    void apply();
    /// Plans `alembic stamp` of the history's selected pending revision, shows its SQL for
    /// confirmation, then runs it.
    void markApplied();

signals:
    void fixPrepared();
    void fixFailed(const QString &message);
    /// A dry-run or apply of the editor's text ended (`succeeded`: every statement did).
    void executionFinished(migconsole::ExecuteMode mode, bool succeeded);
    /// Mark applied… has the stamp's SQL and waits for the confirmation.
    void stampPlanned();
    /// Mark applied ended (also when its planning failed).
    void stampFinished(bool succeeded, const QString &message);

private:
    enum class Work
    {
        None,
        Preparing,
        DryRun,
        Apply,
        PlanningStamp,
        Stamp
    };

    void createActions();
    void onConnectionOpened();
    void onFixPrepared(const migconsole::FixPreparation &preparation);
    void onFixFailed(const migconsole::Error &error);
    void onExecuted(const migconsole::ExecutionResult &result);
    void onExecuteFailed(const migconsole::Error &error);
    void onStampPlanned(const migconsole::StampRequest &request,
                        const QList<migconsole::FixStatement> &statements);
    void onStampFailed(const migconsole::Error &error);
    void run(migconsole::ExecuteMode mode, const QList<migconsole::FixStatement> &statements,
             const QList<int> &lines);
    /// Opens the confirmation; `onConfirmed` runs when the operator accepts it.
    void confirm(const QString &action, const QString &question, const QString &sql,
                 std::function<void()> onConfirmed);
    /// The history's selected revision when it is pending (Mark applied's target), else "".
    QString pendingRevision() const;
    void updateActions();
    void updateConnectionBadges();

    MainWindow *m_window;
    DatabaseWorker *m_worker;
    DriftController *m_drift;
    FixSqlPanel *m_panel;
    QDockWidget *m_dock;
    QDockWidget *m_auditDock = nullptr;
    QToolBar *m_toolBar = nullptr;
    QAction *m_preview = nullptr;
    QAction *m_dryRun = nullptr;
    QAction *m_apply = nullptr;
    QAction *m_markApplied = nullptr;
    QLabel *m_readOnlyBadge = nullptr;
    QAction *m_readOnlyBadgeAction = nullptr; // hides the toolbar badge (a widget action)
    QLabel *m_productionBadge = nullptr;
    QAction *m_productionBadgeAction = nullptr;
    QLabel *m_readOnlyStatus = nullptr;
    QPointer<ConfirmWriteDialog> m_confirmation;
    Work m_work = Work::None;
    std::optional<FixPreparation> m_lastPreparation;
    QString m_stampRevision; // Mark applied's target while it runs
};

} // namespace migconsole
