#include "MainWindow.h"

#include "CompareSelector.h"
#include "ConnectionDialog.h"
#include "DetailsPane.h"
#include "DriftController.h"
#include "ErrorBanner.h"
#include "FixController.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "LogPane.h"
#include "MigrationFolderSettings.h"
#include "PasswordKeychain.h"
#include "ProfilePresentation.h"
#include "ReportExporter.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "WatchController.h"
#include "WelcomePage.h"
#include "db/DatabaseWorker.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QProgressBar>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <utility>

namespace migconsole {

namespace {

const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kStateKey = QStringLiteral("window/state");

/// One relay per process: every window's log pane listens to the same sink.
LogSignalRelay *sharedLogRelay()
{
    static LogSignalRelay *relay = LogSignalRelay::install();
    return relay;
}

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent), m_worker(new DatabaseWorker)
{
    m_dbThread.setObjectName(QStringLiteral("database"));
    m_worker->moveToThread(&m_dbThread);
    // Deleted on its own thread as the thread ends, so its connection is closed there.
    connect(&m_dbThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &DatabaseWorker::opened, this, &MainWindow::onOpened);
    connect(m_worker, &DatabaseWorker::schemaReady, this, &MainWindow::onSchemaReady);
    connect(m_worker, &DatabaseWorker::failed, this, &MainWindow::onFailed);
    connect(m_worker, &DatabaseWorker::historyReady, this, &MainWindow::onHistoryReady);
    connect(m_worker, &DatabaseWorker::historyFailed, this, &MainWindow::onHistoryFailed);
    connect(m_worker, &DatabaseWorker::demoWritten, this, &MainWindow::onDemoWritten);
    connect(m_worker, &DatabaseWorker::busyChanged, this, &MainWindow::onBusyChanged);
    m_dbThread.start();

    m_keychain = new PasswordKeychain(this);
    m_schemaPanel = new SchemaPanel(this);
    m_banner = new ErrorBanner(this);
    createActions();
    // The welcome page until a database is open; the banner stays above both, so a failed
    // first connection is reported where the operator is looking.
    m_welcome = new WelcomePage(m_demoAction, m_connectAction, m_migrationsAction, this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_welcome);
    m_stack->addWidget(m_schemaPanel);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 0);
    centralLayout->addWidget(m_banner);
    centralLayout->addWidget(m_stack, 1);
    setCentralWidget(central);
    connect(m_welcome, &WelcomePage::profileActivated, this,
            [this](const QString &name) { showConnectDialog(name); });
    connect(m_welcome, &WelcomePage::connectionActivated, this, &MainWindow::openRecentConnection);
    connect(m_welcome, &WelcomePage::folderActivated, this, &MainWindow::openMigrations);

    createDocks();
    createStatusBar();
    connect(m_schemaPanel, &SchemaPanel::currentObjectChanged, m_details, &DetailsPane::showObject);
    // After the details connection: the findings are added below the object's facts.
    m_drift = new DriftController(this, m_worker);
    m_fix = new FixController(this, m_worker, m_drift);
    m_reports = new ReportExporter(this, m_drift, m_fix);
    m_watch = new WatchController(this, m_drift);
    createMenus(); // after the controllers: the menus list their actions too

    updateTitle();
    resize(1280, 800);
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
    // The welcome page gets the whole window: the empty docks would only say "nothing yet".
    for (QDockWidget *dock : findChildren<QDockWidget *>()) {
        if (!dock->isHidden()) { // closed by the operator last time: stays closed
            m_dockedForWelcome.append(dock);
            dock->hide();
        }
    }
}

MainWindow::~MainWindow()
{
    // A connect attempt cannot be interrupted: this waits for it (at most its timeout).
    m_worker->requestCancel();
    m_dbThread.quit();
    m_dbThread.wait();
}

void MainWindow::createActions()
{
    QToolBar *toolBar = addToolBar(QStringLiteral("Main"));
    toolBar->setObjectName(QStringLiteral("mainToolBar")); // saveState() needs names
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->setMovable(false);

    m_connectAction =
        toolBar->addAction(style()->standardIcon(QStyle::SP_DriveNetIcon),
                           QStringLiteral("Connect…"), this, [this] { showConnectDialog(); });
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_connectAction->setToolTip(QStringLiteral("Connect to a database (Ctrl+O)"));

    m_refreshAction = toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload),
                                         QStringLiteral("Refresh"), this, &MainWindow::refresh);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(QStringLiteral("Read the schema and the history again (F5)"));
    m_refreshAction->setEnabled(false);

    m_migrationsAction = toolBar->addAction(style()->standardIcon(QStyle::SP_DirOpenIcon),
                                            QStringLiteral("Open migrations…"), this,
                                            &MainWindow::showOpenMigrationsDialog);
    m_migrationsAction->setIconText(QStringLiteral("Migrations…")); // the toolbar's short label
    m_migrationsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_M));
    m_migrationsAction->setToolTip(
        QStringLiteral("Open an Alembic migrations folder to compare with the database (Ctrl+M)"));

    m_demoAction = toolBar->addAction(style()->standardIcon(QStyle::SP_ComputerIcon),
                                      QStringLiteral("Open demo"), this, &MainWindow::openDemo);
    m_demoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    m_demoAction->setToolTip(
        QStringLiteral("Write the bundled demo database and open it with its migrations (Ctrl+D)"));

    m_quitAction = new QAction(QStringLiteral("Quit"), this);
    m_quitAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q)); // QKeySequence::Quit is empty on some platforms
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    auto *findAction = new QAction(QStringLiteral("Filter the schema tree"), this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_schemaPanel->filterEdit()->setFocus();
        m_schemaPanel->filterEdit()->selectAll();
    });
    addAction(findAction);

    m_shortcutsAction = new QAction(QStringLiteral("Keyboard shortcuts"), this);
    m_shortcutsAction->setShortcut(QKeySequence(Qt::Key_F1));
    connect(m_shortcutsAction, &QAction::triggered, this, &MainWindow::showShortcuts);
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(QStringLiteral("&File"));
    file->addAction(m_connectAction);
    m_profilesMenu = file->addMenu(QStringLiteral("Open &profile"));
    m_recentConnectionsMenu = file->addMenu(QStringLiteral("Recent &connections"));
    file->addAction(m_migrationsAction);
    m_recentFoldersMenu = file->addMenu(QStringLiteral("Recent &migrations folders"));
    file->addAction(m_demoAction);
    file->addSeparator();
    file->addAction(m_reports->exportAction());
    file->addAction(m_reports->pdfAction());
    file->addAction(m_reports->printAction());
    file->addSeparator();
    file->addAction(m_quitAction);
    connect(file, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenus);
    fillRecentMenus();

    QMenu *check = menuBar()->addMenu(QStringLiteral("&Check"));
    check->addAction(m_refreshAction);
    QAction *runCheck = check->addAction(QStringLiteral("Run the check"), m_drift, &DriftController::runCheck);
    runCheck->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_K));
    check->addAction(m_watch->watchAction());
    check->addSeparator();
    check->addAction(m_fix->previewAction());
    check->addAction(m_fix->dryRunAction());
    check->addAction(m_fix->applyAction());
    check->addAction(m_fix->markAppliedAction());

    QMenu *help = menuBar()->addMenu(QStringLiteral("&Help"));
    help->addAction(m_shortcutsAction);
}

void MainWindow::createDocks()
{
    m_history = new HistoryPanel(this);
    m_historyDock = new QDockWidget(QStringLiteral("History"), this);
    m_historyDock->setObjectName(QStringLiteral("historyDock"));
    m_historyDock->setWidget(m_history);
    addDockWidget(Qt::LeftDockWidgetArea, m_historyDock);

    m_details = new DetailsPane(this);
    m_detailsDock = new QDockWidget(QStringLiteral("Details"), this);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);

    m_log = new LogPane(sharedLogRelay(), this);
    m_logDock = new QDockWidget(QStringLiteral("Log"), this);
    m_logDock->setObjectName(QStringLiteral("logDock"));
    m_logDock->setWidget(m_log);
    addDockWidget(Qt::BottomDockWidgetArea, m_logDock);
    // Give the tree most of the room; a saved layout (restoreState) overrides this.
    resizeDocks({m_historyDock, m_detailsDock}, {380, 340}, Qt::Horizontal);
    resizeDocks({m_logDock}, {160}, Qt::Vertical);
}

void MainWindow::createStatusBar()
{
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0); // indeterminate: catalogue reads report no fraction
    m_progress->setMaximumWidth(140);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setText(QStringLiteral("Cancel"));
    m_cancelButton->setToolTip(QStringLiteral("Stop the database work in progress"));
    m_cancelButton->hide();
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_cancelButton, &QToolButton::clicked, this, &MainWindow::cancel);
    m_profileLabel = new QLabel(this);
    m_profileLabel->setTextFormat(Qt::PlainText);
    m_profileLabel->setToolTip(QStringLiteral("The connection profile and its tag"));
    m_profileLabel->hide();
    m_urlLabel = new QLabel(QStringLiteral("not connected"), this);
    m_urlLabel->setTextFormat(Qt::PlainText);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_revisionLabel = new QLabel(this);
    m_revisionLabel->setTextFormat(Qt::PlainText);
    m_revisionLabel->setContentsMargins(8, 0, 8, 0); // apart from the URL and the table count
    m_revisionLabel->setToolTip(QStringLiteral("The revision(s) the database records"));
    m_revisionLabel->hide();
    m_tablesLabel = new QLabel(this);

    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_profileLabel);
    statusBar()->addPermanentWidget(m_urlLabel);
    statusBar()->addPermanentWidget(m_revisionLabel);
    statusBar()->addPermanentWidget(m_tablesLabel);

    // busyChanged(false) then (true) arrives between "connected" and "read the schema":
    // hide the spinner only after a short quiet spell so it does not flicker.
    m_idleDelay = new QTimer(this);
    m_idleDelay->setSingleShot(true);
    m_idleDelay->setInterval(100);
    connect(m_idleDelay, &QTimer::timeout, this, [this] {
        m_progress->hide();
        m_cancelButton->hide();
    });
    // Work that ends within half a second shows no progress at all: no flicker on every click.
    m_busyDelay = new QTimer(this);
    m_busyDelay->setSingleShot(true);
    m_busyDelay->setInterval(500);
    connect(m_busyDelay, &QTimer::timeout, this, [this] {
        m_progress->show();
        m_cancelButton->show();
    });
}

SchemaTreeModel *MainWindow::schemaModel() const
{
    return m_schemaPanel->model();
}

QTreeView *MainWindow::schemaView() const
{
    return m_schemaPanel->view();
}

QString MainWindow::bannerText() const
{
    return m_banner->text();
}

void MainWindow::showError(const Error &error)
{
    m_banner->showError(error);
}

QString MainWindow::revisionStatusText() const
{
    return m_revisionLabel->isHidden() ? QString() : m_revisionLabel->text();
}

void MainWindow::openConnection(const ConnectionSettings &settings)
{
    m_demoMigrations.clear();
    ConnectionSettings withFlags = settings;
    if (!m_flagsFromDialog) {
        // Opened by URL (--db, a test): a database once ticked read-only or production in
        // the Connect dialog, or saved in a profile so, stays so — flags are only ever
        // added here, never cleared.
        ConnectionSettings remembered = settings;
        ConnectionDialog::restoreFlags(remembered);
        m_pendingProfile = ProfileStore::findByUrl(settings.url.toStorableString());
        const bool profileReadOnly = m_pendingProfile && m_pendingProfile->readOnly;
        const bool profileProduction = m_pendingProfile && m_pendingProfile->isProduction();
        withFlags.readOnly = settings.readOnly || remembered.readOnly || profileReadOnly;
        withFlags.production = settings.production || remembered.production || profileProduction;
    }
    connectTo(withFlags);
}

void MainWindow::connectTo(const ConnectionSettings &settings)
{
    if (m_busy)
        m_worker->requestCancel(); // the operator moved on: drop what is still running
    m_banner->dismiss();
    statusBar()->showMessage(
        QStringLiteral("Connecting to %1…").arg(settings.url.toDisplayString()));
    m_loadTimer.start();
    m_pendingSettings = settings;
    m_worker->open(settings);
}

void MainWindow::openDemo()
{
    if (m_busy)
        m_worker->requestCancel();
    m_banner->dismiss();
    const QString directory = defaultDemoDirectory();
    statusBar()->showMessage(QStringLiteral("Writing the demo database to %1…").arg(directory));
    m_worker->writeDemo(directory);
}

void MainWindow::openMigrations(const QString &folder)
{
    m_migrationsPath = folder;
    MigrationFolderSettings::remember(m_storableUrl, folder);
    RecentFolders::remember(folder);
    if (m_profile && m_profile->migrationsPath != folder) { // the profile's folder follows
        m_profile->migrationsPath = folder;
        ProfileStore::save(*m_profile);
    }
    if (isWelcomeShown() && m_displayUrl.isEmpty())
        leaveWelcomePage(); // the history alone is worth showing
    m_readingMessage = QStringLiteral("Reading the migrations in %1…").arg(folder);
    statusBar()->showMessage(m_readingMessage);
    reloadHistory();
}

void MainWindow::showOpenMigrationsDialog()
{
    const QString folder = QFileDialog::getExistingDirectory(
        this, QStringLiteral("Open an Alembic migrations folder (alembic.ini or versions/)"),
        m_migrationsPath);
    if (!folder.isEmpty())
        openMigrations(folder);
}

void MainWindow::reloadHistory()
{
    // Without a folder the database's own record is still worth reading: the status bar
    // then says which revision it claims, or that it is not under Alembic.
    if (m_migrationsPath.isEmpty() && m_displayUrl.isEmpty())
        return;
    m_worker->loadHistory(m_migrationsPath, m_versionTable);
}

void MainWindow::refresh()
{
    if (m_displayUrl.isEmpty())
        return;
    m_banner->dismiss();
    statusBar()->showMessage(QStringLiteral("Reading the schema of %1…").arg(m_displayUrl));
    m_loadTimer.start();
    m_worker->introspect();
}

void MainWindow::cancel()
{
    m_worker->requestCancel();
    statusBar()->showMessage(QStringLiteral("Cancelling…"));
}

void MainWindow::onOpened(const QString &displayUrl, const QString &storableUrl)
{
    m_displayUrl = displayUrl;
    m_storableUrl = storableUrl;
    m_settings = m_pendingSettings;
    m_settings.url.password.clear(); // the worker has it; the window never needs it again
    applyProfile(m_pendingProfile ? m_pendingProfile : ProfileStore::findByUrl(storableUrl));
    m_pendingProfile.reset();
    leaveWelcomePage();
    // The folder that goes with this database: the demo's own, the one last used with it,
    // or else the one already open (which from now on goes with this database too).
    const QString remembered = MigrationFolderSettings::folderFor(storableUrl);
    if (!m_demoMigrations.isEmpty())
        m_migrationsPath = std::exchange(m_demoMigrations, QString());
    else if (m_profile && !m_profile->migrationsPath.isEmpty())
        m_migrationsPath = m_profile->migrationsPath;
    else if (!remembered.isEmpty())
        m_migrationsPath = remembered;
    MigrationFolderSettings::remember(storableUrl, m_migrationsPath);
    RecentFolders::remember(m_migrationsPath);
    m_refreshAction->setEnabled(true);
    updateTitle();
    if (const auto url = ConnectionUrl::parse(storableUrl))
        ConnectionDialog::rememberConnection(*url);
    if (std::exchange(m_flagsFromDialog, false))
        ConnectionDialog::rememberFlags(m_settings);
    // The tree of the previous database must not stand for this one (the drift check
    // compares against what the tree shows) while this one is read.
    m_schemaPanel->setSchema(Schema{});
    emit connectionOpened();
    statusBar()->showMessage(QStringLiteral("Reading the schema of %1…").arg(displayUrl));
    m_worker->introspect();
}

void MainWindow::onSchemaReady(const Schema &schema)
{
    const int tables = schema.tableCount();
    m_schemaPanel->setSchema(schema);
    m_tablesLabel->setText(tables == 1 ? QStringLiteral("1 table")
                                       : QStringLiteral("%1 tables").arg(tables));
    statusBar()->showMessage(QStringLiteral("Schema read in %1 ms").arg(m_loadTimer.elapsed()),
                             10000);
    reloadHistory(); // the version table may have moved with the schema
    emit schemaLoaded();
}

void MainWindow::onFailed(const Error &error)
{
    if (error.code == ErrorCode::Cancelled) {
        statusBar()->showMessage(error.message, 10000);
        return;
    }
    m_banner->showError(error);
    statusBar()->showMessage(error.message, 10000);
    emit connectionFailed(error.toString());
}

void MainWindow::onHistoryReady(const MigrationHistory &history)
{
    m_history->setHistory(history);
    if (statusBar()->currentMessage() == m_readingMessage) // not a newer message
        statusBar()->clearMessage();
    const QString summary = HistoryModel::databaseSummary(history);
    m_revisionLabel->setText(summary);
    m_revisionLabel->setVisible(!summary.isEmpty());
    updateTitle(); // the title names the revision too
    emit historyLoaded();
}

void MainWindow::onHistoryFailed(const Error &error)
{
    m_banner->showError(error);
    m_history->showMessage(error.message);
    m_revisionLabel->clear();
    m_revisionLabel->hide();
    updateTitle();
    statusBar()->showMessage(error.message, 10000);
    emit historyFailed(error.toString());
}

void MainWindow::onDemoWritten(const QString &url, const QString &migrationsPath)
{
    const auto parsed = ConnectionUrl::parse(url);
    if (!parsed) {
        onFailed(parsed.error());
        return;
    }
    ConnectionSettings settings;
    settings.url = *parsed;
    m_demoMigrations = migrationsPath;
    connectTo(settings);
}

void MainWindow::onBusyChanged(bool busy)
{
    m_busy = busy;
    if (busy) {
        m_idleDelay->stop();
        if (m_progress->isHidden() && !m_busyDelay->isActive())
            m_busyDelay->start();
    } else {
        m_busyDelay->stop();
        m_idleDelay->start();
    }
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    leaveWelcomePage(); // the saved layout is the working one, docks and all
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace migconsole
