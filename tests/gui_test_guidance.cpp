// Guidance on screen: in the whole window on the bundled demo (core's real drift check),
// selecting a finding in the Findings list shows in the details pane what happened (the
// headline in bold) and the usual remedy with its word (FIX, STAMP, …) and the incident it
// resembles; the pane on its own shows a pending step's guidance. With
// MIGCONSOLE_SCREENSHOT_DIR set, keeps pictures for a human.
#include "DetailsPane.h"
#include "DriftController.h"
#include "FindingsPanel.h"
#include "GuiDriftTestSupport.h"
#include "GuidanceView.h"
#include "MainWindow.h"
#include "log/Logging.h"

#include <QDockWidget>
#include <QLabel>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QListWidget>
#include <QTest>

using namespace migconsole;

namespace {

constexpr int kTimeoutMs = 30000;

void saveScreenshot(QWidget &widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MIGCONSOLE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(300); // let pending layout and paint settle
    const QString path = dir + QLatin1Char('/') + name + QStringLiteral(".png");
    if (!widget.grab().save(path))
        qWarning("could not save %s", qPrintable(path));
}

/// The row of the first finding of `kind` on `table` in the Findings list; -1 when none.
int rowOf(const FindingsModel *model, FindingKind kind, const QString &table)
{
    const QList<Finding> &findings = model->findings();
    for (int row = 0; row < findings.size(); ++row) {
        if (findings[row].kind == kind && findings[row].table == table)
            return row;
    }
    return -1;
}

/// The guidance block shown for the pane's first finding (or step), checked visible.
GuidanceView *shownGuidance(DetailsPane *details)
{
    // Widgets added to a visible layout are shown by a queued call: let it run.
    QCoreApplication::processEvents();
    const QList<GuidanceView *> views = details->guidanceViews();
    if (views.isEmpty() || !views.first()->isVisibleTo(details->window()))
        return nullptr;
    return views.first();
}

} // namespace

class GuidanceTest : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void selectingAFindingShowsItsGuidance();
    void paneShowsStepGuidance();
};

void GuidanceTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("migconsole-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("gui_test_guidance"));
    setupLogging(spdlog::level::info);
}

void GuidanceTest::selectingAFindingShowsItsGuidance()
{
    MainWindow window;
    window.resize(1400, 850);
    window.show();
    DriftController *drift = window.driftController();
    QSignalSpy checked(drift, &DriftController::driftChecked);
    QSignalSpy failed(drift, &DriftController::driftCheckFailed);
    QSignalSpy connectFailed(&window, &MainWindow::connectionFailed);
    window.openDemo();
    QTRY_COMPARE_WITH_TIMEOUT(checked.count() + failed.count() + connectFailed.count(), 1,
                              kTimeoutMs);
    QVERIFY2(failed.isEmpty(),
             failed.isEmpty() ? "" : qPrintable(failed.first().first().toString()));

    FindingsPanel *panel = drift->findingsPanel();
    DetailsPane *details = window.detailsPane();
    if (auto *dock = window.findChild<QDockWidget *>(QStringLiteral("detailsDock")))
        dock->raise();

    // The demo's missing column: recorded as applied, not there → FIX.
    const int column = rowOf(panel->model(), FindingKind::MissingColumn, QStringLiteral("games"));
    QVERIFY(column >= 0);
    QVERIFY(panel->selectRow(column));
    QCOMPARE(details->title(), QStringLiteral("main.games.external_game_key"));
    const QString happened = details->fact(QStringLiteral("What happened"));
    QVERIFY2(happened.startsWith(
                 QStringLiteral("A migration recorded as applied did not add this column\n")),
             qPrintable(happened));
    QVERIFY2(happened.contains(QStringLiteral("8b2c6d5e3f06")), qPrintable(happened));
    QVERIFY2(
        details->fact(QStringLiteral("Remedy")).startsWith(QStringLiteral("FIX — Preview fixes")),
        qPrintable(details->fact(QStringLiteral("Remedy"))));
    GuidanceView *view = shownGuidance(details);
    QVERIFY(view);
    QCOMPARE(view->headlineLabel()->text(),
             QStringLiteral("A migration recorded as applied did not add this column"));
    QVERIFY(view->headlineLabel()->font().bold());
    QCOMPARE(view->badgeLabel()->text(), QStringLiteral("FIX"));
    QCOMPARE(view->headlineLabel()->textFormat(), Qt::PlainText); // data is never markup
    QVERIFY(view->incidentLabel()->isVisibleTo(details));
    QVERIFY(view->incidentLabel()->text().contains(
        QStringLiteral("column games.external_game_key does not exist")));
    saveScreenshot(*details, QStringLiteral("guidance_details_missing_column"));
    saveScreenshot(*view, QStringLiteral("guidance_block_missing_column")); // whole, unscrolled
    saveScreenshot(window, QStringLiteral("guidance_window_missing_column"));

    // The table the pending head creates, made by hand: the same pane now says STAMP.
    const int table =
        rowOf(panel->model(), FindingKind::ExtraTable, QStringLiteral("system_heartbeats"));
    QVERIFY(table >= 0);
    QVERIFY(panel->selectRow(table));
    QCOMPARE(details->title(), QStringLiteral("main.system_heartbeats"));
    view = shownGuidance(details);
    QVERIFY(view);
    QCOMPARE(view->badgeLabel()->text(), QStringLiteral("STAMP"));
    QVERIFY(view->remedyLabel()->text().startsWith(
        QStringLiteral("Mark 9e3f06a4d7b8 as applied (stamp)")));
    QVERIFY(details->fact(QStringLiteral("Remedy")).startsWith(QStringLiteral("STAMP — ")));
    saveScreenshot(*details, QStringLiteral("guidance_details_extra_table"));

    // The column widened by hand: KEEP.
    const int mood =
        rowOf(panel->model(), FindingKind::TypeMismatch, QStringLiteral("player_wellness_state"));
    QVERIFY(mood >= 0);
    QVERIFY(panel->selectRow(mood));
    view = shownGuidance(details);
    QVERIFY(view);
    QCOMPARE(view->badgeLabel()->text(), QStringLiteral("KEEP"));

    // A pending step that will fail, chosen in the preflight list: its own guidance.
    QListWidget *steps = panel->preflightList();
    QVERIFY(steps->count() >= 1);
    steps->setCurrentRow(0);
    view = shownGuidance(details);
    QVERIFY(view);
    QVERIFY2(view->headlineLabel()->text().contains(QStringLiteral("already"), Qt::CaseInsensitive),
             qPrintable(view->headlineLabel()->text()));
}

void GuidanceTest::paneShowsStepGuidance()
{
    using namespace drifttest;
    DetailsPane details;
    details.resize(360, 700);
    details.show();
    DriftReport report;
    report.expected = expectedSchema();
    report.actual = actualSchema();
    report.drift = findings();
    report.steps = steps();
    report.history.tool = QStringLiteral("alembic");
    report.history.hasDatabase = true;
    report.history.hasVersionTable = true;
    report.history.versionTable = QStringLiteral("public.alembic_version");
    report.history.current = {QStringLiteral("B"), QStringLiteral("0ld0ne")};
    report.history.unknown = {QStringLiteral("0ld0ne")};
    report.history.heads = {QStringLiteral("C")};
    report.history.pending = {QStringLiteral("C")};
    report.targetRevisions = {QStringLiteral("B")};
    details.setDriftReport(report);
    QVERIFY(details.guidanceViews().isEmpty()); // nothing selected, nothing to explain

    // A failing step already in place, its revision half-applied (the index still to make):
    // FIX (complete, then stamp), naming the step's file:line.
    const PreflightStep step = steps().first();
    details.showStep(step);
    QCOMPARE(details.title(), QStringLiteral("player_wellness_state.updated_at"));
    QCOMPARE(details.fact(QStringLiteral("Origin")), QStringLiteral("C — versions/C.py:21"));
    QVERIFY(shownGuidance(&details));
    const QList<GuidanceView *> views = details.guidanceViews();
    QCOMPARE(views.size(), 1);
    QCOMPARE(views.first()->badgeLabel()->text(), QStringLiteral("FIX"));
    QVERIFY2(
        details.fact(QStringLiteral("What happened")).contains(QStringLiteral("versions/C.py:21")),
        qPrintable(details.fact(QStringLiteral("What happened"))));
    QVERIFY(details.fact(QStringLiteral("Remedy")).contains(QStringLiteral("stamp")));
    QVERIFY(details.fact(QStringLiteral("Incident")).contains(QStringLiteral("DuplicateColumn")));
    saveScreenshot(details, QStringLiteral("guidance_details_step"));

    // The version table records a revision no script defines: the fix does not complete
    // revisions then, so the remedy says how to complete and stamp by hand.
    QVERIFY(details.fact(QStringLiteral("Remedy"))
                .contains(QStringLiteral("choose C under Compare against")));

    details.clear();
    QVERIFY(details.guidanceViews().isEmpty());
    QVERIFY(details.fact(QStringLiteral("Remedy")).isEmpty());
}

QTEST_MAIN(GuidanceTest)
#include "gui_test_guidance.moc"
