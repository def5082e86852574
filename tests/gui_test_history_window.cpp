// The History dock inside the main window, offscreen, with core's real Alembic loader: a
// SQLite database and an Alembic folder written by the test, the current marker and the
// status bar after a load and after an upgrade, the folder remembered per connection, a
// broken folder, and the demo opening its own migrations.
#include "DetailsPane.h"
#include "ErrorBanner.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryRevisionView.h"
#include "HistoryTestSupport.h"
#include "MainWindow.h"
#include "MigrationFolderSettings.h"
#include "demo/DemoDatabase.h"
#include "log/Logging.h"

#include <QDir>
#include <QMenu>
#include <QMenuBar>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;
using namespace migconsole::historytest;

namespace {

constexpr int kLoadTimeoutMs = 60000;

// Base a1 → branch b1 / c1 → merge m1 → head h1. The database is stamped at m1.
const QString kBase = QStringLiteral("a1b2c3d4e5f6");
const QString kLeft = QStringLiteral("b1b1b1b1b1b1");
const QString kRight = QStringLiteral("c1c1c1c1c1c1");
const QString kMerge = QStringLiteral("m1m1m1m1m1m1");
const QString kHead = QStringLiteral("h1h1h1h1h1h1");

QString script(const QString &id, const QString &parents, const QString &message)
{
    return QStringLiteral("\"\"\"%3\n\nRevision ID: %1\nRevises: %2\n"
                          "Create Date: 2025-11-01 10:12:03.000000\n\n\"\"\"\n"
                          "from alembic import op\nimport sqlalchemy as sa\n\n"
                          "revision = \"%1\"\ndown_revision = %2\nbranch_labels = None\n"
                          "depends_on = None\n\n\ndef upgrade():\n    pass\n\n\n"
                          "def downgrade():\n    pass\n")
        .arg(id, parents, message);
}

ConnectionSettings sqlite(const QString &path, bool create = false)
{
    ConnectionSettings settings;
    settings.url = ConnectionUrl::parse(QStringLiteral("sqlite:///") + path).value();
    settings.createSqliteFile = create;
    return settings;
}

bool waitFor(QSignalSpy &spy, QSignalSpy &failure, int count = 1)
{
    return QTest::qWaitFor([&] { return spy.count() >= count || !failure.isEmpty(); },
                           kLoadTimeoutMs) &&
           failure.isEmpty();
}

} // namespace

class HistoryWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void opensARealFolderAndMarksTheCurrentRevision();
    void scriptsAloneAndBrokenFolders();
    void demoOpensItsMigrations();

private:
    bool setVersion(const QString &id);

    QTemporaryDir m_dir;
    QString m_database;
    QString m_versions;
};

void HistoryWindowTest::initTestCase()
{
    // Settings and the default demo folder go to a test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_history_window"));
    setupLogging(spdlog::level::info);
    QVERIFY(m_dir.isValid());

    m_versions = m_dir.filePath(QStringLiteral("project/versions"));
    QVERIFY(QDir().mkpath(m_versions));
    const QString none = QStringLiteral("None");
    auto quoted = [](const QString &id) { return QLatin1Char('"') + id + QLatin1Char('"'); };
    const QList<std::tuple<QString, QString, QString>> scripts = {
        {kBase, none, QStringLiteral("create items")},
        {kLeft, quoted(kBase), QStringLiteral("add prices")},
        {kRight, quoted(kBase), QStringLiteral("add stock")},
        {kMerge, QStringLiteral("(%1, %2)").arg(quoted(kLeft), quoted(kRight)),
         QStringLiteral("merge prices and stock")},
        {kHead, quoted(kMerge), QStringLiteral("add audit log")}};
    for (const auto &[id, parents, message] : scripts)
        QVERIFY(!writeScript(m_versions + QLatin1Char('/') + id + QStringLiteral(".py"),
                             script(id, parents, message))
                     .isEmpty());

    m_database = m_dir.filePath(QStringLiteral("app.db"));
    auto connection = DbConnection::open(sqlite(m_database, true));
    QVERIFY2(connection, connection ? "" : qPrintable(connection.error().toString()));
    for (const QString &sql :
         {QStringLiteral("CREATE TABLE items (id integer PRIMARY KEY, name text NOT NULL)"),
          QStringLiteral("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                         "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")})
        QVERIFY((*connection)->exec(sql, QStringLiteral("set up")).ok());
    QVERIFY(setVersion(kMerge));
}

bool HistoryWindowTest::setVersion(const QString &id)
{
    auto connection = DbConnection::open(sqlite(m_database));
    return connection &&
           (*connection)
               ->exec(QStringLiteral("DELETE FROM alembic_version"), QStringLiteral("clear"))
               .ok() &&
           (*connection)
               ->exec(QStringLiteral("INSERT INTO alembic_version VALUES ('%1')").arg(id),
                      QStringLiteral("stamp"))
               .ok();
}

void HistoryWindowTest::opensARealFolderAndMarksTheCurrentRevision()
{
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QSignalSpy historyFailed(&window, &MainWindow::historyFailed);
    window.openConnection(sqlite(m_database));
    QVERIFY(waitFor(loaded, failed));
    // Without a folder the database's record alone: which revision it claims.
    QVERIFY(waitFor(history, historyFailed));
    QCOMPARE(window.revisionStatusText(), QStringLiteral("at ") + kMerge);
    QCOMPARE(window.historyPanel()->model()->rowCount(), 0);
    QVERIFY(window.historyPanel()->summaryText().contains(QStringLiteral("Ctrl+M")));

    // File menu: connections, migrations (Ctrl+M), the demo, reports, Quit.
    QStringList fileMenu;
    QAction *openMigrations = nullptr;
    for (QAction *action : window.menuBar()->actions().constFirst()->menu()->actions()) {
        if (action->isSeparator())
            continue;
        fileMenu.append(action->text().remove(QLatin1Char('&')));
        if (action->text() == QStringLiteral("Open migrations…"))
            openMigrations = action;
    }
    QCOMPARE(fileMenu, strings({"Connect…", "Open profile", "Recent connections", "Open migrations…",
                                "Recent migrations folders", "Open demo", "Export report…",
                                "Save report as PDF…", "Print report…", "Quit"}));
    QVERIFY(openMigrations);
    QCOMPARE(openMigrations->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_M));

    window.openMigrations(m_versions);
    QVERIFY2(waitFor(history, historyFailed, 2),
             historyFailed.isEmpty() ? "" : qPrintable(historyFailed.first().first().toString()));
    HistoryPanel *panel = window.historyPanel();
    HistoryModel *model = panel->model();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->revisionAt(model->index(0, 0)), kHead);
    const QModelIndex merge = model->indexForRevision(kMerge, HistoryModel::GraphColumn);
    QCOMPARE(RevisionStatus(merge.data(HistoryModel::StatusRole).toInt()), RevisionStatus::Current);
    QCOMPARE(RevisionStatus(model->indexForRevision(kHead).data(HistoryModel::StatusRole).toInt()),
             RevisionStatus::Pending);
    QCOMPARE(RevisionStatus(model->indexForRevision(kLeft).data(HistoryModel::StatusRole).toInt()),
             RevisionStatus::Applied);
    QCOMPARE(model->lanes().laneCount(), 2); // the branch opens a second lane
    QCOMPARE(window.revisionStatusText(), QStringLiteral("at %1 — 1 pending").arg(kMerge));
    QVERIFY(!panel->problemsShown());

    // The current revision is selected, its script and facts on show.
    QCOMPARE(panel->currentRevision(), kMerge);
    HistoryRevisionView *details = panel->revisionView();
    QCOMPARE(details->fact(QStringLiteral("Parents")), kLeft + QStringLiteral(", ") + kRight);
    QCOMPARE(details->fact(QStringLiteral("Children")), kHead);
    QVERIFY(details->fact(QStringLiteral("File")).endsWith(kMerge + QStringLiteral(".py:11")));
    QVERIFY(details->scriptView()->text().contains(QStringLiteral("merge prices and stock")));
    QVERIFY(window.schemaView()->width() >= 500); // the docks leave the tree readable
    saveScreenshot(window, QStringLiteral("main_window_history"));

    // An upgrade elsewhere, then Refresh: schema and history are read again.
    QVERIFY(setVersion(kHead));
    window.refresh();
    QVERIFY(waitFor(history, historyFailed, 3));
    QCOMPARE(window.revisionStatusText(), QStringLiteral("at %1 (head)").arg(kHead));
    QCOMPARE(RevisionStatus(merge.data(HistoryModel::StatusRole).toInt()), RevisionStatus::Applied);
    QCOMPARE(panel->currentRevision(), kMerge); // the operator's selection stays
    QVERIFY(setVersion(kMerge));

    // The folder is remembered for this database, by its URL.
    const QString url = QStringLiteral("sqlite:///") + m_database;
    QCOMPARE(MigrationFolderSettings::folderFor(url), m_versions);
    MainWindow again;
    QSignalSpy againHistory(&again, &MainWindow::historyLoaded);
    QSignalSpy againFailed(&again, &MainWindow::historyFailed);
    again.openConnection(sqlite(m_database));
    QVERIFY(QTest::qWaitFor([&] { return again.historyPanel()->model()->rowCount() == 5; },
                            kLoadTimeoutMs));
    QCOMPARE(again.migrationsPath(), m_versions);
    QVERIFY(againFailed.isEmpty());
}

void HistoryWindowTest::scriptsAloneAndBrokenFolders()
{
    MainWindow window;
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QSignalSpy historyFailed(&window, &MainWindow::historyFailed);
    window.openMigrations(m_versions); // no database: the graph alone, every revision pending
    QVERIFY(waitFor(history, historyFailed));
    HistoryModel *model = window.historyPanel()->model();
    QCOMPARE(model->rowCount(), 5);
    for (int row = 0; row < model->rowCount(); ++row)
        QCOMPARE(RevisionStatus(model->index(row, 0).data(HistoryModel::StatusRole).toInt()),
                 RevisionStatus::Pending);
    QVERIFY(window.revisionStatusText().isEmpty());
    QVERIFY(window.historyPanel()->summaryText().startsWith(QStringLiteral("5 revisions")));

    window.openMigrations(m_dir.filePath(QStringLiteral("no/such/folder")));
    QVERIFY(QTest::qWaitFor([&] { return !historyFailed.isEmpty(); }, kLoadTimeoutMs));
    QVERIFY(!window.bannerText().isEmpty());
    QCOMPARE(model->rowCount(), 0);
    QVERIFY(!window.historyPanel()->summaryText().isEmpty());
}

void HistoryWindowTest::demoOpensItsMigrations()
{
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    QSignalSpy history(&window, &MainWindow::historyLoaded);
    QSignalSpy historyFailed(&window, &MainWindow::historyFailed);
    QSignalSpy failed(&window, &MainWindow::connectionFailed);
    window.openDemo();
    QVERIFY(QTest::qWaitFor(
        [&] {
            return window.historyPanel()->model()->rowCount() > 0 || !failed.isEmpty() ||
                   !historyFailed.isEmpty();
        },
        kLoadTimeoutMs));
    QVERIFY2(failed.isEmpty() && historyFailed.isEmpty(), qPrintable(window.bannerText()));
    QVERIFY(window.migrationsPath().startsWith(defaultDemoDirectory()));
    const MigrationHistory &shown = window.historyPanel()->model()->history();
    QCOMPARE(shown.current.size(), 1);
    const QModelIndex current = window.historyPanel()->model()->indexForRevision(shown.current[0]);
    QCOMPARE(RevisionStatus(current.data(HistoryModel::StatusRole).toInt()),
             RevisionStatus::Current);
    QVERIFY(window.revisionStatusText().startsWith(QStringLiteral("at ") + shown.current[0]));
    QVERIFY(window.historyPanel()->model()->lanes().laneCount() >= 2); // its branch + merge
    QCOMPARE(window.historyPanel()->currentRevision(), shown.current[0]);
    saveScreenshot(window, QStringLiteral("main_window_history_demo"));
}

QTEST_MAIN(HistoryWindowTest)
#include "gui_test_history_window.moc"
