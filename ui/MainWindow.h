#pragma once

#include "db/DbConnection.h"
#include "history/MigrationHistory.h"
#include "profile/ConnectionProfile.h"
#include "schema/Schema.h"
#include "util/Error.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QThread>

#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QStackedWidget;
class QTimer;
class QToolButton;
class QTreeView;

namespace migconsole {

class DatabaseWorker;
class DetailsPane;
class DriftController;
class FixController;
class ErrorBanner;
class HistoryPanel;
class LogPane;
class PasswordKeychain;
class ReportExporter;
class WatchController;
class WelcomePage;
class SchemaPanel;
class SchemaTreeModel;

/// The console's window: assembles the schema tree (centre), History (left dock), Details
/// (right dock), Log (bottom dock), the File menu, the toolbar and the status bar. All
/// database and file work runs on a DatabaseWorker thread; errors show in an inline banner,
/// never a blocking dialog.
///
/// Call setupLogging() before constructing the first window: the log pane attaches to the
/// default spdlog logger as it is then.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /// Connects (on the worker thread) and then reads the schema; returns at once.
    /// Ends in schemaLoaded() or connectionFailed(). Cancels work still running.
    void openConnection(const migconsole::ConnectionSettings &settings);
    /// Writes a fresh demo database into defaultDemoDirectory() (on the worker thread) and
    /// opens it, then its migrations folder; a failure to write it is reported like a failed
    /// connection.
    void openDemo();
    /// Reads the Alembic project at `folder` (with the open database's version table, if
    /// any) into the History dock, and remembers it for the open connection. Ends in
    /// historyLoaded() or historyFailed().
    void openMigrations(const QString &folder);
    /// Asks for a migrations folder (modal) and opens it.
    void showOpenMigrationsDialog();
    /// Reads the schema of the open connection again, then the history.
    void refresh();
    /// Cancels the running and queued database work.
    void cancel();
    /// Opens the connection dialog (modal), with the saved profile `profileName` or the
    /// URL `url` filled in when given, and connects to what it returns (saving the profile).
    void showConnectDialog(const QString &profileName = QString(), const QString &url = QString());
    /// Lists every action with its shortcut.
    void showShortcuts();

    SchemaTreeModel *schemaModel() const;
    QTreeView *schemaView() const;
    SchemaPanel *schemaPanel() const { return m_schemaPanel; }
    DetailsPane *detailsPane() const { return m_details; }
    HistoryPanel *historyPanel() const { return m_history; }
    LogPane *logPane() const { return m_log; }
    /// The first-run page, shown until a database is open.
    WelcomePage *welcomePage() const { return m_welcome; }
    bool isWelcomeShown() const;
    ReportExporter *reportExporter() const { return m_reports; }
    WatchController *watchController() const { return m_watch; }
    /// The profile the open connection belongs to (chosen, or found by its URL).
    const std::optional<migconsole::ConnectionProfile> &profile() const { return m_profile; }
    /// The status bar's profile chip text ("prod-eu [PRODUCTION]"); empty without a profile.
    QString profileStatusText() const;
    /// The actions of the File menu and toolbar, for the shortcuts list and tests.
    QAction *demoAction() const { return m_demoAction; }
    QAction *connectAction() const { return m_connectAction; }
    QAction *migrationsAction() const { return m_migrationsAction; }
    QAction *refreshAction() const { return m_refreshAction; }
    /// The drift check: Compare-against toolbar, Findings dock, highlights.
    DriftController *driftController() const { return m_drift; }
    /// Fixes and stamping: the Fix SQL dock, Preview / Dry-run / Apply / Mark applied.
    FixController *fixController() const { return m_fix; }
    /// How the open connection was made (flags included); default before the first connect.
    const ConnectionSettings &connectionSettings() const { return m_settings; }
    const VersionTableOptions &versionTableOptions() const { return m_versionTable; }
    /// Shows `error` in the inline banner (never a blocking dialog).
    void showError(const migconsole::Error &error);
    bool isBusy() const { return m_busy; }
    /// The open connection's URL with its password masked; empty before the first connect.
    QString displayUrl() const { return m_displayUrl; }
    /// The migrations folder shown in the History dock; empty when none.
    QString migrationsPath() const { return m_migrationsPath; }
    /// The status bar's word on the database's revision ("at c3d4 (head)"); empty when unknown.
    QString revisionStatusText() const;
    /// The error banner's text; empty while it is hidden.
    QString bannerText() const;

signals:
    void schemaLoaded();
    /// A connection is open (connectionSettings() describes it); its schema is read next.
    void connectionOpened();
    /// Connecting, writing the demo or reading the schema failed (not when cancelled).
    void connectionFailed(const QString &message);
    void historyLoaded();
    /// The migrations folder or the version table could not be read.
    void historyFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createDocks();
    void createStatusBar();
    void connectTo(const migconsole::ConnectionSettings &settings);
    void reloadHistory();
    void onOpened(const QString &displayUrl, const QString &storableUrl);
    void onSchemaReady(const migconsole::Schema &schema);
    void onFailed(const migconsole::Error &error);
    void onHistoryReady(const migconsole::MigrationHistory &history);
    void onHistoryFailed(const migconsole::Error &error);
    void onDemoWritten(const QString &url, const QString &migrationsPath);
    void onBusyChanged(bool busy);
    void updateTitle();
    void applyProfile(const std::optional<migconsole::ConnectionProfile> &profile);
    void fillRecentMenus();
    void openRecentConnection(const QString &storableUrl);
    /// Shows the schema and brings back the docks the welcome page had put away.
    void leaveWelcomePage();

    QThread m_dbThread;
    DatabaseWorker *m_worker; // lives in m_dbThread; deleted there when the thread ends

    SchemaPanel *m_schemaPanel = nullptr;
    DetailsPane *m_details = nullptr;
    HistoryPanel *m_history = nullptr;
    LogPane *m_log = nullptr;
    QStackedWidget *m_stack = nullptr;
    WelcomePage *m_welcome = nullptr;
    ReportExporter *m_reports = nullptr;
    WatchController *m_watch = nullptr;
    PasswordKeychain *m_keychain = nullptr;
    QMenu *m_profilesMenu = nullptr;
    QMenu *m_recentConnectionsMenu = nullptr;
    QMenu *m_recentFoldersMenu = nullptr;
    QLabel *m_profileLabel = nullptr;
    QList<QDockWidget *> m_dockedForWelcome; // hidden while the welcome page shows
    DriftController *m_drift = nullptr;
    FixController *m_fix = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_historyDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    ErrorBanner *m_banner = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_revisionLabel = nullptr;
    QLabel *m_tablesLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QTimer *m_idleDelay = nullptr;
    QTimer *m_busyDelay = nullptr; // progress and Cancel only for work over half a second
    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_migrationsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_shortcutsAction = nullptr;

    ConnectionSettings m_settings;        // of the open connection
    ConnectionSettings m_pendingSettings; // of the connection being opened
    std::optional<ConnectionProfile> m_profile;        // of the open connection
    std::optional<ConnectionProfile> m_pendingProfile; // chosen in the dialog for the pending one
    QString m_displayUrl;
    QString m_storableUrl; // the open connection's URL without password: settings key
    QString m_migrationsPath;
    QString m_demoMigrations; // the demo's folder, opened once the demo database is open
    bool m_flagsFromDialog = false; // the pending connection's flags were chosen in the dialog
    QString m_readingMessage; // cleared from the status bar when the history arrives
    VersionTableOptions m_versionTable;
    bool m_busy = false;
    QElapsedTimer m_loadTimer;
};

} // namespace migconsole
