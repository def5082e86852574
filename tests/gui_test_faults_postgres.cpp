// The window when its database connection drops while it waits (issue 8 item 4): the
// schema read in the DatabaseWorker thread is blocked behind another session's lock, its
// backend is terminated, and the window must say so in the banner (naming the database,
// password masked), stay usable (not busy, actions enabled, no modal dialog) and reconnect
// on Refresh.

#include "FaultTestSupport.h"
#include "MainWindow.h"
#include "SchemaPanel.h"
#include "SchemaTreeModel.h"
#include "ThrowawayDatabases.h"
#include "log/Logging.h"

#include <QAction>
#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace migconsole;
using namespace migconsole::test;
using namespace migconsole::test::faults;

namespace {
constexpr int kTimeoutMs = 30000;
}

class GuiTestFaultsPostgres : public QObject
{
    Q_OBJECT

    ThrowawayDatabases m_databases;
    QString m_url;

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("gui_test_faults_postgres"));
        setupLogging(spdlog::level::info);
        QVERIFY(m_databases.open()); // fails (never skips) without MIGCONSOLE_TEST_PG_URL
        const QString name = m_databases.create(QStringLiteral("gui_fault"));
        QVERIFY(!name.isEmpty());
        m_url = m_databases.url(name);
        auto db = connectOrFail(m_url);
        QVERIFY(db);
        QVERIFY(execScript(*db, QStringLiteral("CREATE TABLE public.fault_items (id integer PRIMARY KEY, name text);\n"
                                               "CREATE VIEW public.fault_view AS SELECT id FROM public.fault_items")));
    }

    void droppedConnectionWhileReadingKeepsWindowUsable()
    {
        MainWindow window;
        window.show();
        QSignalSpy loaded(&window, &MainWindow::schemaLoaded);
        QSignalSpy failed(&window, &MainWindow::connectionFailed);
        ConnectionSettings settings;
        settings.url = *ConnectionUrl::parse(m_url);
        window.openConnection(settings);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), kTimeoutMs);

        // Refresh, and the schema read waits behind a lock on the view (pg_get_viewdef
        // opens it); then its backend is terminated, as a DBA or a failover would.
        LockHolder holder;
        QVERIFY(holder.hold(m_url, QStringLiteral("public.fault_view"), QStringLiteral("ACCESS EXCLUSIVE")));
        auto monitor = connectOrFail(m_url);
        QVERIFY(monitor);
        window.refreshAction()->trigger();
        const qint64 victim = waitForLockWait(*monitor, QStringLiteral("pg_get_viewdef"), 15000, true);
        QVERIFY(victim > 0);
        QVERIFY(window.isBusy());
        QCOMPARE(scalar(*monitor, QStringLiteral("SELECT pg_terminate_backend(%1)").arg(victim)), QStringLiteral("true"));

        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, kTimeoutMs);
        const QString display = ConnectionUrl::parse(m_url)->toDisplayString();
        QVERIFY2(window.bannerText().contains(QStringLiteral("Lost the connection to %1 while reading its schema").arg(display)),
                 qPrintable(window.bannerText()));
        QVERIFY(!window.bannerText().contains(ConnectionUrl::parse(m_url)->password));
        QTRY_VERIFY_WITH_TIMEOUT(!window.isBusy(), kTimeoutMs);
        QVERIFY(window.refreshAction()->isEnabled());
        QVERIFY(window.connectAction()->isEnabled());
        QVERIFY(!QApplication::activeModalWidget());

        // Refresh reconnects (a new session) and reads the whole schema again.
        holder.release();
        window.refreshAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 2, kTimeoutMs);
        QCOMPARE(failed.count(), 1);
        QVERIFY(window.bannerText().isEmpty());
        const Schema &schema = window.schemaPanel()->model()->schema();
        QVERIFY(schema.table(QStringLiteral("public"), QStringLiteral("fault_items")));
        QCOMPARE(schema.namespaces.value(0).views.size(), 1);
    }

    void cleanupTestCase() { m_databases.dropAll(); }
};

QTEST_MAIN(GuiTestFaultsPostgres)
#include "gui_test_faults_postgres.moc"
