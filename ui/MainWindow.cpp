#include "MainWindow.h"

#include "ConnectionDialog.h"
#include "DetailsPane.h"
#include "LogPane.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "db/DatabaseWorker.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"

#include <QAction>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace migconsole {

namespace {

const QString kAppTitle = QStringLiteral("Migration Console");
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
    connect(m_worker, &DatabaseWorker::demoWritten, this, &MainWindow::onDemoWritten);
    connect(m_worker, &DatabaseWorker::busyChanged, this, &MainWindow::onBusyChanged);
    m_dbThread.start();

    m_schemaPanel = new SchemaPanel(this);
    auto *central = new QWidget(this);
    auto *centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(4, 4, 4, 0);
    centralLayout->addWidget(createBanner());
    centralLayout->addWidget(m_schemaPanel, 1);
    setCentralWidget(central);

    createActions();
    createDocks();
    createStatusBar();
    connect(m_schemaPanel, &SchemaPanel::currentObjectChanged, m_details, &DetailsPane::showObject);

    updateTitle();
    resize(1280, 800);
    const QSettings settings;
    restoreGeometry(settings.value(kGeometryKey).toByteArray());
    restoreState(settings.value(kStateKey).toByteArray());
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
                           QStringLiteral("Connect…"), this, &MainWindow::showConnectDialog);
    m_connectAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_O));
    m_connectAction->setToolTip(QStringLiteral("Connect to a database (Ctrl+O)"));

    m_refreshAction = toolBar->addAction(style()->standardIcon(QStyle::SP_BrowserReload),
                                         QStringLiteral("Refresh"), this, &MainWindow::refresh);
    m_refreshAction->setShortcut(QKeySequence(Qt::Key_F5));
    m_refreshAction->setToolTip(QStringLiteral("Read the schema again (F5)"));
    m_refreshAction->setEnabled(false);

    m_demoAction = toolBar->addAction(style()->standardIcon(QStyle::SP_ComputerIcon),
                                      QStringLiteral("Open demo"), this, &MainWindow::openDemo);
    m_demoAction->setToolTip(QStringLiteral("Write the bundled demo database and open it"));

    auto *findAction = new QAction(QStringLiteral("Filter the schema tree"), this);
    findAction->setShortcut(QKeySequence::Find);
    connect(findAction, &QAction::triggered, this, [this] {
        m_schemaPanel->filterEdit()->setFocus();
        m_schemaPanel->filterEdit()->selectAll();
    });
    addAction(findAction);
}

void MainWindow::createDocks()
{
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
    resizeDocks({m_detailsDock}, {360}, Qt::Horizontal);
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
    connect(m_cancelButton, &QToolButton::clicked, this, &MainWindow::cancel);
    m_urlLabel = new QLabel(QStringLiteral("not connected"), this);
    m_urlLabel->setTextFormat(Qt::PlainText);
    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_tablesLabel = new QLabel(this);

    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_urlLabel);
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
}

QWidget *MainWindow::createBanner()
{
    m_banner = new QFrame(this);
    m_banner->setObjectName(QStringLiteral("errorBanner"));
    m_banner->setFrameShape(QFrame::StyledPanel);
    m_banner->setStyleSheet(QStringLiteral(
        "#errorBanner { background: #fde8e8; border: 1px solid #d04040; border-radius: 3px; }"
        "#errorBanner QLabel { color: #601010; }"));
    auto *icon = new QLabel(m_banner);
    icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxCritical).pixmap(24, 24));
    m_bannerText = new QLabel(m_banner);
    m_bannerDetail = new QLabel(m_banner);
    for (QLabel *label : {m_bannerText, m_bannerDetail}) {
        label->setWordWrap(true);
        label->setTextFormat(Qt::PlainText); // driver messages are not markup
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
    QFont bold = m_bannerText->font();
    bold.setBold(true);
    m_bannerText->setFont(bold);
    auto *texts = new QVBoxLayout;
    texts->setSpacing(2);
    texts->addWidget(m_bannerText);
    texts->addWidget(m_bannerDetail);
    auto *dismiss = new QToolButton(m_banner);
    dismiss->setText(QStringLiteral("Dismiss"));
    connect(dismiss, &QToolButton::clicked, this, &MainWindow::hideBanner);
    auto *layout = new QHBoxLayout(m_banner);
    layout->addWidget(icon, 0, Qt::AlignTop);
    layout->addLayout(texts, 1);
    layout->addWidget(dismiss, 0, Qt::AlignTop);
    m_banner->hide();
    return m_banner;
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
    if (m_banner->isHidden())
        return {};
    return m_bannerDetail->text().isEmpty()
               ? m_bannerText->text()
               : m_bannerText->text() + QLatin1Char('\n') + m_bannerDetail->text();
}

void MainWindow::openConnection(const ConnectionSettings &settings)
{
    if (m_busy)
        m_worker->requestCancel(); // the operator moved on: drop what is still running
    hideBanner();
    statusBar()->showMessage(
        QStringLiteral("Connecting to %1…").arg(settings.url.toDisplayString()));
    m_loadTimer.start();
    m_worker->open(settings);
}

void MainWindow::openDemo()
{
    if (m_busy)
        m_worker->requestCancel();
    hideBanner();
    const QString directory = defaultDemoDirectory();
    statusBar()->showMessage(QStringLiteral("Writing the demo database to %1…").arg(directory));
    m_worker->writeDemo(directory);
}

void MainWindow::refresh()
{
    if (m_displayUrl.isEmpty())
        return;
    hideBanner();
    statusBar()->showMessage(QStringLiteral("Reading the schema of %1…").arg(m_displayUrl));
    m_loadTimer.start();
    m_worker->introspect();
}

void MainWindow::cancel()
{
    m_worker->requestCancel();
    statusBar()->showMessage(QStringLiteral("Cancelling…"));
}

void MainWindow::showConnectDialog()
{
    ConnectionDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        openConnection(dialog.settings());
}

void MainWindow::onOpened(const QString &displayUrl, const QString &storableUrl)
{
    m_displayUrl = displayUrl;
    m_refreshAction->setEnabled(true);
    updateTitle();
    if (const auto url = ConnectionUrl::parse(storableUrl))
        ConnectionDialog::rememberConnection(*url);
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
    emit schemaLoaded();
}

void MainWindow::onFailed(const Error &error)
{
    if (error.code == ErrorCode::Cancelled) {
        statusBar()->showMessage(error.message, 10000);
        return;
    }
    showBanner(error);
    statusBar()->showMessage(error.message, 10000);
    emit connectionFailed(error.toString());
}

void MainWindow::onDemoWritten(const QString &url)
{
    const auto parsed = ConnectionUrl::parse(url);
    if (!parsed) {
        onFailed(parsed.error());
        return;
    }
    ConnectionSettings settings;
    settings.url = *parsed;
    openConnection(settings);
}

void MainWindow::onBusyChanged(bool busy)
{
    m_busy = busy;
    if (busy) {
        m_idleDelay->stop();
        m_progress->show();
        m_cancelButton->show();
    } else {
        m_idleDelay->start();
    }
}

void MainWindow::showBanner(const Error &error)
{
    // First what happened in plain words; then the driver's own text for the expert, its
    // lines trimmed (libpq indents continuation lines with tabs).
    QStringList detail;
    for (const QString &line : error.detail.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        detail.append(line.trimmed());
    m_bannerText->setText(error.message);
    m_bannerDetail->setText(detail.join(QLatin1Char('\n')));
    m_bannerDetail->setVisible(!detail.isEmpty());
    m_banner->show();
}

void MainWindow::hideBanner()
{
    m_banner->hide();
    m_bannerText->clear();
    m_bannerDetail->clear();
}

void MainWindow::updateTitle()
{
    setWindowTitle(m_displayUrl.isEmpty() ? kAppTitle
                                          : kAppTitle + QStringLiteral(" — ") + m_displayUrl);
    m_urlLabel->setText(m_displayUrl.isEmpty() ? QStringLiteral("not connected") : m_displayUrl);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kStateKey, saveState());
    QMainWindow::closeEvent(event);
}

} // namespace migconsole
