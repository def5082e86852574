// The main window end to end, offscreen: open the demo, find a table and a column in the
// tree, read the details pane; failed connections keep the window usable; a 1,000-table
// PostgreSQL schema loads without freezing the GUI thread.
#include "ConnectionDialog.h"
#include "DetailsPane.h"
#include "LogPane.h"
#include "MainWindow.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "TestSupport.h"
#include "db/DatabaseWorker.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QTreeView>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;

namespace {

constexpr int kLoadTimeoutMs = 60000;

ConnectionSettings settingsFor(const QString &url)
{
    ConnectionSettings settings;
    const auto parsed = ConnectionUrl::parse(url);
    if (parsed)
        settings.url = *parsed;
    else
        qWarning("bad URL in test: %s", qPrintable(parsed.error().toString()));
    return settings;
}

/// With MIGCONSOLE_SCREENSHOT_DIR set, keeps a picture of the window for a human to look at.
void saveScreenshot(QWidget &window, const QString &name)
{
    const QString dir = qEnvironmentVariable("MIGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // let pending layout, paint and the busy indicator settle
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!window.grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensDemoAndShowsColumnDetails();
    void failedConnectionKeepsWindowUsable();
    void openDemoAction();
    void connectionDialogKeepsPasswordsOut();
    void workerDropsCancelledJobs();
    void thousandPostgresTablesKeepGuiResponsive();

private:
    QTemporaryDir m_dir;
    QString m_demoUrl;
};

void MainWindowTest::initTestCase()
{
    // Settings and the default demo folder go to a test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_main_window"));
    setupLogging(spdlog::level::info);
    QVERIFY(m_dir.isValid());
    const auto demo = writeDemo(m_dir.filePath(QStringLiteral("demo")));
    QVERIFY2(demo.ok(), demo ? "" : qPrintable(demo.error().toString()));
    m_demoUrl = demo->url();
}

void MainWindowTest::opensDemoAndShowsColumnDetails()
{
    MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    window.openConnection(settingsFor(m_demoUrl));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count() + failed.count(), 1, kLoadTimeoutMs);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(!window.isBusy() || QTest::qWaitFor([&] { return !window.isBusy(); }));

    QVERIFY(window.windowTitle().startsWith(QStringLiteral("Migration Console — sqlite:///")));
    QCOMPARE(window.displayUrl(), m_demoUrl);

    SchemaTreeModel *model = window.schemaModel();
    QCOMPARE(model->rowCount(), 1);
    const QString ns = model->index(0, 0).data().toString();
    const QModelIndex games = model->indexForTable(ns, QStringLiteral("games"));
    QVERIFY2(games.isValid(), "the demo's games table is in the tree");
    const QModelIndex home =
        model->indexForColumn(ns, QStringLiteral("games"), QStringLiteral("home_team_id"));
    QVERIFY(home.isValid());
    const SchemaObjectRef ref = model->objectAt(home);
    QCOMPARE(ref.kind, SchemaNodeKind::Column);
    QCOMPARE(ref.column->nullable, false);
    const QString type =
        model->index(home.row(), SchemaTreeModel::TypeColumn, games).data().toString();
    QCOMPARE(type, QStringLiteral("integer"));

    // Select it through the view, as a click would, and read the details pane.
    QVERIFY(window.schemaPanel()->selectSourceIndex(home));
    QTreeView *view = window.schemaView();
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("home_team_id"));
    QVERIFY(view->isExpanded(view->currentIndex().parent()));
    DetailsPane *details = window.detailsPane();
    QCOMPARE(details->fact(QStringLiteral("Type")), type);
    QCOMPARE(details->fact(QStringLiteral("Nullable")), QStringLiteral("no (NOT NULL)"));
    QCOMPARE(details->title(), ns + QStringLiteral(".games.home_team_id"));

    // The table row shows its foreign keys group; the log pane saw the load.
    QVERIFY(model->rowCount(games) > 9);
    QVERIFY(
        window.logPane()->textEdit()->toPlainText().contains(QStringLiteral("read the schema")));
    QVERIFY(details->fact(QStringLiteral("References")).contains(QStringLiteral("teams(id)")));
    saveScreenshot(window, QStringLiteral("main_window_column"));

    // A view shows its definition in the SQL editor.
    const QModelIndex views =
        model->index(model->rowCount(model->index(0, 0)) - 1, 0, model->index(0, 0));
    QVERIFY(views.data().toString().startsWith(QStringLiteral("Views (")));
    QVERIFY(window.schemaPanel()->selectSourceIndex(model->index(0, 0, views)));
    QVERIFY(!details->definitionEditor()->isHidden());
    QVERIFY(details->definitionEditor()->text().contains(QStringLiteral("SELECT"),
                                                         Qt::CaseInsensitive));
    view->expand(view->model()->index(model->rowCount(games) - 1, 0,
                                      window.schemaPanel()->proxy()->mapFromSource(games)));
    saveScreenshot(window, QStringLiteral("main_window_view"));
    QVERIFY(window.schemaPanel()->selectSourceIndex(home));

    // Refresh keeps the selection by name.
    window.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, kLoadTimeoutMs);
    QCOMPARE(view->currentIndex().data().toString(), QStringLiteral("home_team_id"));
    QCOMPARE(details->fact(QStringLiteral("Type")), type);
}

void MainWindowTest::failedConnectionKeepsWindowUsable()
{
    MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);

    window.openConnection(settingsFor(QStringLiteral("sqlite:///") +
                                      m_dir.filePath(QStringLiteral("missing/none.db"))));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kLoadTimeoutMs);
    QVERIFY(failed.first().first().toString().contains(QStringLiteral("No SQLite database file")));
    QVERIFY(window.bannerText().contains(QStringLiteral("No SQLite database file")));
    QVERIFY(window.windowTitle() == QStringLiteral("Migration Console"));

    // No server listening: a readable reason, the password masked everywhere.
    ConnectionSettings noServer =
        settingsFor(QStringLiteral("postgresql://someone:s3cret@127.0.0.1:1/nothing"));
    noServer.connectTimeoutSeconds = 3;
    window.openConnection(noServer);
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 2, kLoadTimeoutMs);
    const QString message = failed.at(1).first().toString();
    QVERIFY2(message.contains(QStringLiteral("Cannot connect")), qPrintable(message));
    QVERIFY(!message.contains(QStringLiteral("s3cret")));
    QVERIFY(!window.bannerText().contains(QStringLiteral("s3cret")));
    QVERIFY(!window.bannerText().isEmpty());
    QCOMPARE(loaded.count(), 0);
    saveScreenshot(window, QStringLiteral("main_window_error"));

    // Still usable: a good database opens and the banner goes away.
    window.openConnection(settingsFor(m_demoUrl));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kLoadTimeoutMs);
    QVERIFY(window.bannerText().isEmpty());
    QVERIFY(window.schemaModel()->rowCount() > 0);

    // A later failure leaves the loaded schema and its connection in place.
    window.openConnection(settingsFor(QStringLiteral("sqlite:///") +
                                      m_dir.filePath(QStringLiteral("also-missing.db"))));
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 3, kLoadTimeoutMs);
    QCOMPARE(window.displayUrl(), m_demoUrl);
    QVERIFY(window.schemaModel()->rowCount() > 0);
    window.refresh();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, kLoadTimeoutMs);
}

void MainWindowTest::openDemoAction()
{
    MainWindow window;
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    window.openDemo(); // writes below the test-mode data folder
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count() + failed.count(), 1, kLoadTimeoutMs);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QVERIFY(window.displayUrl().startsWith(QStringLiteral("sqlite:///") + defaultDemoDirectory()));
    const QString ns = window.schemaModel()->index(0, 0).data().toString();
    QVERIFY(window.schemaModel()->indexForTable(ns, QStringLiteral("games")).isValid());
}

void MainWindowTest::connectionDialogKeepsPasswordsOut()
{
    ConnectionDialog dialog;
    dialog.setUrlText(
        QStringLiteral("postgresql://app:p%40ss@db.example:6543/sales?sslmode=require"));
    QVERIFY2(dialog.validate().isEmpty(), qPrintable(dialog.validate()));
    QVERIFY(!dialog.urlText().contains(QStringLiteral("p@ss")));
    QVERIFY(!dialog.urlText().contains(QStringLiteral("p%40ss")));
    ConnectionSettings settings = dialog.settings();
    QCOMPARE(settings.url.host, QStringLiteral("db.example"));
    QCOMPARE(settings.url.port, 6543);
    QCOMPARE(settings.url.password, QStringLiteral("p@ss"));
    QCOMPARE(settings.url.parameter(QStringLiteral("sslmode")), QStringLiteral("require"));
    QCOMPARE(settings.connectTimeoutSeconds, 10);
    dialog.show();
    saveScreenshot(dialog, QStringLiteral("connection_dialog"));

    ConnectionDialog::rememberConnection(settings.url);
    QCOMPARE(ConnectionDialog::recentConnections().first(),
             QStringLiteral("postgresql://app@db.example:6543/sales?sslmode=require"));
    QSettings stored;
    const QString file = stored.fileName();
    stored.sync();
    QFile raw(file);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    QVERIFY(!raw.readAll().contains("p@ss"));

    dialog.setUrlText(QStringLiteral("postgresql://app@db.example:99999/sales"));
    QVERIFY(dialog.validate().contains(QStringLiteral("port")));
    dialog.setUrlText(QStringLiteral("sqlite:///") +
                      m_dir.filePath(QStringLiteral("demo/demo.db")));
    QVERIFY(dialog.validate().isEmpty());
    QCOMPARE(dialog.settings().url.dialect, Dialect::SQLite);
    QVERIFY(dialog.settings().url.password.isEmpty());
}

void MainWindowTest::workerDropsCancelledJobs()
{
    // The thread starts only after the cancel, so the jobs are certainly still queued.
    QThread thread;
    auto *worker = new DatabaseWorker;
    worker->moveToThread(&thread);
    connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    QSignalSpy opened(worker, &DatabaseWorker::opened);
    QSignalSpy ready(worker, &DatabaseWorker::schemaReady);
    QSignalSpy failed(worker, &DatabaseWorker::failed);
    QSignalSpy busy(worker, &DatabaseWorker::busyChanged);
    QSignalSpy destroyed(worker, &QObject::destroyed);
    worker->open(settingsFor(m_demoUrl));
    worker->introspect();
    worker->requestCancel();
    worker->open(settingsFor(m_demoUrl)); // submitted after the cancel: runs
    worker->introspect();
    thread.start();
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, kLoadTimeoutMs);
    QCOMPARE(opened.count(), 1);
    QCOMPARE(failed.count(), 0);
    QCOMPARE(busy.count(), 4); // two jobs ran: on, off, on, off
    QCOMPARE(opened.first().first().toString(), m_demoUrl);
    const Schema schema = ready.first().first().value<Schema>();
    QVERIFY(schema.tableCount() > 10);

    thread.quit();
    QVERIFY(thread.wait(10000));
    QCOMPARE(destroyed.count(), 1); // deleted on its own thread as it finished
}

void MainWindowTest::thousandPostgresTablesKeepGuiResponsive()
{
    const QString url = test::postgresUrl(); // fails (never skips) without a server
    if (url.isEmpty())
        return;
    auto setup = test::connectOrFail(url);
    QVERIFY(setup);
    const QString schemaName = test::uniqueSchemaName(QStringLiteral("gui_thousand"));
    QVERIFY(setup
                ->exec(QStringLiteral("CREATE SCHEMA %1").arg(schemaName),
                       QStringLiteral("create schema"))
                .ok());
    const auto dropSchema = qScopeGuard([&] {
        // 1,000 "drop cascades to" notices would flood the test output.
        setup->exec(QStringLiteral("SET client_min_messages = warning"), QStringLiteral("quiet"));
        const auto dropped = setup->exec(QStringLiteral("DROP SCHEMA %1 CASCADE").arg(schemaName),
                                         QStringLiteral("drop schema"));
        if (!dropped)
            qWarning("could not drop %s: %s", qPrintable(schemaName),
                     qPrintable(dropped.error().toString()));
    });
    // One round trip: the server generates the 1,000 tables itself.
    const auto created = setup->exec(QStringLiteral(R"SQL(
DO $$
BEGIN
  FOR i IN 1..1000 LOOP
    EXECUTE format('CREATE TABLE %I.%I (id integer PRIMARY KEY, name text NOT NULL, '
                   'created_at timestamptz NOT NULL DEFAULT now())',
                   '%1', 't' || lpad(i::text, 4, '0'));
  END LOOP;
END $$)SQL")
                                         .arg(schemaName),
                                     QStringLiteral("create 1,000 tables"));
    QVERIFY2(created.ok(), created ? "" : qPrintable(created.error().toString()));

    MainWindow window;
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);

    // A 20 ms heartbeat on the GUI thread: any stall shows up as a long gap between ticks.
    QElapsedTimer sinceTick;
    qint64 largestGap = 0;
    int ticks = 0;
    QTimer heartbeat;
    heartbeat.setInterval(20);
    connect(&heartbeat, &QTimer::timeout, this, [&] {
        largestGap = std::max(largestGap, sinceTick.restart());
        ++ticks;
    });
    sinceTick.start();
    heartbeat.start();
    QElapsedTimer loadTime;
    loadTime.start();
    window.openConnection(settingsFor(url));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count() + failed.count(), 1, kLoadTimeoutMs);
    QTest::qWait(100); // let the view lay the new tree out under the heartbeat too
    heartbeat.stop();
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    qInfo("loaded in %lld ms; %d heartbeats, largest gap %lld ms", loadTime.elapsed(), ticks,
          largestGap);
    QVERIFY2(largestGap < 1000,
             qPrintable(QStringLiteral("GUI thread stalled %1 ms").arg(largestGap)));

    SchemaTreeModel *model = window.schemaModel();
    const QModelIndex ns = model->indexForNamespace(schemaName);
    QVERIFY(ns.isValid());
    QCOMPARE(model->rowCount(ns), 1000);
    QCOMPARE(model->index(999, 0, ns).data().toString(), QStringLiteral("t1000"));
    const QModelIndex t0500 = model->indexForTable(schemaName, QStringLiteral("t0500"));
    QVERIFY(window.schemaPanel()->selectSourceIndex(t0500));
    QCOMPARE(window.detailsPane()->fact(QStringLiteral("Columns")), QStringLiteral("3"));
    QCOMPARE(window.detailsPane()->fact(QStringLiteral("Primary key")), QStringLiteral("id"));

    // Filtering 1,000 tables (the large-tree path: a proxy reset) keeps the selected table.
    window.schemaPanel()->filterEdit()->setText(QStringLiteral("T05"));
    window.schemaPanel()->applyFilter();
    QAbstractItemModel *shown = window.schemaPanel()->view()->model();
    QModelIndex shownNs;
    for (int row = 0; row < shown->rowCount(); ++row) {
        if (shown->index(row, 0).data().toString() == schemaName)
            shownNs = shown->index(row, 0);
    }
    QVERIFY(shownNs.isValid());
    QCOMPARE(shown->rowCount(shownNs), 100); // t0500 … t0599
    QCOMPARE(window.schemaPanel()->view()->currentIndex().data().toString(), QStringLiteral("t0500"));
    saveScreenshot(window, QStringLiteral("main_window_filter_1000_tables"));
}

QTEST_MAIN(MainWindowTest)
#include "gui_test_main_window.moc"
