// The drift check in the whole window, offscreen, on the bundled demo with core's real
// runDriftCheck: the check runs by itself after connect + history, its findings reach the
// tree (ghost rows), the findings dock, the history (failing pending step) and the status
// bar; "Compare against" re-runs it; a finding's origin opens its script at the line.
#include "CompareSelector.h"
#include "DriftController.h"
#include "DriftPresentation.h"
#include "FindingsPanel.h"
#include "HistoryModel.h"
#include "HistoryPanel.h"
#include "HistoryRevisionView.h"
#include "MainWindow.h"
#include "SchemaTreeModel.h"
#include "log/Logging.h"

#include <QDockWidget>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeView>
#include <Qsci/qsciscintilla.h>

using namespace migconsole;

namespace {
constexpr int kTimeoutMs = 30000;
}

class DriftWindowTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void demoShowsDriftEverywhere();
};

void DriftWindowTest::initTestCase()
{
    // Settings and the demo folder go to a test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_drift_window"));
    setupLogging(spdlog::level::info);
}

void DriftWindowTest::demoShowsDriftEverywhere()
{
    MainWindow window;
    DriftController *drift = window.driftController();
    QSignalSpy checked(drift, &DriftController::driftChecked);
    QSignalSpy failed(drift, &DriftController::driftCheckFailed);
    QSignalSpy connectFailed(&window, &MainWindow::connectionFailed);
    window.openDemo();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count() + failed.count() + connectFailed.count(), 1,
                              kTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));
    QCOMPARE(drift->compareSelector()->request().target, QStringLiteral("current"));

    // The demo: a missing column, index and table, each a ghost row in the tree.
    const FindingsModel *findings = drift->findingsPanel()->model();
    QVERIFY(findings->rowCount() > 0);
    QSet<FindingKind> kinds;
    const Finding *withOrigin = nullptr;
    for (const Finding &finding : findings->findings()) {
        kinds.insert(finding.kind);
        if (drift::stateOf(finding.kind) == drift::DriftState::Missing) {
            const QModelIndex row = window.schemaModel()->indexForFinding(finding);
            QVERIFY2(row.isValid(), qPrintable(drift::objectPath(finding)));
            QCOMPARE(row.data(SchemaTreeModel::DriftStateRole).toInt(),
                     int(drift::DriftState::Missing));
        }
        if (finding.origin && finding.origin->location.line > 0 && !withOrigin)
            withOrigin = &finding;
    }
    QVERIFY(kinds.contains(FindingKind::MissingColumn));
    QVERIFY(kinds.contains(FindingKind::MissingIndex));
    QVERIFY(kinds.contains(FindingKind::MissingTable));
    QCOMPARE(drift->findingsDock()->windowTitle(),
             QStringLiteral("Findings (%1)").arg(findings->rowCount()));

    // A pending migration that would fail: warning icon in the history, and in the summary.
    const HistoryModel *history = window.historyPanel()->model();
    int failing = 0;
    for (int row = 0; row < history->rowCount(); ++row)
        failing += history->index(row, 0).data(HistoryModel::WillFailRole).toBool() ? 1 : 0;
    QVERIFY(failing > 0);
    QVERIFY2(drift->summaryText().contains(QStringLiteral("will fail")),
             qPrintable(drift->summaryText()));
    QVERIFY(drift->summaryText().contains(QStringLiteral("error")));

    // Double-clicking a finding with an origin opens that script at its line.
    QVERIFY(withOrigin);
    const FindingOrigin origin = *withOrigin->origin;
    const int row = int(withOrigin - findings->findings().constData());
    FindingsPanel *panel = drift->findingsPanel();
    QVERIFY(panel->selectRow(row));
    emit panel->view()->activated(panel->view()->currentIndex());
    QCOMPARE(window.historyPanel()->currentRevision(), origin.revision);
    int line = -1;
    int index = 0;
    window.historyPanel()->revisionView()->scriptView()->getCursorPosition(&line, &index);
    QCOMPARE(line + 1, origin.location.line);
    // …and selected its object in the tree.
    QVERIFY(window.schemaView()->currentIndex().isValid());

    // Another comparison re-runs the check off the GUI thread.
    drift->compareSelector()->chooseHead();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count() + failed.count(), 2, kTimeoutMs);
    QVERIFY(failed.isEmpty());
}

QTEST_MAIN(DriftWindowTest)
#include "gui_test_drift_window.moc"
