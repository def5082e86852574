#pragma once

#include "db/DbConnection.h"
#include "schema/Schema.h"
#include "util/Error.h"

#include <QElapsedTimer>
#include <QMainWindow>
#include <QThread>

class QAction;
class QDockWidget;
class QFrame;
class QLabel;
class QProgressBar;
class QTimer;
class QToolButton;
class QTreeView;

namespace migconsole {

class DatabaseWorker;
class DetailsPane;
class LogPane;
class SchemaPanel;
class SchemaTreeModel;

/// The console's window: assembles the schema tree (centre), Details (right dock), Log
/// (bottom dock), the toolbar and the status bar. All database work runs on a
/// DatabaseWorker thread; errors show in an inline banner, never a blocking dialog.
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
    /// opens it; a failure to write it is reported like a failed connection.
    void openDemo();
    /// Reads the schema of the open connection again.
    void refresh();
    /// Cancels the running and queued database work.
    void cancel();
    /// Opens the connection dialog (modal) and connects to what it returns.
    void showConnectDialog();

    SchemaTreeModel *schemaModel() const;
    QTreeView *schemaView() const;
    SchemaPanel *schemaPanel() const { return m_schemaPanel; }
    DetailsPane *detailsPane() const { return m_details; }
    LogPane *logPane() const { return m_log; }
    bool isBusy() const { return m_busy; }
    /// The open connection's URL with its password masked; empty before the first connect.
    QString displayUrl() const { return m_displayUrl; }
    /// The error banner's text; empty while it is hidden.
    QString bannerText() const;

signals:
    void schemaLoaded();
    /// Connecting, writing the demo or reading the schema failed (not when cancelled).
    void connectionFailed(const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createDocks();
    void createStatusBar();
    QWidget *createBanner();
    void onOpened(const QString &displayUrl, const QString &storableUrl);
    void onSchemaReady(const migconsole::Schema &schema);
    void onFailed(const migconsole::Error &error);
    void onDemoWritten(const QString &url);
    void onBusyChanged(bool busy);
    void showBanner(const migconsole::Error &error);
    void hideBanner();
    void updateTitle();

    QThread m_dbThread;
    DatabaseWorker *m_worker; // lives in m_dbThread; deleted there when the thread ends

    SchemaPanel *m_schemaPanel = nullptr;
    DetailsPane *m_details = nullptr;
    LogPane *m_log = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QFrame *m_banner = nullptr;
    QLabel *m_bannerText = nullptr;
    QLabel *m_bannerDetail = nullptr;
    QLabel *m_urlLabel = nullptr;
    QLabel *m_tablesLabel = nullptr;
    QProgressBar *m_progress = nullptr;
    QToolButton *m_cancelButton = nullptr;
    QTimer *m_idleDelay = nullptr;
    QAction *m_connectAction = nullptr;
    QAction *m_refreshAction = nullptr;
    QAction *m_demoAction = nullptr;

    QString m_displayUrl;
    bool m_busy = false;
    QElapsedTimer m_loadTimer;
};

} // namespace migconsole
